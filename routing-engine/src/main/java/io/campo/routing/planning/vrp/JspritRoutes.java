package io.campo.routing.planning.vrp;

import com.graphhopper.jsprit.core.algorithm.state.StateManager;
import com.graphhopper.jsprit.core.problem.VehicleRoutingProblem;
import com.graphhopper.jsprit.core.problem.job.Service;
import com.graphhopper.jsprit.core.problem.solution.route.VehicleRoute;
import com.graphhopper.jsprit.core.problem.solution.route.activity.TimeWindow;
import com.graphhopper.jsprit.core.problem.vehicle.Vehicle;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds routes as one search's jsprit keeps them from routes found outside it ({@link NewBestPolish}'s polished routes,
 * {@link BestExchange}'s routes of another search): each job with the window its service starts in as
 * {@link RouteTimeline} times the route, the route's states up to date. Only for problems without breaks, where
 * jsprit's routes and the timeline agree ({@link #applies}).
 *
 * <p>Not thread-safe: one per search.
 */
final class JspritRoutes {

    private static final double EPSILON = 1e-7;

    private final VehicleRoutingProblem vrp;
    private final StateManager states;
    private final Map<String, Vehicle> jspritVehicles = new HashMap<>();

    JspritRoutes(VrpProblem problem, VehicleRoutingProblem vrp, StateManager states) {
        if (!applies(problem)) throw new IllegalArgumentException("routes with breaks cannot be rebuilt from outside the search");
        this.vrp = vrp;
        this.states = states;
        for (Vehicle vehicle : vrp.getVehicles()) jspritVehicles.put(vehicle.getId(), vehicle);
    }

    /** Whether routes can be rebuilt: no vehicle takes a break (jsprit places it as an activity, the timeline in a gap). */
    static boolean applies(VrpProblem problem) {
        return problem.vehicles().stream().noneMatch(vehicle -> vehicle.lunch().isPresent());
    }

    /** The vehicle's route serving the jobs in order; they must be feasible for it. */
    VehicleRoute route(VrpVehicle vehicle, List<VrpJob> jobs) {
        RouteTimeline timeline = RouteTimeline.of(vehicle, jobs);
        VehicleRoute.Builder builder = VehicleRoute.Builder.newInstance(jspritVehicles.get(vehicle.id()))
                .setJobActivityFactory(vrp.getJobActivityFactory());
        for (int stop = 0; stop < jobs.size(); stop++) {
            Service service = (Service) vrp.getJobs().get(jobs.get(stop).id());
            builder.addService(service, window(service, timeline.serviceStart(stop)));
        }
        VehicleRoute route = builder.build();
        states.reCalculateStates(route);
        return route;
    }

    private static TimeWindow window(Service service, double start) {
        for (TimeWindow window : service.getTimeWindows()) {
            if (window.getStart() <= start + EPSILON && start <= window.getEnd() + EPSILON) return window;
        }
        return service.getTimeWindow();
    }
}
