package io.campo.server.visitrule;

import io.campo.server.api.JsonBodies;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/visit-rules} (office) and {@code PUT /api/visit-rules} (admin): the agency's visit rules. A PUT adds a
 * version; visits already judged keep the version that judged them (docs/visit-rules.md).
 */
public final class VisitRuleHandlers {

  private final Vertx vertx;
  private final VisitRuleSets sets;

  public VisitRuleHandlers(Vertx vertx, VisitRuleSets sets) {
    this.vertx = vertx;
    this.sets = sets;
  }

  public void get(RoutingContext ctx) {
    vertx.executeBlocking(sets::current, false).onSuccess(s -> ctx.json(s.json())).onFailure(ctx::fail);
  }

  public void put(RoutingContext ctx) {
    VisitRuleSet rules = VisitRuleSetReader.read(JsonBodies.object(ctx, VisitRuleSetReader.EXAMPLE));
    String by = ctx.user().principal().getString("sub");
    vertx.executeBlocking(() -> sets.add(rules, by), false).onSuccess(s -> ctx.json(s.json())).onFailure(ctx::fail);
  }
}
