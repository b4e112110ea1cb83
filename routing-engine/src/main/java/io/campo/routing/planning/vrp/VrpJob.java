package io.campo.routing.planning.vrp;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One stop to serve (a debtor's visit, a Solomon customer).
 *
 * <p>Immutable and thread-safe.
 *
 * @param id             unique among the problem's jobs
 * @param place          index into the vehicles' {@link CostMatrix}
 * @param serviceTime    time spent there, problem time unit
 * @param windows        when service may start, sorted by start and not overlapping; empty: any time
 * @param value          what serving it is worth (expected amount collected, a prize), >= 0; the
 *                       solver maximises the sum of served values before it minimises travel
 * @param size           units of vehicle capacity it uses (1 when capacity counts visits; demand in Solomon)
 * @param requiredSkills skills the vehicle must have
 * @param mandatory      must be served whenever feasible: outranks any amount of value
 */
public record VrpJob(String id, int place, double serviceTime, List<VrpWindow> windows, long value, int size,
                     Set<String> requiredSkills, boolean mandatory) {
    public VrpJob {
        Objects.requireNonNull(id, "id");
        if (!(serviceTime >= 0)) throw new IllegalArgumentException("job " + id + ": service time must be >= 0, was " + serviceTime);
        if (value < 0) throw new IllegalArgumentException("job " + id + ": value must be >= 0, was " + value);
        if (size < 0) throw new IllegalArgumentException("job " + id + ": size must be >= 0, was " + size);
        windows = List.copyOf(windows);
        requiredSkills = Set.copyOf(requiredSkills);
        for (int i = 1; i < windows.size(); i++)
            if (windows.get(i).start() < windows.get(i - 1).end())
                throw new IllegalArgumentException("job " + id + ": windows must be sorted and must not overlap: " + windows);
    }
}
