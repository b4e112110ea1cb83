package io.campo.routing.planning.vrp;

import com.graphhopper.jsprit.core.algorithm.VehicleRoutingAlgorithm;
import com.graphhopper.jsprit.core.algorithm.listener.IterationStartsListener;
import com.graphhopper.jsprit.core.algorithm.ruin.RuinString;
import com.graphhopper.jsprit.core.problem.VehicleRoutingProblem;
import com.graphhopper.jsprit.core.problem.solution.VehicleRoutingProblemSolution;

import java.util.Collection;
import java.util.List;

/**
 * Shortens the strings jsprit's string ruin removes (Christiaens and Vanden Berghe's SISR) when the first solution has
 * long routes ({@link NewBestPolish#longRoutes}): from jsprit's 10–29 jobs per ruined route to {@link #MIN_LENGTH} to
 * {@link #MAX_LENGTH} - 1. On Solomon's routes of about ten jobs jsprit's lengths take a whole route, which is what works
 * there; on routes of 30–50 jobs they take 10–29 jobs from each of up to six routes, most of a day of three or four, and
 * rebuilding that much costs an iteration several times over. With 5–19 the long-route searches ran about 1.4 times the
 * iterations in the same work, and the stretched Solomon set (seeds 1–5, against the table as lowered by these runs) ended
 * +0.61 / +0.69 / +0.78 / +0.61 / +0.66 % with one day above 3 %, against +0.66 / +0.79 / +0.73 / +0.80 / +0.78 % and two
 * for jsprit's lengths (before the lowering, which adds about 0.02 point). Strings of 3–11 gave +0.80 / +0.64 / +0.66 /
 * +0.77 / +0.76 % with four days above 3 %, 3–19 +0.72 / +0.72 / +0.65 / +0.38 / +0.85 % with two, 5–24 +0.94 / +0.75 /
 * +0.73 / +1.05 / +0.81 % with four, 3–11 in one search only +0.72 / +0.87 % (seeds 1 and 4) with three (README).
 *
 * <p>Decided when the first iteration starts, from the search's first solution, so every ruin of a search draws from one
 * range.
 *
 * <p>Not thread-safe: one per search, called from its thread.
 */
final class ShortStringsOnLongRoutes implements IterationStartsListener {

    /** Shortest string removed per ruined route on long routes. */
    static final int MIN_LENGTH = 5;

    /** Strings on long routes are shorter than this (jsprit draws below its maximum). */
    static final int MAX_LENGTH = 20;

    private final List<RuinString> ruins;
    private boolean decided;
    private boolean shortened;

    private ShortStringsOnLongRoutes(VehicleRoutingAlgorithm algorithm) {
        this.ruins = AlgorithmRuins.of(algorithm, RuinString.class);
    }

    /** Listens to the algorithm's iterations, to shorten its string ruins once its first solution is known. */
    static ShortStringsOnLongRoutes attach(VehicleRoutingAlgorithm algorithm) {
        ShortStringsOnLongRoutes lengths = new ShortStringsOnLongRoutes(algorithm);
        algorithm.addListener(lengths);
        return lengths;
    }

    @Override
    public void informIterationStarts(int i, VehicleRoutingProblem problem, Collection<VehicleRoutingProblemSolution> solutions) {
        if (decided || solutions.isEmpty()) return;
        decided = true;
        if (!NewBestPolish.longRoutes(solutions.iterator().next())) return;
        for (RuinString ruin : ruins) ruin.setStringLength(MIN_LENGTH, MAX_LENGTH);
        shortened = !ruins.isEmpty();
    }

    /** Whether the search's string ruins remove short strings. */
    boolean shortened() {
        return shortened;
    }
}
