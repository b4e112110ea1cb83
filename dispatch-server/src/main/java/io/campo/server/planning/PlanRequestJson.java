package io.campo.server.planning;

import io.campo.routing.api.Agent;
import io.campo.routing.api.PlanRequest;
import io.campo.routing.api.TimeWindow;
import io.campo.routing.api.Visit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.TreeSet;

/**
 * A request as it was planned, in the shape of {@code POST /api/plans}'s body with every time an ISO-8601 instant, so
 * that {@link PlanRequestReader} reads it back as it was: what a plan stores, and what its re-plan starts from (the
 * visits a portfolio selection drew are in it, not only the selection).
 */
final class PlanRequestJson {

  private PlanRequestJson() {}

  static JsonObject of(PlanRequest request) {
    JsonArray agents = new JsonArray();
    for (Agent a : request.agents()) {
      JsonObject o = new JsonObject().put("id", a.id()).put("profile", a.profile().profileName())
          .put("shiftStart", a.shiftStart().toString()).put("shiftEnd", a.shiftEnd().toString())
          .put("start", new JsonObject().put("lat", a.start().latitude()).put("lon", a.start().longitude()))
          .put("maxVisits", a.maxVisits()).put("skills", new JsonArray(new TreeSet<>(a.skills()).stream().map(s -> (Object) s).toList()));
      a.end().ifPresent(e -> o.put("end", new JsonObject().put("lat", e.latitude()).put("lon", e.longitude())));
      a.lunch().ifPresent(b -> o.put("break", new JsonObject().put("earliest", b.earliestStart().toString())
          .put("latest", b.latestStart().toString()).put("minutes", b.duration().toMinutes())));
      agents.add(o);
    }
    JsonArray visits = new JsonArray();
    request.visits().forEach(v -> visits.add(visit(v)));
    return new JsonObject().put("date", request.date().toString()).put("seed", request.seed())
        .put("timeLimitSeconds", Math.max(1, request.timeLimit().toSeconds())).put("agents", agents).put("visits", visits);
  }

  static JsonObject visit(Visit v) {
    JsonArray windows = new JsonArray();
    for (TimeWindow w : v.windows()) {
      windows.add(new JsonObject().put("start", w.start().toString()).put("end", w.end().toString()));
    }
    return new JsonObject().put("id", v.id()).put("lat", v.location().latitude()).put("lon", v.location().longitude())
        .put("serviceMinutes", v.serviceTime().toMinutes()).put("windows", windows).put("value", v.value())
        .put("skills", new JsonArray(new TreeSet<>(v.requiredSkills()).stream().map(s -> (Object) s).toList()))
        .put("mustVisit", v.mustVisit());
  }
}
