package io.campo.routing.planning.vrp;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A rich vehicle-routing problem: vehicles with shifts, breaks, capacities, skills and their
 * own travel matrices; jobs with service times, several time windows, values and skills; more
 * jobs than the vehicles can serve is normal. The objective is lexicographic: mandatory jobs
 * first, then the total value served, then {@code objective} (travel time or distance).
 *
 * <p>Immutable and thread-safe.
 */
public record VrpProblem(List<VrpVehicle> vehicles, List<VrpJob> jobs, TravelObjective objective) {
    public VrpProblem {
        vehicles = List.copyOf(vehicles);
        jobs = List.copyOf(jobs);
        Objects.requireNonNull(objective, "objective");
        if (vehicles.isEmpty()) throw new IllegalArgumentException("a problem needs at least one vehicle");
        Set<String> ids = new HashSet<>();
        for (VrpVehicle vehicle : vehicles)
            if (!ids.add(vehicle.id())) throw new IllegalArgumentException("duplicate vehicle id " + vehicle.id());
        ids.clear();
        for (VrpJob job : jobs)
            if (!ids.add(job.id())) throw new IllegalArgumentException("duplicate job id " + job.id());
    }
}
