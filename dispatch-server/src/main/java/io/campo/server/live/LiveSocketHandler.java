package io.campo.server.live;

import io.campo.server.api.ApiException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code WS /api/live}: upgrades an authenticated, admitted request to a WebSocket and hands it to the live feed. The
 * token check ({@code ?access_token=}, since browsers cannot set headers on a WebSocket) and the role check run before
 * this handler, in the HTTP routes.
 */
public final class LiveSocketHandler implements Handler<RoutingContext> {

  public static final String PATH = "/api/live";
  public static final String TOKEN_PARAMETER = "access_token";

  private final LiveFeedVerticle feed;

  public LiveSocketHandler(LiveFeedVerticle feed) {
    this.feed = feed;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (!"websocket".equalsIgnoreCase(ctx.request().getHeader(HttpHeaders.UPGRADE))) {
      ctx.fail(ApiException.badRequest(PATH + " is a WebSocket: connect with ws://…" + PATH + "?" + TOKEN_PARAMETER + "=<token>"));
      return;
    }
    var principal = ctx.user().principal();
    // The token's expiry (seconds since the epoch): Vert.x keeps it among the user's attributes, not in the principal.
    Object exp = ctx.user().get("exp");
    long expiresAtMillis = exp instanceof Number n ? n.longValue() * 1000 : Long.MAX_VALUE;
    ctx.request().toWebSocket().onSuccess(socket -> feed.attach(socket, principal, expiresAtMillis)).onFailure(ctx::fail);
  }
}
