package io.campo.routing.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A break the agent must take, typically lunch: it starts between {@code earliestStart} and
 * {@code latestStart} and lasts {@code duration}. It is taken wherever the agent is: after a
 * visit, while waiting for a window to open, or on the way (the trip is then that much longer).
 *
 * <p>Immutable and thread-safe.
 */
public record AgentBreak(Instant earliestStart, Instant latestStart, Duration duration) {
    public AgentBreak {
        Objects.requireNonNull(earliestStart, "earliestStart");
        Objects.requireNonNull(latestStart, "latestStart");
        Objects.requireNonNull(duration, "duration");
    }
}
