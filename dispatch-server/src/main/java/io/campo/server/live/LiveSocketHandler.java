package io.campo.server.live;

import io.campo.server.api.ApiException;
import io.campo.server.auth.UserAccounts;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code WS /api/live}: upgrades the request to a WebSocket, authenticates it by its first message, and hands it to the
 * live feed. The JWT never travels in the URL: proxies and access logs keep URLs, and browsers cannot set headers on a
 * WebSocket, so the first text message must be {@code {"type":"auth","token":"<jwt>"}} within {@link #AUTH_DEADLINE}. A
 * URL carrying a token is refused before the upgrade (400), so that a client still sending one learns at once. A socket
 * that does not authenticate in time, or with a bad token, is closed {@value #NOT_AUTHENTICATED}; a role not admitted
 * to the map, {@value #ROLE_REFUSED}. A token outlives changes to its user's account, so the account is looked up too:
 * a socket of a user removed, or whose role is no longer the token's, is closed at once ({@value
 * LiveSocketsByUser#USER_REMOVED}), and sockets are registered by user so that later changes close them.
 */
public final class LiveSocketHandler implements Handler<RoutingContext> {

  private static final Logger log = LoggerFactory.getLogger(LiveSocketHandler.class);

  public static final String PATH = "/api/live";
  /** Long enough for a page on a slow phone network to send one message after the upgrade; short for idle sockets. */
  public static final Duration AUTH_DEADLINE = Duration.ofSeconds(5);
  public static final short NOT_AUTHENTICATED = 4401;
  public static final short ROLE_REFUSED = 4403;

  private final LiveFeedVerticle feed;
  private final LiveSocketsByUser sockets;
  private final Function<String, Future<Optional<UserAccounts.Account>>> currentAccount;
  private final JWTAuth jwt;
  private final Set<String> admittedRoles;

  /**
   * @param currentAccount a username's account now, empty when there is no such user
   * @param admittedRoles the roles whose tokens may watch the live map
   */
  public LiveSocketHandler(LiveFeedVerticle feed, LiveSocketsByUser sockets,
      Function<String, Future<Optional<UserAccounts.Account>>> currentAccount, JWTAuth jwt, Set<String> admittedRoles) {
    this.feed = feed;
    this.sockets = sockets;
    this.currentAccount = currentAccount;
    this.jwt = jwt;
    this.admittedRoles = Set.copyOf(admittedRoles);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (!ctx.queryParams().isEmpty()) {
      // Also ?access_token=: the token is already in a log somewhere, but it is not accepted, so clients change.
      ctx.fail(ApiException.badRequest(PATH + " takes no query parameters (a token in the URL ends up in logs): "
          + "connect, then send {\"type\":\"auth\",\"token\":\"<jwt>\"} as the first message"));
      return;
    }
    if (!"websocket".equalsIgnoreCase(ctx.request().getHeader(HttpHeaders.UPGRADE))) {
      ctx.fail(ApiException.badRequest(PATH + " is a WebSocket: connect with ws(s)://…" + PATH
          + " and send {\"type\":\"auth\",\"token\":\"<jwt>\"} as the first message"));
      return;
    }
    var vertx = ctx.vertx();
    ctx.request().toWebSocket().onSuccess(socket -> {
      long deadline = vertx.setTimer(AUTH_DEADLINE.toMillis(), id -> {
        if (!socket.isClosed()) {
          socket.close(NOT_AUTHENTICATED, "no auth message within " + AUTH_DEADLINE.toSeconds() + " s");
        }
      });
      socket.closeHandler(v -> vertx.cancelTimer(deadline));
      socket.binaryMessageHandler(b -> {
        vertx.cancelTimer(deadline);
        socket.close(NOT_AUTHENTICATED, "the first message must be {\"type\":\"auth\",\"token\":\"<jwt>\"}");
      });
      socket.textMessageHandler(text -> {
        // One message only: what the page sends next (its viewport) waits for the feed's handlers.
        socket.pause();
        vertx.cancelTimer(deadline);
        String token;
        try {
          token = ClientMessageReader.token(text);
        } catch (IllegalArgumentException e) {
          socket.close(NOT_AUTHENTICATED, e.getMessage());
          return;
        }
        jwt.authenticate(new TokenCredentials(token)).onComplete(checked -> {
          if (checked.failed()) {
            socket.close(NOT_AUTHENTICATED, "invalid or expired token; log in again");
          } else {
            admit(socket, checked.result());
          }
        });
      });
    }).onFailure(ctx::fail);
  }

  private void admit(ServerWebSocket socket, User user) {
    var principal = user.principal();
    String username = principal.getString("sub");
    String role = principal.getString("role");
    if (username == null || role == null || !admittedRoles.contains(role)) {
      socket.close(ROLE_REFUSED, "the live map is for " + String.join(", ", admittedRoles.stream().sorted().toList()));
      return;
    }
    long generation = principal.getLong(UserAccounts.GENERATION_CLAIM, 0L);
    // The token's expiry (seconds since the epoch): Vert.x keeps it among the user's attributes, not in the principal.
    Object exp = user.get("exp");
    long expiresAtMillis = exp instanceof Number n ? n.longValue() * 1000 : Long.MAX_VALUE;
    // Registered before the account is looked up, so that a change made meanwhile cannot miss it; fed only once the
    // token is known to speak for the account, so a revoked token never gets a frame.
    sockets.add(username, socket, role, generation);
    currentAccount.apply(username).onComplete(looked -> {
      if (looked.failed()) {
        log.warn("live socket of '{}' closed: its account could not be looked up: {}", username, looked.cause().toString());
        socket.close((short) 1011, "the account could not be checked; reconnect");
      } else if (looked.result().filter(a -> a.issued(role, generation)).isEmpty()) {
        socket.close(LiveSocketsByUser.USER_REMOVED, "this user was removed or changed; log in again");
      } else if (!socket.isClosed()) {
        feed.attach(socket, principal, expiresAtMillis);
      }
    });
  }
}
