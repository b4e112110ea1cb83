package io.campo.routing.planning.vrp;

/**
 * When service at a job may start: any time in {@code [start, end]}; service may run past
 * {@code end}. Time unit of the problem.
 *
 * <p>Immutable and thread-safe.
 */
public record VrpWindow(double start, double end) {
    public VrpWindow {
        if (!(end >= start)) throw new IllegalArgumentException("window ends at " + end + " before it starts at " + start);
    }

    /** Any time at all. */
    public static final VrpWindow ALWAYS = new VrpWindow(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
}
