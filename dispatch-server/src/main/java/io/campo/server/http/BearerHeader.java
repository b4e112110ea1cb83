package io.campo.server.http;

import io.campo.server.api.ApiException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/**
 * Answers 401, with what to send, when the {@code Authorization} header is missing or is not {@code Bearer <token>}:
 * Vert.x's JWT handler called an empty or misshapen header a 400 "request failed", which told a phone nothing about
 * logging in again. Runs before the JWT check, and so before any body is read.
 */
final class BearerHeader implements Handler<RoutingContext> {

  /** RFC 6750's b64token: what a JWT (three base64url parts joined by points) always is. */
  private static final Pattern BEARER = Pattern.compile("Bearer [A-Za-z0-9\\-._~+/]+=*");

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header != null && BEARER.matcher(header).matches()) {
      ctx.next();
      return;
    }
    ctx.response().putHeader("WWW-Authenticate", "Bearer");
    ctx.fail(new ApiException(401, header == null
        ? "authentication required: send 'Authorization: Bearer <token>' from POST /api/auth/login"
        : "the Authorization header must be 'Bearer <token>' with the token from POST /api/auth/login"));
  }
}
