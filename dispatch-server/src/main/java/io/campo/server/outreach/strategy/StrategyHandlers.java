package io.campo.server.outreach.strategy;

import io.campo.server.api.JsonBodies;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /api/strategies} and {@code GET /api/strategies}. */
public final class StrategyHandlers {

  static final String EXAMPLE = "{\"name\":\"3 días antes\",\"segment\":\"temprana\",\"rule\":\"days_from_due\",\"offsetDays\":-3,"
      + "\"channel\":\"whatsapp\",\"template\":\"recordatorio_pago\"}";

  private final Vertx vertx;
  private final Strategies strategies;

  public StrategyHandlers(Vertx vertx, Strategies strategies) {
    this.vertx = vertx;
    this.strategies = strategies;
  }

  public void create(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx, EXAMPLE);
    String actor = ctx.user().principal().getString("sub");
    vertx.executeBlocking(() -> strategies.create(body, actor), false).onSuccess(created -> {
      ctx.response().setStatusCode(201);
      ctx.json(created);
    }).onFailure(ctx::fail);
  }

  public void list(RoutingContext ctx) {
    vertx.executeBlocking(strategies::list, false).onSuccess(list -> ctx.json(new JsonObject().put("strategies", list)))
        .onFailure(ctx::fail);
  }
}
