package io.campo.server.agent;

import io.campo.server.api.ApiException;
import io.campo.server.api.JsonBodies;
import io.campo.server.team.TeamScope;
import io.campo.tracking.ingest.LatestPositions;
import io.campo.tracking.ingest.OnDuty;
import io.campo.server.cluster.ConnectedAgents;
import io.campo.tracking.storage.TelemetryStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * HTTP handlers for agents: the fleet list with latest positions, creating an agent (and its
 * device token), and one agent's track as GeoJSON. The list shows only the agents of the
 * caller's teams; per-agent routes are scoped before they get here ({@link TeamScope#guardingAgentId}).
 */
public final class AgentHandlers {

  /** An agent heard from within this long is shown online even if no device of it is connected now. */
  static final Duration ONLINE_WINDOW = Duration.ofMinutes(2);
  static final Duration MAX_TRACK_SPAN = Duration.ofDays(31);
  static final int MAX_TRACK_FIXES = 100_000;

  private final Vertx vertx;
  private final AgentRegistry registry;
  private final LatestPositions latest;
  private final ConnectedAgents connected;
  private final TelemetryStore telemetry;
  private final Clock clock;
  private final TeamScope scope;
  private final DeviceCutoff cutoff;
  private final OnDuty onDuty;

  public AgentHandlers(Vertx vertx, AgentRegistry registry, LatestPositions latest, ConnectedAgents connected,
      TelemetryStore telemetry, Clock clock, TeamScope scope, DeviceCutoff cutoff) {
    this(vertx, registry, latest, connected, telemetry, clock, scope, cutoff, OnDuty.ALWAYS);
  }

  /** @param onDuty whether each agent is on duty now, shown as {@code "onDuty"} (the map's *fuera de turno*) */
  public AgentHandlers(Vertx vertx, AgentRegistry registry, LatestPositions latest, ConnectedAgents connected,
      TelemetryStore telemetry, Clock clock, TeamScope scope, DeviceCutoff cutoff, OnDuty onDuty) {
    this.cutoff = cutoff;
    this.onDuty = onDuty;
    this.vertx = vertx;
    this.registry = registry;
    this.latest = latest;
    this.connected = connected;
    this.telemetry = telemetry;
    this.clock = clock;
    this.scope = scope;
  }

  public void list(RoutingContext ctx) {
    Predicate<String> visible = scope.visibleAgents(ctx.user().principal());
    vertx.executeBlocking(registry::list, false)
        .compose(agents -> connected.all().map(connectedIds -> listed(agents, connectedIds, visible)))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  /** The fleet as {@code GET /api/agents} shows it; {@code connectedIds}: agents with a device connected to any node. */
  private JsonArray listed(List<AgentRegistry.Agent> agents, Set<String> connectedIds, Predicate<String> visible) {
    JsonArray out = new JsonArray();
    long now = clock.millis();
    for (AgentRegistry.Agent a : agents) {
      if (!visible.test(a.id())) {
        continue;
      }
      JsonObject o = new JsonObject().put("id", a.id()).put("name", a.name()).put("team", a.team()).put("active", a.active());
      boolean isConnected = connectedIds.contains(a.id());
      latest.of(a.id()).ifPresentOrElse(f -> {
        o.put("lat", f.lat()).put("lon", f.lon())
            .put("accuracy", f.accuracyMeters()).put("speed", f.speedMetersPerSecond()).put("heading", f.headingDegrees())
            .put("battery", f.batteryPercent()).put("charging", f.charging())
            .put("lastSeen", f.deviceTime().toString()).put("receivedAt", f.receivedAt().toString());
      }, () -> o.putNull("lastSeen"));
      boolean recent = latest.of(a.id()).map(f -> now - f.receivedAtMillis() <= ONLINE_WINDOW.toMillis()).orElse(false);
      o.put("connected", isConnected).put("online", isConnected || recent).put("onDuty", onDuty.at(a.id(), now));
      out.add(o);
    }
    return out;
  }

  public void create(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx, "{\"id\": \"agent-17\", \"name\": \"Ana Pérez\"}");
    String id = JsonBodies.string(body, "id");
    String name = JsonBodies.string(body, "name");
    String supervisor = JsonBodies.string(body, "supervisorEmail");
    if (body.getValue("team") != null && !(body.getValue("team") instanceof String)) {
      throw ApiException.badRequest("'team' must be a team id (see GET /api/teams) or absent");
    }
    String team = JsonBodies.string(body, "team");
    vertx.executeBlocking(() -> {
      AgentRegistry.CreatedAgent created = registry.create(id, name, supervisor, team);
      if (team != null) {
        scope.refresh();
      }
      return created;
    }, false).onSuccess(created -> ctx.response().setStatusCode(201)
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("id", created.agent().id()).put("name", created.agent().name())
            .put("team", created.agent().team()).put("deviceToken", created.deviceToken()).encode()))
        .onFailure(ctx::fail);
  }

  /**
   * {@code POST /api/agents/{id}/token}: a new device token, shown only in this answer; the old one stops working, and
   * the agent's MQTT connections and phone sessions opened with it end on every node.
   */
  public void rotateToken(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    vertx.executeBlocking(() -> registry.rotateToken(id)
        .orElseThrow(() -> ApiException.notFound("no agent '" + id + "'")), false)
        .compose(token -> cutoff.changed(id).map(token))
        .onSuccess(token -> ctx.json(new JsonObject().put("id", id).put("deviceToken", token)))
        .onFailure(ctx::fail);
  }

  /**
   * {@code PUT /api/agents/{id}/active} {@code {"active": false|true}}: disables or enables the agent. Disabling ends its
   * devices' MQTT connections and phone sessions on every node and refuses its token until it is enabled again (then
   * the phone logs in again with the same token).
   */
  public void setActive(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx, "{\"active\": false}");
    if (!(body.getValue("active") instanceof Boolean active)) {
      throw ApiException.badRequest("send {\"active\": false} to disable the agent or {\"active\": true} to enable it");
    }
    String id = ctx.pathParam("id");
    vertx.executeBlocking(() -> {
      if (!registry.setActive(id, active)) {
        throw ApiException.notFound("no agent '" + id + "'");
      }
      return null;
    }, false).compose(v -> cutoff.changed(id))
        .onSuccess(v -> ctx.json(new JsonObject().put("id", id).put("active", active)))
        .onFailure(ctx::fail);
  }

  public void track(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Instant to = time(ctx, "to", clock.instant());
    Instant from = time(ctx, "from", to.minus(Duration.ofHours(24)));
    if (!from.isBefore(to)) {
      throw ApiException.badRequest("'from' (" + from + ") must be before 'to' (" + to + ")");
    }
    if (Duration.between(from, to).compareTo(MAX_TRACK_SPAN) > 0) {
      throw ApiException.badRequest("a track spans at most " + MAX_TRACK_SPAN.toDays() + " days; narrow 'from'/'to'");
    }
    vertx.executeBlocking(() -> {
      if (registry.find(id).isEmpty()) {
        throw ApiException.notFound("no agent '" + id + "'");
      }
      return telemetry.track(id, from, to, MAX_TRACK_FIXES);
    }, false).onSuccess(fixes -> ctx.json(TrackGeoJson.feature(id, from, to, fixes, MAX_TRACK_FIXES)))
        .onFailure(ctx::fail);
  }

  private static Instant time(RoutingContext ctx, String name, Instant fallback) {
    List<String> values = ctx.queryParam(name);
    if (values.isEmpty() || values.get(0).isBlank()) {
      return fallback;
    }
    String v = values.get(0);
    try {
      return v.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(v)) : Instant.parse(v);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw ApiException.badRequest("'" + name + "' must be an ISO-8601 instant (2026-11-22T14:03:05Z) or epoch milliseconds, got '" + v + "'");
    }
  }
}
