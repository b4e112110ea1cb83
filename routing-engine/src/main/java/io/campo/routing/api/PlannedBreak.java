package io.campo.routing.api;

import java.time.Instant;
import java.util.Objects;

/**
 * When an agent takes the break, UTC.
 *
 * <p>Immutable and thread-safe.
 */
public record PlannedBreak(Instant start, Instant end) {
    public PlannedBreak {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }
}
