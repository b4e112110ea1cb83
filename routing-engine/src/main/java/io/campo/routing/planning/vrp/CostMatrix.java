package io.campo.routing.planning.vrp;

/**
 * Travel time and distance between numbered places, as a vehicle of one kind sees them: the
 * seam through which road matrices (seconds, metres) and the literature's Euclidean matrices
 * (one abstract unit for both) feed the same solver.
 *
 * <p>Values may be asymmetric. An unreachable pair reports {@link Double#POSITIVE_INFINITY};
 * the solver treats it as a trip that never arrives in time.
 *
 * <p>Implementations must be thread-safe for reads: the solver may query from several threads.
 */
public interface CostMatrix {

    /** Number of places; valid indices are {@code 0..size()-1}. */
    int size();

    /** Travel time from {@code from} to {@code to}, in the problem's time unit (seconds for road plans). */
    double time(int from, int to);

    /** Travel distance from {@code from} to {@code to}, in the problem's distance unit (metres for road plans). */
    double distance(int from, int to);
}
