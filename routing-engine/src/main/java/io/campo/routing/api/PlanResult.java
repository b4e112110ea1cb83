package io.campo.routing.api;

import java.util.List;
import java.util.Objects;

/**
 * A planned day as the engine hands it out: the routes, where the time went, and what the
 * independent route checker found wrong with them (nothing, normally; anything else is a solver
 * bug worth logging, and the plan is still returned so that the day is not lost).
 *
 * <p>Immutable and thread-safe.
 *
 * @param plan       the routes and the unassigned visits, each with its reason
 * @param statistics timings per phase and the search's scores
 * @param violations the route checker's findings; empty for a sound plan
 */
public record PlanResult(DayPlan plan, PlanStatistics statistics, List<Violation> violations) {
    public PlanResult {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(statistics, "statistics");
        violations = List.copyOf(violations);
    }
}
