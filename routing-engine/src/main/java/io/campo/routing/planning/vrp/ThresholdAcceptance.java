package io.campo.routing.planning.vrp;

import com.graphhopper.jsprit.core.algorithm.acceptor.SolutionAcceptor;
import com.graphhopper.jsprit.core.problem.solution.VehicleRoutingProblemSolution;

import java.util.Collection;

/**
 * Threshold accepting (Dueck and Scheuer), the scheme of jsprit's default Schrimpf acceptance,
 * with two changes that the value objective needs:
 *
 * <ul>
 *   <li>It compares solutions on a blended cost in which an unserved job of average value
 *       weighs {@link #VALUE_IN_LEGS} average legs of travel, not the lexicographic cost
 *       jsprit keeps the best solution by. With the lexicographic weights a search would never
 *       give up a visit to make room for two better ones; here it may, early on.</li>
 *   <li>The threshold cools on the {@link SearchClock}'s progress (time or iterations), not on
 *       iterations alone: jsprit's schedule assumes an iteration count fixed in advance, and a
 *       time-limited search would never cool.</li>
 * </ul>
 *
 * <p>Missed mandatory jobs and breaks are compared first and never traded.
 *
 * <p>Not thread-safe: jsprit calls it from its search thread only.
 */
final class ThresholdAcceptance implements SolutionAcceptor {

    /** How many average legs of travel an unserved job of average value is worth, while searching. */
    static final double VALUE_IN_LEGS = 3.0;
    /** Initial threshold as a share of the first solution's blended cost (jsprit's default). */
    static final double INITIAL_SHARE = 0.03;
    /** The threshold halves every this share of the search (jsprit's default alpha). */
    static final double HALVING = 0.15;

    private final ValueObjective objective;
    private final SearchClock clock;
    private final double meanUnits;
    private double unitWeight = Double.NaN;
    private double initialThreshold;
    private ValueObjective.Tally first;

    ThresholdAcceptance(ValueObjective objective, SearchClock clock, double meanUnits) {
        this.objective = objective;
        this.clock = clock;
        this.meanUnits = meanUnits;
    }

    @Override
    public boolean acceptSolution(Collection<VehicleRoutingProblemSolution> memory, VehicleRoutingProblemSolution candidate) {
        ValueObjective.Tally next = objective.tally(candidate);
        if (memory.isEmpty()) {
            if (Double.isNaN(unitWeight)) calibrate(next);
            memory.add(candidate);
            return true;
        }
        VehicleRoutingProblemSolution current = memory.iterator().next();
        ValueObjective.Tally now = objective.tally(current);
        if (Double.isNaN(unitWeight)) calibrate(now);
        int hardNext = next.missedMandatory() + next.missedBreaks();
        int hardNow = now.missedMandatory() + now.missedBreaks();
        boolean accept;
        if (hardNext != hardNow) {
            accept = hardNext < hardNow;
        } else {
            double threshold = initialThreshold * Math.pow(2, -clock.progress() / HALVING);
            accept = blended(next) < blended(now) + threshold;
        }
        if (accept) {
            memory.clear();
            memory.add(candidate);
        }
        return accept;
    }

    /** The first solution the search was handed (its construction); null before the search starts. */
    ValueObjective.Tally first() {
        return first;
    }

    private void calibrate(ValueObjective.Tally first) {
        this.first = first;
        double legs = first.routedJobs() + first.routes();
        double meanLeg = legs > 0 && first.travel() > 0 ? first.travel() / legs : 1.0;
        unitWeight = VALUE_IN_LEGS * meanLeg / meanUnits;
        initialThreshold = INITIAL_SHARE * blended(first);
    }

    private double blended(ValueObjective.Tally tally) {
        return tally.travel() + unitWeight * tally.lostUnits();
    }
}
