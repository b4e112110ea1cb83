package io.campo.routing.planning.vrp;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard and how reproducibly to search.
 *
 * <p>The search stops at {@code timeLimit} or after {@code maxIterations}, whichever comes
 * first. The same problem, seed and thread count give the same solution whenever the iteration
 * limit is what stops the search (the search then also cools on iterations, not on time); a
 * time limit stops after however many iterations the machine managed, so two runs may differ
 * when time is the binding limit.
 *
 * <p>Immutable and thread-safe.
 *
 * @param seed          seeds every random choice of the search
 * @param timeLimit     wall-clock budget of the search (construction included)
 * @param maxIterations ruin-and-recreate iterations at most, per search (and per region); {@link Integer#MAX_VALUE}: no
 *                      limit, the search cools on time
 * @param threads       independent single-threaded searches run side by side (different seeds, the best
 *                      kept), or regions searched side by side on big problems
 */
public record SolverSettings(long seed, Duration timeLimit, int maxIterations, int threads) {
    public SolverSettings {
        Objects.requireNonNull(timeLimit, "timeLimit");
        if (timeLimit.isNegative() || timeLimit.isZero()) throw new IllegalArgumentException("timeLimit must be positive, was " + timeLimit);
        if (maxIterations < 1) throw new IllegalArgumentException("maxIterations must be >= 1, was " + maxIterations);
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }

    /** Stop on time only, one thread. */
    public static SolverSettings timeLimited(long seed, Duration timeLimit) {
        return new SolverSettings(seed, timeLimit, Integer.MAX_VALUE, 1);
    }

    public SolverSettings withThreads(int newThreads) {
        return new SolverSettings(seed, timeLimit, maxIterations, newThreads);
    }

    public SolverSettings withMaxIterations(int iterations) {
        return new SolverSettings(seed, timeLimit, iterations, threads);
    }
}
