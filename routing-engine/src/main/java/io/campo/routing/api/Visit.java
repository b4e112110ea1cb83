package io.campo.routing.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A debtor to visit.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id             unique among the request's visits
 * @param location       the debtor's address
 * @param serviceTime    time spent at the door
 * @param windows        when service may start (any of them); empty: any time during the shift
 * @param value          what the visit is worth, e.g. the expected amount collected in minor
 *                       currency units; the plan maximises the sum of collected values
 * @param requiredSkills skills the agent must have
 * @param mustVisit      the plan must include it whenever it is feasible at all
 */
public record Visit(String id, Coordinate location, Duration serviceTime, List<TimeWindow> windows, long value,
                    Set<String> requiredSkills, boolean mustVisit) {
    public Visit {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(serviceTime, "serviceTime");
        windows = List.copyOf(windows);
        requiredSkills = Set.copyOf(requiredSkills);
    }
}
