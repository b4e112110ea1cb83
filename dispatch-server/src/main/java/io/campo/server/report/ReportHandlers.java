package io.campo.server.report;

import io.campo.server.api.ApiException;
import io.campo.server.api.JsonBodies;
import io.campo.server.team.TeamScope;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneId;
import java.util.Set;

/** {@code GET /api/reports/contact-hours}, and {@code POST} with a zone. */
public final class ReportHandlers {

  private final Vertx vertx;
  private final ContactHourQuery query;
  private final TeamScope scope;
  private final ZoneId zone;

  public ReportHandlers(Vertx vertx, ContactHourQuery query, TeamScope scope, ZoneId zone) {
    this.vertx = vertx;
    this.query = query;
    this.scope = scope;
    this.zone = zone;
  }

  /**
   * Admins see every agent's visits; dispatchers and managers those of the agents now in their
   * teams. An agent or team outside them answers like one that does not exist (an empty matrix),
   * so that the report cannot be used to learn which ids exist.
   */
  public void contactHours(RoutingContext ctx) {
    answer(ctx, ContactHourRequest.read(name -> ctx.queryParams().get(name)));
  }

  /** {@code POST /api/reports/contact-hours}: the same filters in a JSON body, plus {@code zone} (GeoJSON or WKT). */
  public void contactHoursInZone(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx, "{\"from\": \"2026-03-01\", \"to\": \"2026-03-31\", \"zone\": "
        + "\"POLYGON((-99.2 19.3, -99.0 19.3, -99.0 19.5, -99.2 19.3))\"}");
    if (body.getValue("zone") == null) {
      throw ApiException.badRequest("'zone' is required in a POST (without one, use GET); it must be " + ZonePolygon.EXAMPLE);
    }
    answer(ctx, ContactHourRequest.read(name -> body.getValue(name) == null ? null : String.valueOf(body.getValue(name)),
        body.getValue("zone")));
  }

  private void answer(RoutingContext ctx, ContactHourRequest request) {
    JsonObject principal = ctx.user().principal();
    Set<String> scopeTeams = "admin".equals(principal.getString("role")) ? null : scope.teamsOf(principal.getString("sub"));
    vertx.executeBlocking(() -> query.counts(request, scopeTeams), false)
        .onSuccess(counts -> ctx.json(ContactHourJson.of(request, zone, counts)))
        .onFailure(ctx::fail);
  }
}
