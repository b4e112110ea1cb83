package io.campo.routing.planning;

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
 */
public record PlanRequest(LocalDate date, List<Agent> agents, List<Visit> visits, long seed, Duration timeLimit,
                          double maxSnapDistanceMeters) {
    public PlanRequest {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(timeLimit, "timeLimit");
        agents = List.copyOf(agents);
        visits = List.copyOf(visits);
    }
}
