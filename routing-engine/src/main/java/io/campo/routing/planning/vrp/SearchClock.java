package io.campo.routing.planning.vrp;

import com.graphhopper.jsprit.core.algorithm.SearchStrategy;
import com.graphhopper.jsprit.core.algorithm.termination.PrematureAlgorithmTermination;

import java.util.function.LongSupplier;

/**
 * How far the search has come: iterations or travel-matrix reads over their limits when either is set (a
 * work-bounded, reproducible search; the further along of the two), else elapsed time over the time limit. The acceptance
 * schedule cools on it, so a 2-second
 * test search and a 60-second production search both cool completely. It also stops the
 * ruin-and-recreate search {@link #POLISH_SHARE} before the deadline, and {@link RoutePolish} at it.
 *
 * <p>Not thread-safe: jsprit calls it from its search thread only.
 */
final class SearchClock implements PrematureAlgorithmTermination {

    /**
     * The share of the time limit kept for {@link RoutePolish} after the search: a search cut by
     * time would otherwise leave it none. On Solomon's instances the polish took 15–130 ms on the
     * loaded 2-core machine, under 2 % of a 10-second limit.
     */
    static final double POLISH_SHARE = 0.02;

    private final long startNanos;
    private final long limitNanos;
    private final long searchNanos;
    private final int maxIterations;
    private final long maxWork;
    private final boolean boundedByWork;
    private final LongSupplier work;
    private int iterations;

    /**
     * @param work the work done so far by the search this clock times (its matrix reads); ignored when the settings
     *             set no work limit
     */
    SearchClock(SolverSettings settings, LongSupplier work) {
        this.startNanos = System.nanoTime();
        this.limitNanos = settings.timeLimit().toNanos();
        this.searchNanos = (long) (limitNanos * (1 - POLISH_SHARE));
        this.maxIterations = settings.maxIterations();
        this.maxWork = settings.maxWork();
        this.boundedByWork = settings.boundedByWork();
        this.work = work;
    }

    /** A clock for timing only (several searches together): no work is counted. */
    SearchClock(SolverSettings settings) {
        this(settings, () -> 0L);
    }

    /** 0 at the start, 1 at whichever limit comes first. */
    double progress() {
        // A search bounded by work cools on work alone, so that its seed gives the same result on a
        // quiet and on a busy machine; the time limit then only cuts it short.
        if (boundedByWork) {
            double byIterations = (double) iterations / maxIterations;
            double byWork = maxWork == Long.MAX_VALUE ? 0 : (double) work.getAsLong() / maxWork;
            return Math.min(1.0, Math.max(byIterations, byWork));
        }
        double byTime = (double) (System.nanoTime() - startNanos) / searchNanos;
        return Math.min(1.0, byTime);
    }

    int iterations() {
        return iterations;
    }

    long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    /** When the ruin-and-recreate search must stop, in {@link System#nanoTime} (a meeting's deadline, {@link BestExchange}). */
    long searchDeadline() {
        return startNanos + searchNanos;
    }

    /** Whether the whole time limit has passed (the polish's deadline). */
    boolean outOfTime() {
        return System.nanoTime() - startNanos >= limitNanos;
    }

    @Override
    public boolean isPrematureBreak(SearchStrategy.DiscoveredSolution discoveredSolution) {
        iterations++;
        if (maxWork != Long.MAX_VALUE && work.getAsLong() >= maxWork) return true;
        return System.nanoTime() - startNanos >= searchNanos;
    }
}
