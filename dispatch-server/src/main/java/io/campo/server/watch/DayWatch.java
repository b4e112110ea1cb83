package io.campo.server.watch;

import io.campo.tracking.ingest.LatestPositions;
import io.campo.tracking.telemetry.Fix;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * One look at the running day, for every agent with a route in today's newest plan: the ETA at each stop not yet
 * visited, from the agent's latest position; then which alert conditions hold, raising the alerts that start and
 * clearing those that ended. Returns what the live map should hear. Alerts of agents no longer watched (the day
 * changed, a re-plan dropped the agent) are cleared too: nothing stays open that no one re-checks.
 *
 * <p>Blocking (JDBC, the road matrix); one pass at a time.
 */
final class DayWatch {

  private final DataSource dataSource;
  private final RunningRoutes routes;
  private final LegTimes legTimes;
  private final AlertConditions conditions;
  private final DayAlerts alerts;
  private final LatestPositions latest;
  private final ZoneId zone;
  private final Clock clock;
  private final boolean email;

  DayWatch(DataSource dataSource, RunningRoutes routes, LegTimes legTimes, AlertConditions conditions, DayAlerts alerts,
      LatestPositions latest, ZoneId zone, Clock clock, boolean email) {
    this.dataSource = dataSource;
    this.routes = routes;
    this.legTimes = legTimes;
    this.conditions = conditions;
    this.alerts = alerts;
    this.latest = latest;
    this.zone = zone;
    this.clock = clock;
    this.email = email;
  }

  /** The pass's live events (ETAs, alerts raised and cleared) and whether an e-mail was queued. */
  record Pass(List<JsonObject> events, boolean emailQueued) {}

  Pass run() throws SQLException {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, zone);
    Instant dayStart = today.atStartOfDay(zone).toInstant();
    Map<String, RunningRoute> running = routes.of(today);
    Map<String, Set<String>> visited = running.isEmpty() ? Map.of() : visitedSince(dayStart);
    Map<String, Map<String, DayAlerts.Alert>> openByAgent = new HashMap<>();
    for (DayAlerts.Alert a : alerts.open()) {
      openByAgent.computeIfAbsent(a.agentId(), k -> new LinkedHashMap<>()).put(a.key(), a);
    }

    List<JsonObject> events = new ArrayList<>();
    boolean emailQueued = false;
    Set<String> watched = new HashSet<>();
    for (RunningRoute route : running.values()) {
      Optional<Fix> position = latest.of(route.agentId()).filter(f -> !f.deviceTime().isBefore(dayStart));
      if (position.isEmpty()) {
        continue;
      }
      watched.add(route.agentId());
      Fix fix = position.get();
      Set<String> done = visited.getOrDefault(route.agentId(), Set.of());
      List<RunningRoute.Stop> remaining = route.stops().stream().filter(s -> !done.contains(s.visitId())).toList();
      LegTimes.Legs legs = legTimes.legs(route.profile(), fix.lat(), fix.lon(), remaining);
      List<StopEtas.Eta> etas = StopEtas.of(now, remaining, legs.seconds());
      events.add(etaEvent(route, fix, now, legs.source(), etas));

      Map<String, DayAlerts.Alert> open = openByAgent.getOrDefault(route.agentId(), Map.of());
      List<TrackPoint> track = track(route.agentId(), now.minus(conditions.lookBack()));
      List<AlertConditions.Condition> holding = conditions.holding(now, route, remaining, etas,
          new AlertConditions.AgentNow(fix.batteryPercent(), fix.charging(), track), open.keySet());
      Set<String> holdingKeys = new HashSet<>();
      for (AlertConditions.Condition c : holding) {
        holdingKeys.add(c.key());
        if (!open.containsKey(c.key())) {
          Optional<DayAlerts.Alert> raised = alerts.raise(route.agentId(), c, now, email);
          if (raised.isPresent()) {
            events.add(alertEvent("alert", raised.get()));
            emailQueued |= email;
          }
        }
      }
      for (DayAlerts.Alert a : open.values()) {
        if (!holdingKeys.contains(a.key())) {
          alerts.clear(a.id(), now).ifPresent(cleared -> events.add(alertEvent("alert.cleared", cleared)));
        }
      }
    }
    for (Map.Entry<String, Map<String, DayAlerts.Alert>> e : openByAgent.entrySet()) {
      if (!watched.contains(e.getKey())) {
        for (DayAlerts.Alert a : e.getValue().values()) {
          alerts.clear(a.id(), now).ifPresent(cleared -> events.add(alertEvent("alert.cleared", cleared)));
        }
      }
    }
    return new Pass(events, emailQueued);
  }

  static JsonObject alertEvent(String type, DayAlerts.Alert alert) {
    return new JsonObject().put("type", type).put("agents", new JsonArray().add(alert.agentId())).put("alert", alert.json());
  }

  private static JsonObject etaEvent(RunningRoute route, Fix fix, Instant now, String source, List<StopEtas.Eta> etas) {
    JsonArray stops = new JsonArray();
    for (StopEtas.Eta eta : etas) {
      JsonObject stop = new JsonObject().put("visitId", eta.visitId()).put("eta", eta.arrival().toString());
      if (eta.lateBy() != null) {
        stop.put("lateSeconds", eta.lateBy().toSeconds());
      }
      stops.add(stop);
    }
    return new JsonObject()
        .put("type", "eta")
        .put("agents", new JsonArray().add(route.agentId()))
        .put("agentId", route.agentId())
        .put("planId", route.planId())
        .put("computedAt", now.toString())
        .put("source", source)
        .put("from", new JsonObject().put("lat", fix.lat()).put("lon", fix.lon()).put("at", fix.deviceTime().toString()))
        .put("stops", stops);
  }

  /** The debtors (external ids) each agent has recorded a visit to since {@code from}, whatever its verdict. */
  private Map<String, Set<String>> visitedSince(Instant from) throws SQLException {
    Map<String, Set<String>> visited = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT v.agent_id, d.external_id FROM visit v JOIN debtor d ON d.id = v.debtor_id"
            + " WHERE v.check_in_at >= ?")) {
      ps.setTimestamp(1, Timestamp.from(from));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          visited.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
        }
      }
    }
    return visited;
  }

  /** The fix taken last at or before {@code from} and every fix since, oldest first. */
  private List<TrackPoint> track(String agentId, Instant from) throws SQLException {
    List<TrackPoint> track = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "(SELECT device_time, lat, lon FROM telemetry WHERE agent_id = ? AND device_time <= ? ORDER BY device_time DESC LIMIT 1)"
                + " UNION ALL (SELECT device_time, lat, lon FROM telemetry WHERE agent_id = ? AND device_time > ?"
                + " ORDER BY device_time) ORDER BY 1")) {
      ps.setString(1, agentId);
      ps.setTimestamp(2, Timestamp.from(from));
      ps.setString(3, agentId);
      ps.setTimestamp(4, Timestamp.from(from));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          track.add(new TrackPoint(rs.getTimestamp(1).toInstant(), rs.getDouble(2), rs.getDouble(3)));
        }
      }
    }
    return track;
  }
}
