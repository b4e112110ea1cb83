package io.campo.server.planning;

import io.campo.routing.planning.PlanRequest;
import io.campo.server.api.ApiException;
import io.campo.server.api.JsonBodies;
import io.campo.server.api.PathIds;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneId;

/** {@code POST /api/plans} starts a planning job; {@code GET /api/plans/{id}} shows it. */
public final class PlanHandlers {

  private final Vertx vertx;
  private final PlanJobs jobs;
  private final ZoneId zone;

  public PlanHandlers(Vertx vertx, PlanJobs jobs, ZoneId zone) {
    this.vertx = vertx;
    this.jobs = jobs;
    this.zone = zone;
  }

  public void submit(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx,
        "{\"date\": \"2026-11-24\", \"agents\": [{\"id\": \"a1\", \"shiftStart\": \"08:00\", \"shiftEnd\": \"17:00\","
            + " \"start\": {\"lat\": 19.43, \"lon\": -99.13}}], \"visits\": [{\"id\": \"v1\", \"lat\": 19.44, \"lon\": -99.12}]}");
    PlanRequest request = new PlanRequestReader(zone).read(body);
    String user = ctx.user().principal().getString("sub");
    vertx.executeBlocking(() -> jobs.submit(request, body, user), false).onSuccess(id -> ctx.response().setStatusCode(202)
        .putHeader("Location", "/api/plans/" + id).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("id", id).put("status", "running").put("date", request.date().toString()).encode()))
        .onFailure(ctx::fail);
  }

  public void get(RoutingContext ctx) {
    long id = PathIds.number(ctx, "plan");
    vertx.executeBlocking(() -> jobs.find(id), false).onSuccess(found -> {
      if (found.isEmpty()) {
        ctx.fail(ApiException.notFound("no plan " + id));
      } else {
        ctx.json(found.get());
      }
    }).onFailure(ctx::fail);
  }
}
