package io.campo.server.planning.replan;

import io.campo.routing.api.Agent;
import io.campo.routing.api.AgentBreak;
import io.campo.routing.api.Coordinate;
import io.campo.routing.api.PlanRequest;
import io.campo.routing.api.Visit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rest of a planned day, as a re-plan optimises it: what is done stays done and first, the agent at a door finishes
 * that visit first, and everyone else sets off from where they are now.
 * <ul>
 *   <li>a visit is <b>done</b> when a visit to it was recorded on the plan's day (by anyone): it leaves the request, and
 *       stays at the head of the route it was on, as it was, with {@code "status": "done"};</li>
 *   <li>a stop is <b>in progress</b> when its agent's last fix lies within the stop's geofence (its address's radius):
 *       it stays next, {@code "status": "inProgress"}, and the agent sets off from it once its service time is over;</li>
 *   <li>otherwise an agent sets off from their last fix (the live position), or from the plan's start without one, at
 *       the later of now and the shift's start; a break whose latest start has passed is taken as taken;</li>
 *   <li>an agent with no shift left keeps only the fixed stops; every other visit of the plan, including those it could
 *       not fit before, is planned again among the agents with time.</li>
 * </ul>
 * Plain Java; stateless.
 */
public final class RemainingDay {

  /** An agent's last fix. */
  public record Position(double lat, double lon) {}

  /**
   * The request of the rest of the day and each agent's fixed stops; or why there is nothing to re-plan.
   *
   * @param inProgress the visits fixed as in progress: not in the request, yet not done, so a later re-plan must know
   *     them again (the agent may leave without recording the visit)
   */
  public record Remainder(Optional<PlanRequest> request, Map<String, JsonArray> fixedStops, List<Visit> inProgress, String problem) {}

  /** A circle geofence when the address gives none. */
  public static final double DEFAULT_RADIUS_METERS = 75;

  private RemainingDay() {}

  /**
   * @param original the plan's request as it was planned
   * @param routes the plan's routes ({@code PlanJson}): agent id, stops with {@code visitId}, {@code lat}, {@code lon}
   * @param recorded the visit ids with a visit recorded on the plan's day
   * @param positions by agent: the last fix
   * @param radiusMeters by visit id: its geofence radius (absent: {@link #DEFAULT_RADIUS_METERS})
   */
  public static Remainder of(PlanRequest original, JsonArray routes, Set<String> recorded, Map<String, Position> positions,
      Map<String, Double> radiusMeters, Instant now) {
    Map<String, Visit> visits = new LinkedHashMap<>();
    original.visits().forEach(v -> visits.put(v.id(), v));
    Map<String, JsonArray> stopsOf = new HashMap<>();
    for (Object r : routes) {
      JsonObject route = (JsonObject) r;
      stopsOf.put(route.getString("agentId"), route.getJsonArray("stops", new JsonArray()));
    }
    Map<String, JsonArray> fixed = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>(recorded);
    List<Agent> agents = new ArrayList<>();
    List<Visit> atTheDoor = new ArrayList<>();
    for (Agent agent : original.agents()) {
      JsonArray stops = stopsOf.getOrDefault(agent.id(), new JsonArray());
      JsonArray head = new JsonArray();
      for (Object s : stops) {
        JsonObject stop = (JsonObject) s;
        if (recorded.contains(stop.getString("visitId"))) {
          head.add(stop.copy().put("status", "done"));
        }
      }
      Position at = positions.get(agent.id());
      Visit inProgress = null;
      for (Object s : stops) {
        JsonObject stop = (JsonObject) s;
        String id = stop.getString("visitId");
        if (at != null && !recorded.contains(id) && stop.getDouble("lat") != null && stop.getDouble("lon") != null
            && meters(at.lat(), at.lon(), stop.getDouble("lat"), stop.getDouble("lon"))
                <= radiusMeters.getOrDefault(id, DEFAULT_RADIUS_METERS)) {
          head.add(stop.copy().put("status", "inProgress"));
          inProgress = visits.get(id);
          if (inProgress != null) {
            atTheDoor.add(inProgress);
          }
          taken.add(id);
          break;
        }
      }
      if (!head.isEmpty()) {
        fixed.put(agent.id(), head);
      }
      Coordinate start = inProgress != null ? inProgress.location() : at != null ? new Coordinate(at.lat(), at.lon()) : agent.start();
      Instant depart = now.isAfter(agent.shiftStart()) ? now : agent.shiftStart();
      if (inProgress != null) {
        depart = depart.plus(inProgress.serviceTime());
      }
      if (!depart.isBefore(agent.shiftEnd())) {
        continue;
      }
      Instant from = depart;
      Optional<AgentBreak> lunch = agent.lunch().filter(b -> !b.latestStart().isBefore(from))
          .map(b -> new AgentBreak(b.earliestStart().isBefore(from) ? from : b.earliestStart(), b.latestStart(), b.duration()));
      agents.add(new Agent(agent.id(), agent.profile(), depart, agent.shiftEnd(), start, agent.end(), lunch,
          Math.max(1, agent.maxVisits() - head.size()), agent.skills()));
    }
    List<Visit> remaining = visits.values().stream().filter(v -> !taken.contains(v.id())).toList();
    if (agents.isEmpty()) {
      return new Remainder(Optional.empty(), fixed, atTheDoor, "no agent of the plan has shift time left: the day is over");
    }
    if (remaining.isEmpty()) {
      return new Remainder(Optional.empty(), fixed, atTheDoor, "every visit of the plan is done or in progress: nothing is left to re-plan");
    }
    return new Remainder(Optional.of(new PlanRequest(original.date(), agents, remaining, original.seed(), original.timeLimit(),
        original.maxSnapDistanceMeters(), original.maxIterations())), fixed, atTheDoor, null);
  }

  /** Great-circle distance, metres (haversine): exact enough at a doorstep's scale. */
  static double meters(double lat1, double lon1, double lat2, double lon2) {
    double dLat = Math.toRadians(lat2 - lat1);
    double dLon = Math.toRadians(lon2 - lon1);
    double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
        + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(a)));
  }
}
