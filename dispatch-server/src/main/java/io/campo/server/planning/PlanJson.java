package io.campo.server.planning;

import io.campo.routing.planning.AgentRoute;
import io.campo.routing.planning.Coordinate;
import io.campo.routing.planning.DayPlan;
import io.campo.routing.planning.PlanRequest;
import io.campo.routing.planning.PlanStatistics;
import io.campo.routing.planning.PlannedStop;
import io.campo.routing.planning.UnassignedVisit;
import io.campo.routing.planning.Violation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A day plan as the API and the devices see it: per agent the ordered stops with their
 * coordinates and ETAs, the
 * totals and the road geometry as a GeoJSON LineString ([lon, lat]); every unassigned visit
 * with its reason; and what the independent route checker found (nothing, normally).
 */
final class PlanJson {

  private PlanJson() {}

  static JsonObject plan(DayPlan plan, Map<String, Coordinate> visitLocations, PlanStatistics statistics,
      List<Violation> violations) {
    JsonArray routes = new JsonArray();
    plan.routes().forEach(r -> routes.add(route(r, visitLocations)));
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

  static JsonObject route(AgentRoute r, Map<String, Coordinate> visitLocations) {
    JsonArray stops = new JsonArray();
    for (PlannedStop s : r.stops()) {
      Coordinate at = visitLocations.get(s.visitId());
      stops.add(new JsonObject()
          .put("visitId", s.visitId())
          .put("lat", at == null ? null : at.latitude())
          .put("lon", at == null ? null : at.longitude())
          .put("arrival", s.arrival().toString())
          .put("serviceStart", s.serviceStart().toString())
          .put("departure", s.departure().toString())
          .put("travelSeconds", Math.round(s.travelSecondsFromPrevious()))
          .put("travelMeters", Math.round(s.travelMetersFromPrevious())));
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

  /** What a device receives, retained, on {@code campo/agents/{id}/plan}. */
  static JsonObject devicePlan(long planId, LocalDate date, AgentRoute route, Map<String, Coordinate> visitLocations) {
    return route(route, visitLocations).put("planId", planId).put("date", date.toString());
  }

  /** Where each requested visit is, by id: what a stop's coordinates are read from. */
  static Map<String, Coordinate> visitLocations(PlanRequest request) {
    Map<String, Coordinate> at = new HashMap<>();
    request.visits().forEach(v -> at.put(v.id(), v.location()));
    return at;
  }
}
