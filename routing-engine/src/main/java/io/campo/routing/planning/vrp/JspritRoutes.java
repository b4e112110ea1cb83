package io.campo.routing.planning.vrp;

import com.graphhopper.jsprit.core.algorithm.recreate.BreakScheduling;
import com.graphhopper.jsprit.core.algorithm.state.StateManager;
import com.graphhopper.jsprit.core.problem.VehicleRoutingProblem;
import com.graphhopper.jsprit.core.problem.constraint.ConstraintManager;
import com.graphhopper.jsprit.core.problem.job.Service;
import com.graphhopper.jsprit.core.problem.solution.VehicleRoutingProblemSolution;
import com.graphhopper.jsprit.core.problem.solution.route.VehicleRoute;
import com.graphhopper.jsprit.core.problem.solution.route.activity.BreakActivity;
import com.graphhopper.jsprit.core.problem.solution.route.activity.TimeWindow;
import com.graphhopper.jsprit.core.problem.solution.route.activity.TourActivity;
import com.graphhopper.jsprit.core.problem.vehicle.Vehicle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds routes as one search's jsprit keeps them from routes found outside it ({@link NewBestPolish}'s polished routes,
 * {@link BestExchange}'s routes of another search, {@link RouteSplit}'s cut ones): each job with the window its service
 * starts in as {@link RouteTimeline} times the route, the vehicle's break placed by jsprit's own break scheduling, the
 * route's states up to date.
 *
 * <p>jsprit and the timeline time a break differently: jsprit takes it at a door before travelling on, or on arriving
 * and before waiting for the window; the timeline may take it while waiting at the next door. So a route the timeline
 * finds feasible may have no room for its break as jsprit times it; such a route is not built ({@link #route} is empty)
 * and the caller leaves the search's solution as it was. A route that ends before its break's window needs no break in
 * either model (it is taken after the day's work).
 *
 * <p>Not thread-safe: one per search.
 */
final class JspritRoutes {

    private static final double EPSILON = 1e-7;

    private final VehicleRoutingProblem vrp;
    private final StateManager states;
    private final BreakScheduling breaks;
    private final Map<String, Vehicle> jspritVehicles = new HashMap<>();
    private final int vehicles;
    private final Map<String, Integer> vehicleIndex = new HashMap<>();
    private int built;

    JspritRoutes(VrpProblem problem, VehicleRoutingProblem vrp, StateManager states, ConstraintManager constraints) {
        this.vrp = vrp;
        this.states = states;
        this.breaks = new BreakScheduling(vrp, states, constraints);
        for (Vehicle vehicle : vrp.getVehicles()) jspritVehicles.put(vehicle.getId(), vehicle);
        this.vehicles = problem.vehicles().size();
        for (VrpVehicle vehicle : problem.vehicles()) vehicleIndex.put(vehicle.id(), vehicleIndex.size());
    }

    /** The ids of the jobs each of the problem's vehicles serves in the solution, in the problem's vehicle order; empty for an unused one. */
    List<List<String>> jobIdsByVehicle(VehicleRoutingProblemSolution solution) {
        List<List<String>> routes = new ArrayList<>(vehicles);
        for (int v = 0; v < vehicles; v++) routes.add(List.of());
        for (VehicleRoute route : solution.getRoutes()) routes.set(vehicleIndex.get(route.getVehicle().getId()), List.copyOf(jobIds(route)));
        return routes;
    }

    /**
     * The vehicle's route serving the jobs in order, with its break if it needs one; the jobs must be feasible for the
     * vehicle as {@link RouteTimeline} times them. Empty when jsprit finds no room for the break the route needs.
     */
    Optional<VehicleRoute> route(VrpVehicle vehicle, List<VrpJob> jobs) {
        RouteTimeline timeline = RouteTimeline.of(vehicle, jobs);
        VehicleRoute.Builder builder = VehicleRoute.Builder.newInstance(jspritVehicles.get(vehicle.id()))
                .setJobActivityFactory(vrp.getJobActivityFactory());
        for (int stop = 0; stop < jobs.size(); stop++) {
            Service service = (Service) vrp.getJobs().get(jobs.get(stop).id());
            builder.addService(service, window(service, timeline.serviceStart(stop)));
        }
        VehicleRoute route = builder.build();
        states.reCalculateStates(route);
        if (route.getVehicle().getBreak() != null) {
            // the scheduling jsprit runs before each recreate: it places the break where it adds the least cost
            breaks.informInsertionStarts(List.of(route), List.of());
            if (ValueObjective.missesBreak(route)) return Optional.empty();
        }
        built++;
        return Optional.of(route);
    }

    /** The ids of the jobs a jsprit route serves, in order; its break left out. */
    static List<String> jobIds(VehicleRoute route) {
        List<String> ids = new ArrayList<>(route.getActivities().size());
        for (TourActivity activity : route.getActivities()) {
            if (!(activity instanceof BreakActivity)) ids.add(((TourActivity.JobActivity) activity).getJob().getId());
        }
        return ids;
    }

    /** Routes built so far. */
    int built() {
        return built;
    }

    private static TimeWindow window(Service service, double start) {
        for (TimeWindow window : service.getTimeWindows()) {
            if (window.getStart() <= start + EPSILON && start <= window.getEnd() + EPSILON) return window;
        }
        return service.getTimeWindow();
    }
}
