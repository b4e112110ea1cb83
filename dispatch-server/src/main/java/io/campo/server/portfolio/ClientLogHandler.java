package io.campo.server.portfolio;

import io.campo.server.api.ApiException;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/debtors/{externalId}/log}: the debtor's client log, oldest first. */
public final class ClientLogHandler {

  private final Vertx vertx;
  private final ClientLog log;

  public ClientLogHandler(Vertx vertx, ClientLog log) {
    this.vertx = vertx;
    this.log = log;
  }

  public void get(RoutingContext ctx) {
    String externalId = ctx.pathParam("id");
    vertx.executeBlocking(() -> log.read(externalId), false).onSuccess(found -> {
      if (found.isEmpty()) {
        ctx.fail(ApiException.notFound("no debtor '" + externalId + "'"));
      } else {
        ctx.json(found.get());
      }
    }).onFailure(ctx::fail);
  }
}
