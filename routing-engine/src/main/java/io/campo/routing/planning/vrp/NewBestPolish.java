package io.campo.routing.planning.vrp;

import com.graphhopper.jsprit.core.problem.solution.VehicleRoutingProblemSolution;
import com.graphhopper.jsprit.core.problem.solution.route.VehicleRoute;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link RoutePolish} inside the search, on long routes: each solution that beats the best one seen so far is polished
 * before the acceptance sees it, so the search goes on from a local optimum of or-opt, swap and 2-opt* instead of
 * waiting for ruin and recreate to stumble on those moves. On routes of 20–50 stops (an agent's day) ruins of a few
 * dozen jobs leave most of each route in place and the regret insertion rarely reorders it: on the stretched Solomon
 * instances the clustered ones ended 4–8 % above the best known without this and within 1–2 % with it. On routes of
 * ten stops or fewer (Solomon's own instances) the search reorders routes well by itself, and polishing its new bests
 * made it settle early: it ended worse there (+0.62 % against +0.49 %, seed 1), so it stays off below
 * {@link #LONG_ROUTE} jobs per route. Both measured with {@code ./campo bench vrptw}, see the README.
 *
 * <p>Polishing only new bests keeps the cost small: they come often while the search is young and rarely later.
 *
 * <p>A polished solution whose routes {@link JspritRoutes} cannot rebuild (no room for a break as jsprit times it) is
 * left as found.
 *
 * <p>Not thread-safe: one per search, called from its thread.
 */
final class NewBestPolish extends WholeSolutionModule {

    /** Routes of the first solution at least this long on average (jobs per used route) turn it on. */
    static final double LONG_ROUTE = 15;

    private static final double EPSILON = 1e-7;

    private final VrpProblem problem;
    private final Map<String, VrpJob> jobsById;
    private final ValueObjective objective;
    private final JspritRoutes jspritRoutes;
    private final SearchClock clock;
    private final long checksPerPolish;
    private Boolean longRoutes;
    private double best = Double.POSITIVE_INFINITY;
    private int polishes;

    /**
     * @param checksPerPolish the work allowed to each polish, in routes timed ({@link RoutePolish})
     */
    NewBestPolish(VrpProblem problem, JspritRoutes jspritRoutes, Map<String, VrpJob> jobsById, ValueObjective objective,
                  SearchClock clock, long checksPerPolish) {
        super("new-best-polish");
        this.problem = problem;
        this.jobsById = jobsById;
        this.objective = objective;
        this.jspritRoutes = jspritRoutes;
        this.clock = clock;
        this.checksPerPolish = checksPerPolish;
    }

    @Override
    public VehicleRoutingProblemSolution runAndGetSolution(VehicleRoutingProblemSolution solution) {
        if (longRoutes == null) longRoutes = longRoutes(solution);
        if (!longRoutes) return solution;
        double cost = objective.getCosts(solution);
        if (cost >= best - EPSILON) return solution;
        best = cost;
        List<List<VrpJob>> before = new ArrayList<>();
        for (List<String> ids : jspritRoutes.jobIdsByVehicle(solution)) before.add(ids.stream().map(jobsById::get).toList());
        Map<String, VehicleRoute> routesByVehicle = new HashMap<>();
        for (VehicleRoute route : solution.getRoutes()) routesByVehicle.put(route.getVehicle().getId(), route);
        RoutePolish polish = new RoutePolish(problem, before, checksPerPolish, clock::outOfTime);
        double travel = polish.travel();
        List<List<VrpJob>> after = polish.polish();
        polishes++;
        if (polish.travel() >= travel - EPSILON) return solution;
        List<VehicleRoute> routes = new ArrayList<>();
        for (int v = 0; v < after.size(); v++) {
            VrpVehicle vehicle = problem.vehicles().get(v);
            List<VrpJob> jobs = after.get(v);
            if (jobs.equals(before.get(v))) {
                VehicleRoute kept = routesByVehicle.get(vehicle.id());
                if (kept != null) routes.add(kept);
            } else if (!jobs.isEmpty()) {
                Optional<VehicleRoute> rebuilt = jspritRoutes.route(vehicle, jobs);
                if (rebuilt.isEmpty()) return solution;  // no room for the break as jsprit times it: left as found
                routes.add(rebuilt.get());
            }
        }
        solution.getRoutes().clear();
        solution.getRoutes().addAll(routes);
        best = objective.getCosts(solution);
        return solution;
    }

    /** Whether the solution's used routes average {@link #LONG_ROUTE} jobs or more: an agent's day rather than Solomon's. */
    static boolean longRoutes(VehicleRoutingProblemSolution solution) {
        int jobs = 0;
        int routes = 0;
        for (VehicleRoute route : solution.getRoutes()) {
            if (route.isEmpty()) continue;
            routes++;
            jobs += JspritRoutes.jobIds(route).size();
        }
        return longRoutes(jobs, routes);
    }

    /** Whether {@code routes} used routes serving {@code jobs} average {@link #LONG_ROUTE} jobs or more; the one rule for every module. */
    static boolean longRoutes(int jobs, int routes) {
        return routes > 0 && jobs >= LONG_ROUTE * routes;
    }

    /** Polishes run so far. */
    int polishes() {
        return polishes;
    }

}
