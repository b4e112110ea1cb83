package io.campo.routing.planning;

import io.campo.routing.api.DayPlan;
import io.campo.routing.api.PlanStatistics;
import io.campo.routing.api.TravelProfile;

import java.util.Map;
import java.util.Objects;

/**
 * A day plan with what it was computed on: the matrices let {@link RouteChecker} verify it, and
 * the statistics say where the time went.
 *
 * <p>Immutable and thread-safe.
 *
 * @param plan       the routes and the unassigned visits
 * @param matrices   the travel matrix of each profile the agents use, with the plan's places indexed
 * @param statistics timings per phase
 */
public record PlanOutcome(DayPlan plan, Map<TravelProfile, PlaceMatrix> matrices, PlanStatistics statistics) {
    public PlanOutcome {
        Objects.requireNonNull(plan, "plan");
        matrices = Map.copyOf(matrices);
        Objects.requireNonNull(statistics, "statistics");
    }
}
