package io.campo.routing.api;

import java.time.Instant;
import java.util.Objects;

/**
 * When a visit may begin: service must start within {@code [start, end]} (it may run past
 * {@code end}), the convention of the VRPTW literature. Instants are UTC.
 *
 * <p>A window that ends before it starts is representable so that the planner can reject that
 * one visit by name instead of failing the request; see {@link #endsBeforeItStarts()}.
 *
 * <p>Immutable and thread-safe.
 */
public record TimeWindow(Instant start, Instant end) {
    public TimeWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    public boolean endsBeforeItStarts() {
        return end.isBefore(start);
    }

    /** Whether service may start at {@code instant}. */
    public boolean allowsStartAt(Instant instant) {
        return !instant.isBefore(start) && !instant.isAfter(end);
    }
}
