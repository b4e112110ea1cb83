package io.campo.routing.api;

import java.util.Objects;

/**
 * A visit left out of the plan, and why, in words a dispatcher can act on.
 *
 * <p>Immutable and thread-safe.
 */
public record UnassignedVisit(String visitId, Reason reason, String message) {

    public enum Reason {
        /** Feasible on its own, but the agents' time went to more valuable visits. */
        NO_TIME,
        /** No agent can arrive within any of its windows, even with nothing else to do. */
        WINDOW_UNREACHABLE,
        /** Its address is too far from any road usable by the agents, or cut off from them. */
        UNREACHABLE_LOCATION,
        /** No agent has all the skills it requires. */
        MISSING_SKILL,
        /** The visit itself is malformed: a window that ends before it starts, a duplicate id, a negative value. */
        INVALID_INPUT
    }

    public UnassignedVisit {
        Objects.requireNonNull(visitId, "visitId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }
}
