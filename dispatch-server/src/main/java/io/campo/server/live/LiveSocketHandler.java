package io.campo.server.live;

import io.campo.server.api.ApiException;
import io.campo.server.auth.UserAccounts;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code WS /api/live}: upgrades an authenticated, admitted request to a WebSocket and hands it to the live feed. The
 * token check ({@code ?access_token=}, since browsers cannot set headers on a WebSocket) and the role check run before
 * this handler, in the HTTP routes. A token outlives changes to its user's account, so the account is looked up too:
 * a socket of a user removed, or whose role is no longer the token's, is closed at once ({@value
 * LiveSocketsByUser#USER_REMOVED}), and sockets are registered by user so that later changes close them.
 */
public final class LiveSocketHandler implements Handler<RoutingContext> {

  private static final Logger log = LoggerFactory.getLogger(LiveSocketHandler.class);

  public static final String PATH = "/api/live";
  public static final String TOKEN_PARAMETER = "access_token";

  private final LiveFeedVerticle feed;
  private final LiveSocketsByUser sockets;
  private final Function<String, Future<Optional<UserAccounts.Account>>> currentAccount;

  /** @param currentAccount a username's account now, empty when there is no such user */
  public LiveSocketHandler(LiveFeedVerticle feed, LiveSocketsByUser sockets,
      Function<String, Future<Optional<UserAccounts.Account>>> currentAccount) {
    this.feed = feed;
    this.sockets = sockets;
    this.currentAccount = currentAccount;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (!"websocket".equalsIgnoreCase(ctx.request().getHeader(HttpHeaders.UPGRADE))) {
      ctx.fail(ApiException.badRequest(PATH + " is a WebSocket: connect with ws://…" + PATH + "?" + TOKEN_PARAMETER + "=<token>"));
      return;
    }
    var principal = ctx.user().principal();
    String username = principal.getString("sub");
    String role = principal.getString("role");
    long generation = principal.getLong(UserAccounts.GENERATION_CLAIM, 0L);
    // The token's expiry (seconds since the epoch): Vert.x keeps it among the user's attributes, not in the principal.
    Object exp = ctx.user().get("exp");
    long expiresAtMillis = exp instanceof Number n ? n.longValue() * 1000 : Long.MAX_VALUE;
    ctx.request().toWebSocket().onSuccess(socket -> {
      // Registered before the account is looked up, so that a change made meanwhile cannot miss it; fed only once the
      // token is known to speak for the account, so a revoked token never gets a frame.
      sockets.add(username, socket, role, generation);
      socket.pause(); // what the page sends at once (its viewport) waits for the feed's handlers
      currentAccount.apply(username).onComplete(looked -> {
        if (looked.failed()) {
          log.warn("live socket of '{}' closed: its account could not be looked up: {}", username, looked.cause().toString());
          socket.close((short) 1011, "the account could not be checked; reconnect");
        } else if (looked.result().filter(a -> a.issued(role, generation)).isEmpty()) {
          socket.close(LiveSocketsByUser.USER_REMOVED, "this user was removed or changed; log in again");
        } else if (!socket.isClosed()) {
          feed.attach(socket, principal, expiresAtMillis);
          socket.resume();
        }
      });
    }).onFailure(ctx::fail);
  }
}
