package io.campo.routing.planning.vrp;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard and how reproducibly to search.
 *
 * <p>The search stops at {@code timeLimit}, after {@code maxIterations} or after {@code maxWork}, whichever comes
 * first. The same problem, seed and thread count give the same solution whenever the iteration or work limit is
 * what stops the search (the search then also cools on them, not on time); a time limit stops after however much
 * the machine managed, so two runs may differ when time is the binding limit.
 *
 * <p>Work is counted in reads of the travel matrix by the search, which follow the positions its insertions try:
 * unlike iterations, whose cost grows with the length of the routes (an iteration on 40-stop routes costs several
 * on 10-stop ones), work tracks CPU time across problem shapes, so one work limit fits one time budget on a given
 * machine and still gives the same solution on a busy one.
 *
 * <p>Immutable and thread-safe.
 *
 * @param seed          seeds every random choice of the search
 * @param timeLimit     wall-clock budget of the search (construction included)
 * @param maxIterations ruin-and-recreate iterations at most, per thread (shared by its rounds of searches) and per
 *                      region; {@link Integer#MAX_VALUE}: no limit, the search cools on time
 * @param threads       independent single-threaded searches run side by side (different seeds, the best
 *                      kept), or regions searched side by side on big problems
 * @param maxWork       travel-matrix reads at most, per thread (shared by its rounds of searches, {@link JspritVrpSolver#ROUNDS})
 *                      and per region; {@link Long#MAX_VALUE}: no limit
 */
public record SolverSettings(long seed, Duration timeLimit, int maxIterations, int threads, long maxWork) {
    public SolverSettings {
        Objects.requireNonNull(timeLimit, "timeLimit");
        if (timeLimit.isNegative() || timeLimit.isZero()) throw new IllegalArgumentException("timeLimit must be positive, was " + timeLimit);
        if (maxIterations < 1) throw new IllegalArgumentException("maxIterations must be >= 1, was " + maxIterations);
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        if (maxWork < 1) throw new IllegalArgumentException("maxWork must be >= 1, was " + maxWork);
    }

    /** No work limit. */
    public SolverSettings(long seed, Duration timeLimit, int maxIterations, int threads) {
        this(seed, timeLimit, maxIterations, threads, Long.MAX_VALUE);
    }

    /** Stop on time only, one thread. */
    public static SolverSettings timeLimited(long seed, Duration timeLimit) {
        return new SolverSettings(seed, timeLimit, Integer.MAX_VALUE, 1);
    }

    public SolverSettings withThreads(int newThreads) {
        return new SolverSettings(seed, timeLimit, maxIterations, newThreads, maxWork);
    }

    public SolverSettings withMaxIterations(int iterations) {
        return new SolverSettings(seed, timeLimit, iterations, threads, maxWork);
    }

    public SolverSettings withMaxWork(long work) {
        return new SolverSettings(seed, timeLimit, maxIterations, threads, work);
    }

    /** Whether iterations or work bound the search, which then cools on them and is reproducible by seed. */
    boolean boundedByWork() {
        return maxIterations != Integer.MAX_VALUE || maxWork != Long.MAX_VALUE;
    }
}
