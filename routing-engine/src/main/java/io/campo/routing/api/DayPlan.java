package io.campo.routing.api;

import java.util.List;

/**
 * The planned day: one route per agent and the visits left out, each with its reason.
 *
 * <p>Immutable and thread-safe.
 */
public record DayPlan(List<AgentRoute> routes, List<UnassignedVisit> unassigned) {
    public DayPlan {
        routes = List.copyOf(routes);
        unassigned = List.copyOf(unassigned);
    }
}
