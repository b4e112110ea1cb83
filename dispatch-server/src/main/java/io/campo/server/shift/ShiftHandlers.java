package io.campo.server.shift;

import io.campo.server.api.ApiException;
import io.campo.server.api.JsonBodies;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * HTTP handlers of work-hours-only tracking: an agent's schedule for the office ({@code /api/agents/{id}/schedule},
 * scoped to the caller's teams by the route table), and the agent's own duty and shift for the app
 * ({@code /api/me/shift}). Every change is in force on this node before the answer goes out, and on the others within
 * {@link RosterSync#RECHECK_INTERVAL}.
 */
public final class ShiftHandlers {

  /** How far ahead the app is told its on-duty periods: it decides offline, and a day and a half covers a night without coverage. */
  static final Duration PERIODS_AHEAD = Duration.ofHours(36);
  static final int RECENT_ACTIONS = 20;

  private final Vertx vertx;
  private final AgentSchedules store;
  private final DutyRoster roster;
  private final RosterSync sync;
  private final Clock clock;

  ShiftHandlers(Vertx vertx, AgentSchedules store, DutyRoster roster, RosterSync sync, Clock clock) {
    this.vertx = vertx;
    this.store = store;
    this.roster = roster;
    this.sync = sync;
    this.clock = clock;
  }

  /** {@code GET /api/agents/{id}/schedule}: the schedule ({@code "weekly": null} when tracked at all hours), duty now, recent shift actions. */
  public void get(RoutingContext ctx) {
    String agentId = ctx.pathParam("id");
    vertx.executeBlocking(() -> scheduleView(agentId), false).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** {@code PUT /api/agents/{id}/schedule} {@code {"weekly": [...], "exceptions": [...]}}: replaces the schedule. */
  public void put(RoutingContext ctx) {
    String agentId = ctx.pathParam("id");
    WorkSchedule schedule = ScheduleReader.read(JsonBodies.object(ctx, ScheduleReader.EXAMPLE));
    String by = ctx.user().principal().getString("sub");
    vertx.executeBlocking(() -> {
      if (!store.put(agentId, schedule, by)) {
        throw ApiException.notFound("no agent '" + agentId + "'");
      }
      return null;
    }, false).compose(v -> sync.changed(agentId))
        .compose(v -> vertx.executeBlocking(() -> scheduleView(agentId), false))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** {@code DELETE /api/agents/{id}/schedule}: the agent is tracked at all hours again. */
  public void delete(RoutingContext ctx) {
    String agentId = ctx.pathParam("id");
    vertx.executeBlocking(() -> {
      if (!store.delete(agentId)) {
        throw ApiException.notFound("agent '" + agentId + "' has no schedule: it is tracked at all hours already");
      }
      return null;
    }, false).compose(v -> sync.changed(agentId))
        .onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  /** {@code GET /api/me/shift}: whether the agent is on duty now and its on-duty periods ahead (for the app's tracker). */
  public void mine(RoutingContext ctx) {
    ctx.json(dutyView(ctx.user().principal().getString("sub")));
  }

  /**
   * {@code POST /api/me/shift} {@code {"action": "start"|"end"}}: the agent starts or ends a shift from the app. Audited
   * (agent_shift_action: who, when, what) and honoured by ingest until the schedule next changes, at most until midnight.
   */
  public void act(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx, "{\"action\": \"start\"}");
    Object action = body.getValue("action");
    if (!"start".equals(action) && !"end".equals(action)) {
      throw ApiException.badRequest("'action' must be \"start\" (begin a shift now) or \"end\" (stop being tracked now)");
    }
    String agentId = ctx.user().principal().getString("sub");
    Instant at = clock.instant();
    Instant until = roster.overrideUntil(agentId, at);
    AgentSchedules.ShiftAction recorded = new AgentSchedules.ShiftAction(agentId, (String) action, at, until, agentId);
    vertx.executeBlocking(() -> {
      store.record(recorded);
      return null;
    }, false).compose(v -> sync.changed(agentId))
        .onSuccess(v -> ctx.json(dutyView(agentId).put("recorded", actionJson(recorded))))
        .onFailure(ctx::fail);
  }

  private JsonObject scheduleView(String agentId) throws java.sql.SQLException {
    var stored = store.get(agentId);
    JsonObject out = new JsonObject().put("agentId", agentId).put("timeZone", roster.zone().getId());
    stored.ifPresentOrElse(s -> out.put("weekly", ScheduleJson.weekly(s.schedule()))
        .put("exceptions", ScheduleJson.exceptions(s.schedule()))
        .put("updatedAt", s.updatedAt().toString()).put("updatedBy", s.updatedBy()),
        () -> out.putNull("weekly").put("exceptions", new JsonArray()));
    out.put("onDuty", roster.onDuty(agentId, clock.instant()));
    JsonArray actions = new JsonArray();
    store.recentActions(agentId, RECENT_ACTIONS).forEach(a -> actions.add(actionJson(a)));
    return out.put("shiftActions", actions);
  }

  private JsonObject dutyView(String agentId) {
    Instant now = clock.instant();
    Instant horizon = now.plus(PERIODS_AHEAD);
    List<Instant[]> periods = roster.periods(agentId, now, horizon);
    JsonArray periodsJson = new JsonArray();
    periods.forEach(p -> periodsJson.add(new JsonObject().put("from", p[0].toString()).put("to", p[1].toString())));
    boolean onDuty = roster.onDuty(agentId, now);
    return new JsonObject().put("agentId", agentId).put("timeZone", roster.zone().getId())
        .put("tracking", roster.hasSchedule(agentId) ? "schedule" : "always")
        .put("onDuty", onDuty).put("periods", periodsJson).put("periodsUntil", horizon.toString());
  }

  private static JsonObject actionJson(AgentSchedules.ShiftAction a) {
    return new JsonObject().put("action", a.action()).put("at", a.at().toString()).put("until", a.until().toString())
        .put("by", a.byUser());
  }
}
