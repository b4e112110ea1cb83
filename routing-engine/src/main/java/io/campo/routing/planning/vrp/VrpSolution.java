package io.campo.routing.planning.vrp;

import io.campo.routing.api.SearchScore;

import java.time.Duration;
import java.util.List;

/**
 * The solver's answer: a route per vehicle that serves anything (vehicles left idle have no
 * route), the jobs it could not or would not serve, and how the search went.
 *
 * <p>Immutable and thread-safe.
 *
 * @param routes        non-empty routes only
 * @param unassignedIds jobs not served, in problem order
 * @param iterations    ruin-and-recreate iterations run
 * @param searchTime    wall-clock time of the search
 * @param first         the first solution (construction), before any iteration
 * @param best          the solution returned
 */
public record VrpSolution(List<VrpRoute> routes, List<String> unassignedIds, int iterations, Duration searchTime,
                          SearchScore first, SearchScore best) {
    public VrpSolution {
        routes = List.copyOf(routes);
        unassignedIds = List.copyOf(unassignedIds);
    }

    /** A solution without scores (nothing was searched). */
    public VrpSolution(List<VrpRoute> routes, List<String> unassignedIds, int iterations, Duration searchTime) {
        this(routes, unassignedIds, iterations, searchTime, SearchScore.NONE, SearchScore.NONE);
    }
}
