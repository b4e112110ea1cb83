package io.campo.routing.planning.vrp;

import com.graphhopper.jsprit.core.problem.VehicleRoutingProblem;
import com.graphhopper.jsprit.core.problem.solution.VehicleRoutingProblemSolution;
import com.graphhopper.jsprit.core.problem.solution.route.VehicleRoute;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One search's side of a {@link BestExchange}: it remembers the search's best, posts it at each meeting point, and when
 * another search's best is better, hands that on as the candidate, which the acceptance then takes (it beats the
 * current solution). The searches go on from there with their own random numbers.
 *
 * <p>On long routes only (as {@link NewBestPolish}): on Solomon's routes of ten stops or fewer the searches did better
 * apart (seeds 1 and 2: +0.53 % and +0.67 % against +0.49 % and +0.58 %), on routes of 20–50 stops together (see the README).
 *
 * <p>Not thread-safe: one per search, called from its thread.
 */
final class AdoptBetterBest extends WholeSolutionModule {

    private static final double EPSILON = 1e-7;

    private final VrpProblem problem;
    private final VehicleRoutingProblem vrp;
    private final Map<String, VrpJob> jobsById;
    private final ValueObjective objective;
    private final SearchClock clock;
    private final BestExchange exchange;
    private final BestExchange.Seat seat;
    private final JspritRoutes jspritRoutes;
    private double best = Double.POSITIVE_INFINITY;
    private List<List<String>> bestRoutes;
    private Boolean longRoutes;
    private int nextPoint;
    private int adopted;

    AdoptBetterBest(VrpProblem problem, VehicleRoutingProblem vrp, JspritRoutes jspritRoutes, Map<String, VrpJob> jobsById,
                    ValueObjective objective, SearchClock clock, BestExchange.Seat seat) {
        super("adopt-better-best");
        this.problem = problem;
        this.vrp = vrp;
        this.jobsById = jobsById;
        this.objective = objective;
        this.clock = clock;
        this.exchange = seat.exchange();
        this.seat = seat;
        this.jspritRoutes = jspritRoutes;
    }

    @Override
    public VehicleRoutingProblemSolution runAndGetSolution(VehicleRoutingProblemSolution solution) {
        if (longRoutes == null) {
            longRoutes = NewBestPolish.longRoutes(solution);
            if (!longRoutes) seat.leave();  // no one waits for a search that does not come
        }
        if (!longRoutes) return solution;
        double cost = objective.getCosts(solution);
        if (cost < best - EPSILON) {
            best = cost;
            bestRoutes = routesOf(solution);
        }
        if (nextPoint >= exchange.points() || clock.progress() < exchange.point(nextPoint)) return solution;
        BestExchange.Offer chosen = exchange.meet(seat.search(), nextPoint, new BestExchange.Offer(best, bestRoutes), clock.searchDeadline());
        nextPoint++;
        if (chosen.cost() >= best - EPSILON || !adopt(solution, chosen.routes())) return solution;
        best = chosen.cost();
        bestRoutes = chosen.routes();
        adopted++;
        return solution;
    }

    /** Replaces the solution's routes by {@code routes}; false, the solution untouched, when one cannot be rebuilt. */
    private boolean adopt(VehicleRoutingProblemSolution solution, List<List<String>> routes) {
        List<VehicleRoute> rebuilt = new ArrayList<>();
        Set<String> served = new HashSet<>();
        for (int v = 0; v < routes.size(); v++) {
            List<String> ids = routes.get(v);
            if (ids.isEmpty()) continue;
            served.addAll(ids);
            Optional<VehicleRoute> route = jspritRoutes.route(problem.vehicles().get(v), ids.stream().map(jobsById::get).toList());
            if (route.isEmpty()) return false;
            rebuilt.add(route.get());
        }
        solution.getRoutes().clear();
        solution.getRoutes().addAll(rebuilt);
        solution.getUnassignedJobs().clear();
        for (VrpJob job : problem.jobs()) if (!served.contains(job.id())) solution.getUnassignedJobs().add(vrp.getJobs().get(job.id()));
        return true;
    }

    private List<List<String>> routesOf(VehicleRoutingProblemSolution solution) {
        return List.copyOf(jspritRoutes.jobIdsByVehicle(solution));
    }

    /** How many times the search went on from another search's best. */
    int adopted() {
        return adopted;
    }

}
