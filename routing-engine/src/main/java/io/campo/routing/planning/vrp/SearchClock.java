package io.campo.routing.planning.vrp;

import com.graphhopper.jsprit.core.algorithm.SearchStrategy;
import com.graphhopper.jsprit.core.algorithm.termination.PrematureAlgorithmTermination;

/**
 * How far the search has come, as the larger of elapsed time over the time limit and
 * iterations over the iteration limit: the acceptance schedule cools on it, so a 2-second
 * test search and a 60-second production search both cool completely. It also stops the
 * search at the deadline.
 *
 * <p>Not thread-safe: jsprit calls it from its search thread only.
 */
final class SearchClock implements PrematureAlgorithmTermination {

    private final long startNanos;
    private final long limitNanos;
    private final int maxIterations;
    private int iterations;

    SearchClock(SolverSettings settings) {
        this.startNanos = System.nanoTime();
        this.limitNanos = settings.timeLimit().toNanos();
        this.maxIterations = settings.maxIterations();
    }

    /** 0 at the start, 1 at whichever limit comes first. */
    double progress() {
        double byTime = (double) (System.nanoTime() - startNanos) / limitNanos;
        double byIterations = (double) iterations / maxIterations;
        return Math.min(1.0, Math.max(byTime, byIterations));
    }

    int iterations() {
        return iterations;
    }

    long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    @Override
    public boolean isPrematureBreak(SearchStrategy.DiscoveredSolution discoveredSolution) {
        iterations++;
        return System.nanoTime() - startNanos >= limitNanos;
    }
}
