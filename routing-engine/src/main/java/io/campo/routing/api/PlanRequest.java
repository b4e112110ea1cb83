package io.campo.routing.api;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One day to plan: the agents available, the visits wanted, and how hard to search.
 *
 * <p>Immutable and thread-safe.
 *
 * @param date                  the planned day, in the agency's time zone (for people; times are Instants)
 * @param agents                at least one
 * @param visits                may be more than the agents can do: the plan keeps the most valuable
 * @param seed                  same request and seed, same plan
 * @param timeLimit             how long the optimiser may search
 * @param maxSnapDistanceMeters a visit farther than this from a usable road is left unassigned
 * @param maxIterations         the optimiser stops after this many iterations even if time is left;
 *                              a plan stopped by this limit is reproducible, one stopped by the
 *                              time limit depends on the machine's speed
 */
public record PlanRequest(LocalDate date, List<Agent> agents, List<Visit> visits, long seed, Duration timeLimit,
                          double maxSnapDistanceMeters, int maxIterations) {
    public PlanRequest {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(timeLimit, "timeLimit");
        agents = List.copyOf(agents);
        visits = List.copyOf(visits);
        if (maxIterations < 1) throw new IllegalArgumentException("maxIterations must be >= 1, was " + maxIterations);
    }

    /** A request that searches until its time limit. */
    public PlanRequest(LocalDate date, List<Agent> agents, List<Visit> visits, long seed, Duration timeLimit,
                       double maxSnapDistanceMeters) {
        this(date, agents, visits, seed, timeLimit, maxSnapDistanceMeters, Integer.MAX_VALUE);
    }
}
