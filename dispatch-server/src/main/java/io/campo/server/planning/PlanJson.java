package io.campo.server.planning;

import io.campo.routing.api.Agent;
import io.campo.routing.api.AgentRoute;
import io.campo.routing.api.Coordinate;
import io.campo.routing.api.DayPlan;
import io.campo.routing.api.PlanRequest;
import io.campo.routing.api.PlanStatistics;
import io.campo.routing.api.PlannedStop;
import io.campo.routing.api.TimeWindow;
import io.campo.routing.api.UnassignedVisit;
import io.campo.routing.api.Violation;
import io.campo.routing.api.Visit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A day plan as the API and the devices see it: per agent the ordered stops with their
 * coordinates, ETAs and time windows, the
 * totals and the road geometry as a GeoJSON LineString ([lon, lat]); every unassigned visit
 * with its reason; and what the independent route checker found (nothing, normally).
 */
final class PlanJson {

  private PlanJson() {}

  static JsonObject plan(DayPlan plan, PlanRequest request, PlanStatistics statistics, List<Violation> violations) {
    Map<String, Visit> visits = new HashMap<>();
    request.visits().forEach(v -> visits.put(v.id(), v));
    Map<String, Agent> agents = new HashMap<>();
    request.agents().forEach(a -> agents.put(a.id(), a));
    JsonArray routes = new JsonArray();
    plan.routes().forEach(r -> routes.add(route(r, visits, agents.get(r.agentId()))));
    JsonArray unassigned = new JsonArray();
    for (UnassignedVisit u : plan.unassigned()) {
      unassigned.add(new JsonObject().put("visitId", u.visitId()).put("reason", u.reason().name()).put("message", u.message()));
    }
    JsonArray checked = new JsonArray();
    violations.forEach(v -> checked.add(v.toString()));
    return new JsonObject()
        .put("routes", routes)
        .put("unassigned", unassigned)
        .put("violations", checked)
        .put("statistics", new JsonObject()
            .put("snappingMillis", statistics.snapping().toMillis())
            .put("matrixMillis", statistics.matrix().toMillis())
            .put("optimisingMillis", statistics.optimising().toMillis())
            .put("geometryMillis", statistics.geometry().toMillis())
            .put("iterations", statistics.iterations()));
  }

  /**
   * Each stop with its {@code windows} ({@link StopWindows}; empty: any time) and the {@code window} of them the plan
   * chose (null: none), the one holding its service start.
   */
  static JsonObject route(AgentRoute r, Map<String, Visit> visits, Agent agent) {
    JsonArray stops = new JsonArray();
    for (PlannedStop s : r.stops()) {
      Visit visit = visits.get(s.visitId());
      Coordinate at = visit == null ? null : visit.location();
      List<TimeWindow> windows = visit == null || agent == null ? List.of() : StopWindows.of(visit, agent);
      TimeWindow chosen = StopWindows.chosen(windows, s.serviceStart());
      stops.add(new JsonObject()
          .put("visitId", s.visitId())
          .put("lat", at == null ? null : at.latitude())
          .put("lon", at == null ? null : at.longitude())
          .put("arrival", s.arrival().toString())
          .put("serviceStart", s.serviceStart().toString())
          .put("departure", s.departure().toString())
          .put("travelSeconds", Math.round(s.travelSecondsFromPrevious()))
          .put("travelMeters", Math.round(s.travelMetersFromPrevious()))
          .put("windows", StopWindows.json(windows))
          .put("window", chosen == null ? null : StopWindows.json(chosen)));
    }
    JsonArray coordinates = new JsonArray();
    r.geoJsonCoordinates().forEach(c -> coordinates.add(new JsonArray().add(c[0]).add(c[1])));
    JsonObject o = new JsonObject()
        .put("agentId", r.agentId())
        .put("departure", r.departure().toString())
        .put("finish", r.finish().toString())
        .put("travelSeconds", Math.round(r.travelSeconds()))
        .put("travelMeters", Math.round(r.travelMeters()))
        .put("stops", stops)
        .put("geometry", new JsonObject().put("type", "LineString").put("coordinates", coordinates));
    r.lunch().ifPresent(b -> o.put("break", new JsonObject().put("start", b.start().toString()).put("end", b.end().toString())));
    return o;
  }

  /** What a device receives, retained, on {@code campo/agents/{id}/plan}: its route as the plan shows it. */
  static JsonObject devicePlan(long planId, LocalDate date, JsonObject route) {
    return route.copy().put("planId", planId).put("date", date.toString());
  }

  /**
   * The plan with each agent's route beginning with its fixed stops (a re-plan's done and in-progress visits, as the
   * earlier plan showed them, each with its {@code "status"}); an agent with fixed stops and no time left for more gets
   * a route of those alone.
   */
  static JsonObject withFixedStops(JsonObject plan, Map<String, JsonArray> fixedStops) {
    if (fixedStops.isEmpty()) {
      return plan;
    }
    JsonArray routes = plan.getJsonArray("routes");
    java.util.Set<String> routed = new java.util.HashSet<>();
    for (Object o : routes) {
      JsonObject route = (JsonObject) o;
      routed.add(route.getString("agentId"));
      JsonArray fixed = fixedStops.get(route.getString("agentId"));
      if (fixed != null && !fixed.isEmpty()) {
        JsonArray stops = fixed.copy();
        route.getJsonArray("stops").forEach(stops::add);
        route.put("stops", stops);
      }
    }
    new java.util.TreeMap<>(fixedStops).forEach((agent, fixed) -> {
      if (!routed.contains(agent)) {
        routes.add(new JsonObject().put("agentId", agent).put("stops", fixed.copy()).put("travelSeconds", 0).put("travelMeters", 0)
            .put("geometry", new JsonObject().put("type", "LineString").put("coordinates", new JsonArray())));
      }
    });
    return plan;
  }
}
