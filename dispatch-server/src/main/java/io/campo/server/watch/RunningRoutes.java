package io.campo.server.watch;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each agent's running route for a date: from the newest finished plan of that date that routes the agent (a re-plan
 * replaces the morning's), with the windows and travel profile its request gave. Parsed plans are kept by id, so a tick
 * re-reads only the plans' ids unless a new plan finished.
 *
 * <p>Blocking (JDBC); used by one tick at a time.
 */
final class RunningRoutes {

  private static final Logger log = LoggerFactory.getLogger(RunningRoutes.class);

  private final DataSource dataSource;
  private final ZoneId zone;
  private final Map<Long, List<RunningRoute>> parsed = new HashMap<>();

  RunningRoutes(DataSource dataSource, ZoneId zone) {
    this.dataSource = dataSource;
    this.zone = zone;
  }

  /** By agent id. */
  Map<String, RunningRoute> of(LocalDate date) throws SQLException {
    List<Long> planIds = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT id FROM plan_job WHERE plan_date = ? AND status = 'done'"
            + " ORDER BY finished_at DESC NULLS LAST, id DESC")) {
      ps.setObject(1, date);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          planIds.add(rs.getLong(1));
        }
      }
      parsed.keySet().retainAll(planIds);
      Map<String, RunningRoute> byAgent = new LinkedHashMap<>();
      for (long planId : planIds) {
        List<RunningRoute> routes = parsed.get(planId);
        if (routes == null) {
          routes = read(c, planId, date);
          parsed.put(planId, routes);
        }
        for (RunningRoute r : routes) {
          byAgent.putIfAbsent(r.agentId(), r);
        }
      }
      return byAgent;
    }
  }

  private List<RunningRoute> read(Connection c, long planId, LocalDate date) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT request::text, result::text FROM plan_job WHERE id = ?")) {
      ps.setLong(1, planId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || rs.getString(2) == null) {
          return List.of();
        }
        try {
          return routes(planId, new JsonObject(rs.getString(1)), new JsonObject(rs.getString(2)), date, zone);
        } catch (RuntimeException e) {
          // A plan this code cannot read must not stop the watch of every other agent.
          log.warn("plan {}: cannot watch its routes: {}", planId, e.toString());
          return List.of();
        }
      }
    }
  }

  /** The routes of one plan's result, with windows and profiles from its request. */
  static List<RunningRoute> routes(long planId, JsonObject request, JsonObject result, LocalDate date, ZoneId zone) {
    Map<String, List<RunningRoute.Window>> windows = new HashMap<>();
    if (request.getValue("visits") instanceof JsonArray visits) {
      for (Object v : visits) {
        if (v instanceof JsonObject visit && visit.getValue("id") instanceof String id
            && visit.getValue("windows") instanceof JsonArray ws) {
          windows.put(id, windows(ws, date, zone));
        }
      }
    }
    Map<String, String> profiles = new HashMap<>();
    if (request.getValue("agents") instanceof JsonArray agents) {
      for (Object a : agents) {
        if (a instanceof JsonObject agent && agent.getValue("id") instanceof String id) {
          profiles.put(id, agent.getValue("profile") instanceof String p ? p : "car");
        }
      }
    }
    List<RunningRoute> routes = new ArrayList<>();
    JsonArray all = result.getJsonArray("routes", new JsonArray());
    for (Object r : all) {
      if (!(r instanceof JsonObject route) || !(route.getValue("agentId") instanceof String agentId)) {
        continue;
      }
      List<RunningRoute.Stop> stops = new ArrayList<>();
      for (Object s : route.getJsonArray("stops", new JsonArray())) {
        JsonObject stop = (JsonObject) s;
        if (stop.getDouble("lat") == null || stop.getDouble("lon") == null) {
          continue;
        }
        Instant arrival = Instant.parse(stop.getString("arrival"));
        Instant serviceStart = stop.getString("serviceStart") == null ? arrival : Instant.parse(stop.getString("serviceStart"));
        Instant departure = stop.getString("departure") == null ? serviceStart : Instant.parse(stop.getString("departure"));
        // A stop may carry its own windows (a planner that writes them); else the request's visit's.
        List<RunningRoute.Window> stopWindows = stop.getValue("windows") instanceof JsonArray ws
            ? windows(ws, date, zone) : windows.getOrDefault(stop.getString("visitId"), List.of());
        stops.add(new RunningRoute.Stop(stop.getString("visitId"), stop.getDouble("lat"), stop.getDouble("lon"), arrival,
            serviceStart, Duration.between(serviceStart, departure), stopWindows));
      }
      List<double[]> line = new ArrayList<>();
      JsonObject geometry = route.getJsonObject("geometry");
      if (geometry != null && geometry.getValue("coordinates") instanceof JsonArray coordinates) {
        for (Object p : coordinates) {
          JsonArray pair = (JsonArray) p;
          line.add(new double[] {pair.getDouble(0), pair.getDouble(1)});
        }
      }
      Instant departure = route.getString("departure") == null ? null : Instant.parse(route.getString("departure"));
      Instant finish = route.getString("finish") == null ? null : Instant.parse(route.getString("finish"));
      routes.add(new RunningRoute(agentId, planId, profiles.getOrDefault(agentId, "car"), departure, finish, List.copyOf(stops),
          List.copyOf(line)));
    }
    return routes;
  }

  private static List<RunningRoute.Window> windows(JsonArray ws, LocalDate date, ZoneId zone) {
    List<RunningRoute.Window> windows = new ArrayList<>();
    for (Object w : ws) {
      if (w instanceof JsonObject o) {
        Instant start = time(o.getValue("start"), date, zone);
        Instant end = time(o.getValue("end"), date, zone);
        if (start != null && end != null) {
          windows.add(new RunningRoute.Window(start, end));
        }
      }
    }
    return List.copyOf(windows);
  }

  /** "HH:mm" on the plan's date in the agency's zone, or an ISO-8601 instant: as the plan request took it. */
  private static Instant time(Object value, LocalDate date, ZoneId zone) {
    if (!(value instanceof String s)) {
      return null;
    }
    try {
      return s.length() <= 5 ? date.atTime(LocalTime.parse(s)).atZone(zone).toInstant() : OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
