package io.campo.server.planning;

import io.campo.routing.api.PlanRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one planning job plans: one day, several ({@code "days": n}, each its own plan, planned one after the other so
 * that a visit routed on one day is not routed again on a later one), or the rest of a day (a re-plan, whose routes
 * begin with the visits already done).
 *
 * @param team the team planned for (null: a plan of listed visits without a team); one running job per team and date
 * @param replanOf the plan re-optimised, or null
 * @param dates the planned days, in order
 * @param days builds each day's request when its turn comes
 * @param fixedStops by agent: the stops each route must begin with (a re-plan's done and in-progress visits)
 * @param extras stored with each day's request for people reading it back ({@code portfolio}, {@code team}…)
 */
public record PlanSubmission(String team, Long replanOf, List<LocalDate> dates, DayRequests days, Map<String, JsonArray> fixedStops,
    JsonObject extras) {

  /** Builds a day's request. */
  @FunctionalInterface
  public interface DayRequests {
    /**
     * Blocking (may read the database).
     *
     * @param day 0 for the first day
     * @param plannedBefore the visits routed on the job's earlier days
     */
    PlanRequest request(int day, Set<String> plannedBefore) throws SQLException;
  }

  public PlanSubmission {
    dates = List.copyOf(dates);
    fixedStops = Map.copyOf(fixedStops);
  }

  /** A one-day plan of a request already built. */
  public static PlanSubmission oneDay(String team, PlanRequest request, JsonObject extras) {
    return new PlanSubmission(team, null, List.of(request.date()), (day, planned) -> request, Map.of(), extras);
  }
}
