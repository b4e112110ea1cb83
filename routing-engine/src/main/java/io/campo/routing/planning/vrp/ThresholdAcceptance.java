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
 *   <li>On long routes each used route is credited {@link #ROUTE_CREDIT_LEGS} average legs, so the walk may open a
 *       route that costs that much more travel at first. Once a day's routes are full of time, ruin and recreate never
 *       opens another one by itself (a visit alone in a new route costs the trip from the depot and back, far more
 *       than its detour in a full route), and on the stretched Solomon instances the worst results were exactly those
 *       keeping one route fewer than the best known (C107-long: 3 routes at 697.5 where 4 make 661.5). The best
 *       solution is still kept on the true objective: the credit steers the walk only.</li>
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
    /**
     * Travel credited to each used route while walking, in average legs, on long routes only (the first solution's
     * routes averaging {@link NewBestPolish#LONG_ROUTE} visits or more). On the stretched Solomon instances (seeds 1–3,
     * same work) 8 legs took the mean gap from +1.84 / +2.38 / +2.19 % to +1.55 / +1.74 / +1.71 %; 12 legs gave +1.59 %
     * (seed 1), a credit in the second search only +1.48 / +2.13 / +1.78 %, one fading with the search's progress
     * +1.73 % (seed 1). On Solomon's own routes of about ten stops it made things far worse (+1.43 % against +0.58 %,
     * seed 2): a route there is worth only a few legs, and the credit filled the walk with half-empty ones.
     */
    static final double ROUTE_CREDIT_LEGS = 8;

    private final ValueObjective objective;
    private final SearchClock clock;
    private final double meanUnits;
    private double unitWeight = Double.NaN;
    private final boolean mayCreditRoutes;
    private double routeCredit;
    private double initialThreshold;
    private ValueObjective.Tally first;

    /**
     * @param mayCreditRoutes whether the {@link #ROUTE_CREDIT_LEGS} credit may apply (then on long routes only): it was
     *                        measured on problems of 100 visits, not on the regions of a metropolitan day
     */
    ThresholdAcceptance(ValueObjective objective, SearchClock clock, double meanUnits, boolean mayCreditRoutes) {
        this.objective = objective;
        this.clock = clock;
        this.meanUnits = meanUnits;
        this.mayCreditRoutes = mayCreditRoutes;
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

    /** Sets the weights from the first solution; package-private for tests. */
    void calibrate(ValueObjective.Tally first) {
        this.first = first;
        double legs = first.routedJobs() + first.routes();
        double meanLeg = legs > 0 && first.travel() > 0 ? first.travel() / legs : 1.0;
        unitWeight = VALUE_IN_LEGS * meanLeg / meanUnits;
        boolean longRoutes = mayCreditRoutes && NewBestPolish.longRoutes(first.routedJobs(), first.routes());
        routeCredit = longRoutes ? ROUTE_CREDIT_LEGS * meanLeg : 0;
        initialThreshold = INITIAL_SHARE * blended(first);
    }

    /** What the walk compares: travel, value left out weighed in legs, less the credit of used routes; package-private for tests. */
    double blended(ValueObjective.Tally tally) {
        return tally.travel() + unitWeight * tally.lostUnits() - routeCredit * tally.routes();
    }
}
