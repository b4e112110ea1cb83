package io.campo.routing.planning.vrp;

/**
 * A break a vehicle's driver must take once, e.g. lunch: it starts within
 * {@code [earliestStart, latestStart]} and lasts {@code duration}, wherever the driver is (at a
 * door while waiting, on the way, or after the last job). Time unit of the problem.
 *
 * <p>Immutable and thread-safe.
 */
public record VrpBreak(double earliestStart, double latestStart, double duration) {
    public VrpBreak {
        if (!(latestStart >= earliestStart))
            throw new IllegalArgumentException("break latest start " + latestStart + " is before its earliest start " + earliestStart);
        if (!(duration >= 0)) throw new IllegalArgumentException("break duration must be >= 0, was " + duration);
    }
}
