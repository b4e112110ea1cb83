package io.campo.routing.api;

import io.campo.routing.api.TravelProfile;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A collection agent available for the planned day.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id         unique among the request's agents
 * @param profile    how the agent travels
 * @param shiftStart earliest departure from {@code start}, UTC
 * @param shiftEnd   latest arrival at {@code end} (or at the end of the last visit), UTC
 * @param start      where the day begins (home or branch office)
 * @param end        where the day must end; empty: wherever the last visit is
 * @param lunch      the break the agent must take, if any
 * @param maxVisits  at most this many visits (at least 1)
 * @param skills     what the agent may handle, e.g. {@code "legal"}, {@code "large-amounts"}
 */
public record Agent(String id, TravelProfile profile, Instant shiftStart, Instant shiftEnd, Coordinate start,
                    Optional<Coordinate> end, Optional<AgentBreak> lunch, int maxVisits, Set<String> skills) {
    public Agent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(shiftStart, "shiftStart");
        Objects.requireNonNull(shiftEnd, "shiftEnd");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(lunch, "lunch");
        skills = Set.copyOf(skills);
    }
}
