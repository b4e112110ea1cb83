package io.campo.routing.api;

import java.time.Duration;

/**
 * Where a plan's time went, for logs and benchmarks.
 *
 * <p>Immutable and thread-safe.
 *
 * @param snapping   placing agents and visits on the roads
 * @param matrix     travel-time matrices, all profiles
 * @param optimising the solver's search
 * @param geometry   road paths of the routes
 * @param iterations solver iterations (summed over parallel searches and regions)
 * @param firstSolution what the search's first solution (construction) achieved, travel in seconds
 * @param bestSolution  what the search returned, before the planner's own timing of each route
 */
public record PlanStatistics(Duration snapping, Duration matrix, Duration optimising, Duration geometry, int iterations,
                             SearchScore firstSolution, SearchScore bestSolution) {

    public Duration total() {
        return snapping.plus(matrix).plus(optimising).plus(geometry);
    }
}
