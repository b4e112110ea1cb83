package io.campo.routing.planning.vrp;

import com.graphhopper.jsprit.core.problem.constraint.HardActivityConstraint;
import com.graphhopper.jsprit.core.problem.misc.JobInsertionContext;
import com.graphhopper.jsprit.core.problem.solution.route.VehicleRoute;
import com.graphhopper.jsprit.core.problem.solution.route.activity.BreakActivity;
import com.graphhopper.jsprit.core.problem.solution.route.activity.TourActivity;
import com.graphhopper.jsprit.core.problem.vehicle.Vehicle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Refuses an insertion into a route that has no break yet when, with the new job, the break
 * would no longer fit anywhere (the answer of {@link RouteTimeline#fits}, the planner's own model).
 *
 * <p>Why: jsprit checks time windows against the activities in the route, its break included
 * when the break is there. But a ruin takes the break out of every route it touches, and a route
 * that ends before the break window has none; jsprit's {@code BreakScheduling} puts the break back
 * only after a job went in, and when it no longer fits it silently leaves the route without one.
 * Such a route is late in the planner's model ({@link RouteTimeline}): it is the one way we found,
 * reading jsprit 1.9's break handling, in which the solver's and the checker's time models part, and
 * the likely source of the "solver's route is late" drops seen once on the 3,000-visit plan (the
 * search's best can keep such a route when too few iterations run to replace it). With the break
 * present, jsprit's own time-window check already covers it, so the costlier check here runs only
 * for routes without their break.
 *
 * <p>jsprit asks about every position of one job in one route with one insertion context, so the route is timed once
 * per context ({@link BreakRoom}) and each position answered in constant time; timing the route at every position was
 * most of the time of a day with lunch. The position is the context's insertion index: jsprit passes a start activity
 * of its own making, not the route's, for the first position.
 *
 * <p>Not thread-safe: one per search, asked from the search's thread (jsprit's insertion runs on it).
 */
final class BreakRoomConstraint implements HardActivityConstraint {

    private final Map<String, VrpVehicle> vehicles;
    private final Map<String, VrpJob> jobs;
    private JobInsertionContext lastContext;
    private BreakRoom lastRoom;

    BreakRoomConstraint(Map<String, VrpVehicle> vehicles, Map<String, VrpJob> jobs) {
        this.vehicles = vehicles;
        this.jobs = jobs;
    }

    @Override
    public ConstraintsStatus fulfilled(JobInsertionContext context, TourActivity previous, TourActivity inserted, TourActivity next,
                                       double previousDeparture) {
        Vehicle vehicle = context.getNewVehicle();
        if (vehicle.getBreak() == null || inserted instanceof BreakActivity) return ConstraintsStatus.FULFILLED;
        VrpVehicle own = vehicles.get(vehicle.getId());
        VrpJob job = jobs.get(context.getJob().getId());
        if (own == null || job == null) return ConstraintsStatus.FULFILLED;
        if (context != lastContext) {
            lastContext = context;
            lastRoom = room(own, context.getRoute());
        }
        if (lastRoom == null) return ConstraintsStatus.FULFILLED;  // the break is in the route: jsprit's own checks hold
        return lastRoom.fitsWith(job, position(context, next)) ? ConstraintsStatus.FULFILLED : ConstraintsStatus.NOT_FULFILLED;
    }

    /** Where the job goes: before the route's {@code position}-th activity. */
    private static int position(JobInsertionContext context, TourActivity next) {
        if (context.getActivityContext() != null) return context.getActivityContext().getInsertionIndex();
        List<TourActivity> activities = context.getRoute().getActivities();  // a calculator that does not say
        int at = activities.indexOf(next);
        return at >= 0 ? at : activities.size();
    }

    /** The route timed for insertions, or null when it has its break (or a job that is not ours, never seen). */
    private BreakRoom room(VrpVehicle vehicle, VehicleRoute route) {
        List<VrpJob> stops = new ArrayList<>(route.getActivities().size());
        for (TourActivity activity : route.getActivities()) {
            if (activity instanceof BreakActivity) return null;
            if (activity instanceof TourActivity.JobActivity jobActivity) {
                VrpJob routed = jobs.get(jobActivity.getJob().getId());
                if (routed == null) return null;
                stops.add(routed);
            }
        }
        return new BreakRoom(vehicle, stops);
    }
}
