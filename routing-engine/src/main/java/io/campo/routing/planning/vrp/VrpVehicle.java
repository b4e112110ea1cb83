package io.campo.routing.planning.vrp;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One vehicle (an agent and the way they travel).
 *
 * <p>Immutable and thread-safe.
 *
 * @param id            unique among the problem's vehicles
 * @param matrix        the times and distances this vehicle travels by; vehicles sharing a profile
 *                      share one matrix object
 * @param startPlace    where the route starts, index into {@code matrix}
 * @param endPlace      where the route must end, or -1 for an open route that ends at the last job
 * @param earliestStart earliest departure, problem time unit
 * @param latestEnd     latest arrival at the end (open routes: latest end of the last service); finite
 * @param capacity      total {@link VrpJob#size()} the route may carry (the visit limit in day plans)
 * @param skills        what it can do
 * @param lunch         the break its driver must take, if any; it must fit inside the shift
 */
public record VrpVehicle(String id, CostMatrix matrix, int startPlace, int endPlace, double earliestStart, double latestEnd,
                         int capacity, Set<String> skills, Optional<VrpBreak> lunch) {
    public VrpVehicle {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(matrix, "matrix");
        Objects.requireNonNull(lunch, "lunch");
        skills = Set.copyOf(skills);
        if (!Double.isFinite(latestEnd) || !Double.isFinite(earliestStart) || latestEnd < earliestStart)
            throw new IllegalArgumentException("vehicle " + id + ": needs a finite span, got " + earliestStart + ".." + latestEnd);
        if (capacity < 0) throw new IllegalArgumentException("vehicle " + id + ": capacity must be >= 0, was " + capacity);
    }

    public boolean returnsToEnd() {
        return endPlace >= 0;
    }
}
