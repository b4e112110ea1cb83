package io.campo.routing.planning.vrp;

import io.campo.routing.api.SearchScore;

import com.graphhopper.jsprit.core.problem.job.Break;
import com.graphhopper.jsprit.core.problem.job.Job;
import com.graphhopper.jsprit.core.problem.solution.SolutionCostCalculator;
import com.graphhopper.jsprit.core.problem.solution.VehicleRoutingProblemSolution;
import com.graphhopper.jsprit.core.problem.solution.route.VehicleRoute;
import com.graphhopper.jsprit.core.problem.solution.route.activity.BreakActivity;
import com.graphhopper.jsprit.core.problem.solution.route.activity.TourActivity;

import java.util.Map;

/**
 * The lexicographic objective as one number for jsprit: missed mandatory jobs (and missed
 * breaks) first, then the value not served, then travel. jsprit's own objective only knows job
 * priorities 1–10, which cannot tell a 50,000-peso debtor from a 500-peso one; here each
 * unserved job costs {@code valueWeight × (value + 1)}, where {@code valueWeight} exceeds any
 * possible total travel, so no travel saving ever buys a unit of value. The "+ 1" makes every
 * job worth serving when time allows, even one of value 0.
 *
 * <p>This is what jsprit uses to remember the best solution; the search's acceptance uses a
 * softer blend ({@link ThresholdAcceptance}), so that it may trade value for room temporarily.
 *
 * <p>Thread-safe: immutable after construction.
 */
final class ValueObjective implements SolutionCostCalculator {

    private final Map<String, VrpJob> jobs;
    private final MatrixTransportCosts costs;
    private final double valueWeight;
    private final double mandatoryWeight;

    ValueObjective(Map<String, VrpJob> jobs, MatrixTransportCosts costs, double travelUpperBound) {
        this.jobs = jobs;
        this.costs = costs;
        this.valueWeight = travelUpperBound + 1;
        double allUnits = 1;
        for (VrpJob job : jobs.values()) allUnits += job.value() + 1;
        this.mandatoryWeight = valueWeight * allUnits;
    }

    /** What a solution achieves, counted once for both the objective and the acceptance. */
    record Tally(double travel, double lostUnits, int missedMandatory, int missedBreaks, int routedJobs, int routes,
                 double lostValue) {
        SearchScore score() {
            return new SearchScore(routedJobs, lostValue, travel);
        }
    }

    @Override
    public double getCosts(VehicleRoutingProblemSolution solution) {
        Tally tally = tally(solution);
        return tally.travel() + valueWeight * tally.lostUnits()
                + mandatoryWeight * (tally.missedMandatory() + tally.missedBreaks());
    }

    /**
     * Whether the route needs a break it does not take. jsprit leaves a break out when the route ends before the
     * break's latest start; it is then taken after the last job (RouteTimeline). A route running past it without one is
     * invalid.
     */
    static boolean missesBreak(VehicleRoute route) {
        Break rule = route.getVehicle().getBreak();
        return rule != null && !route.getTourActivities().servesJob(rule)
                && route.getEnd().getArrTime() > rule.getTimeWindow().getEnd();
    }

    Tally tally(VehicleRoutingProblemSolution solution) {
        double travel = 0;
        int missedBreaks = 0;
        int routedJobs = 0;
        int routes = 0;
        for (VehicleRoute route : solution.getRoutes()) {
            if (route.isEmpty()) continue;
            routes++;
            TourActivity previous = route.getStart();
            for (TourActivity activity : route.getActivities()) {
                if (!(activity instanceof BreakActivity)) routedJobs++;
                travel += costs.getTransportCost(previous.getLocation(), activity.getLocation(), previous.getEndTime(),
                        route.getDriver(), route.getVehicle());
                previous = activity;
            }
            if (route.getVehicle().isReturnToDepot())
                travel += costs.getTransportCost(previous.getLocation(), route.getEnd().getLocation(), previous.getEndTime(),
                        route.getDriver(), route.getVehicle());
            if (missesBreak(route)) missedBreaks++;
        }
        double lostUnits = 0;
        double lostValue = 0;
        int missedMandatory = 0;
        for (Job job : solution.getUnassignedJobs()) {
            VrpJob vrpJob = jobs.get(job.getId());
            if (vrpJob == null) continue; // a break
            lostUnits += vrpJob.value() + 1;
            lostValue += vrpJob.value();
            if (vrpJob.mandatory()) missedMandatory++;
        }
        return new Tally(travel, lostUnits, missedMandatory, missedBreaks, routedJobs, routes, lostValue);
    }
}
