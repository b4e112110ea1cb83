package io.campo.server.agentday;

import io.campo.server.agent.AgentRegistry;
import io.campo.server.api.AgentDay;
import io.campo.server.api.ApiException;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;

/**
 * {@code GET /api/agents/{id}/day?date=} (route, geofences, trail) and {@code GET
 * /api/agents/{id}/timeline?date=} (fixes, battery, events); the date defaults to today in the
 * agency's time zone.
 */
public final class AgentDayHandlers {

  private final Vertx vertx;
  private final AgentRegistry agents;
  private final AgentDays days;
  private final ZoneId zone;
  private final Clock clock;

  public AgentDayHandlers(Vertx vertx, AgentRegistry agents, AgentDays days, ZoneId zone, Clock clock) {
    this.vertx = vertx;
    this.agents = agents;
    this.days = days;
    this.zone = zone;
    this.clock = clock;
  }

  public void day(RoutingContext ctx) {
    String agentId = ctx.pathParam("id");
    AgentDay day = AgentDay.fromQuery(ctx, zone, clock);
    vertx.executeBlocking(() -> {
      known(agentId);
      return days.day(agentId, day);
    }, false).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  public void timeline(RoutingContext ctx) {
    String agentId = ctx.pathParam("id");
    AgentDay day = AgentDay.fromQuery(ctx, zone, clock);
    vertx.executeBlocking(() -> {
      known(agentId);
      return days.timeline(agentId, day);
    }, false).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** Team scope is checked before this, by the route table (ApiRoutes); an unknown agent is a 404. */
  private void known(String agentId) throws SQLException {
    if (agents.find(agentId).isEmpty()) {
      throw ApiException.notFound("no agent '" + agentId + "'");
    }
  }
}
