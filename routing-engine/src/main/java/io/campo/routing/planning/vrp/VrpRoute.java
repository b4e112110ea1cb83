package io.campo.routing.planning.vrp;

import java.util.List;
import java.util.Objects;

/**
 * One vehicle's jobs in order. Times are not part of it: {@link RouteTimeline} derives them, so
 * that every consumer times a route the same way.
 *
 * <p>Immutable and thread-safe.
 */
public record VrpRoute(String vehicleId, List<String> jobIds) {
    public VrpRoute {
        Objects.requireNonNull(vehicleId, "vehicleId");
        jobIds = List.copyOf(jobIds);
    }
}
