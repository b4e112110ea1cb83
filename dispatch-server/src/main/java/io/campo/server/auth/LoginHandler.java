package io.campo.server.auth;

import io.campo.server.api.ApiException;
import io.campo.server.api.JsonBodies;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /api/auth/login}: username and password in, a JWT with the user's role out. */
public final class LoginHandler {

  private static final Logger log = LoggerFactory.getLogger(LoginHandler.class);
  static final int TOKEN_MINUTES = 12 * 60;

  private final Vertx vertx;
  private final UserAccounts users;
  private final JWTAuth jwt;

  public LoginHandler(Vertx vertx, UserAccounts users, JWTAuth jwt) {
    this.vertx = vertx;
    this.users = users;
    this.jwt = jwt;
  }

  public void login(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx, "{\"username\": \"...\", \"password\": \"...\"}");
    String username = JsonBodies.string(body, "username");
    String password = JsonBodies.string(body, "password");
    if (username == null || password == null) {
      throw ApiException.badRequest("send {\"username\": \"...\", \"password\": \"...\"}");
    }
    vertx.executeBlocking(() -> users.verify(username, password), false).onSuccess(user -> {
      if (user.isEmpty()) {
        log.warn("failed login for '{}' from {}", username, ctx.request().remoteAddress());
        ctx.fail(new ApiException(401, "wrong username or password"));
        return;
      }
      String token = jwt.generateToken(
          new JsonObject().put("sub", user.get().username()).put("role", user.get().role()),
          new JWTOptions().setAlgorithm("HS256").setExpiresInMinutes(TOKEN_MINUTES));
      ctx.json(new JsonObject().put("token", token).put("role", user.get().role())
          .put("expiresInSeconds", TOKEN_MINUTES * 60));
    }).onFailure(ctx::fail);
  }
}
