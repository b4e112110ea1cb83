package io.campo.server.report;

import io.campo.server.team.TeamScope;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneId;
import java.util.Set;

/** {@code GET /api/reports/contact-hours}. */
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
    ContactHourRequest request = ContactHourRequest.read(name -> ctx.queryParams().get(name));
    JsonObject principal = ctx.user().principal();
    Set<String> scopeTeams = "admin".equals(principal.getString("role")) ? null : scope.teamsOf(principal.getString("sub"));
    vertx.executeBlocking(() -> query.counts(request, scopeTeams), false)
        .onSuccess(counts -> ctx.json(ContactHourJson.of(request, zone, counts)))
        .onFailure(ctx::fail);
  }
}
