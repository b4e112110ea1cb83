package io.campo.routing.planning;

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
 * @param iterations solver iterations
 */
public record PlanStatistics(Duration snapping, Duration matrix, Duration optimising, Duration geometry, int iterations) {

    public Duration total() {
        return snapping.plus(matrix).plus(optimising).plus(geometry);
    }
}
