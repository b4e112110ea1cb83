package io.campo.routing.planning;

import java.time.Instant;

/**
 * Converts between the request's instants and the solver's plain seconds, counted from the
 * earliest shift start so that every time the solver sees is small and non-negative. Instants
 * are rounded to whole milliseconds, the matrix's precision.
 *
 * <p>Immutable and thread-safe.
 */
record PlanClock(Instant origin) {

    double seconds(Instant instant) {
        return (instant.toEpochMilli() - origin.toEpochMilli()) / 1000.0;
    }

    Instant instant(double seconds) {
        return Instant.ofEpochMilli(origin.toEpochMilli() + Math.round(seconds * 1000));
    }
}
