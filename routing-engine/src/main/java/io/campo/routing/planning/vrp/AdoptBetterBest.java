package io.campo.routing.planning.vrp;

import com.graphhopper.jsprit.core.problem.VehicleRoutingProblem;
import com.graphhopper.jsprit.core.problem.solution.VehicleRoutingProblemSolution;
import com.graphhopper.jsprit.core.problem.solution.route.VehicleRoute;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One search's side of a {@link BestExchange}: it remembers the search's best, posts it at each meeting point with the
 * routes its {@link RoutePool} kept, and when another search's best is better, or the best day made of every search's
 * pooled routes ({@link RouteCombination}) is, hands that on as the candidate, which the acceptance then takes (it beats
 * the current solution). The searches go on from there with their own random numbers. Every search at a meeting reads
 * the same offers and the same day combined from them (computed once, {@link BestExchange#combination}), so they all go
 * on from the same day and a seed still gives one result.
 *
 * <p>Combining at the meetings, not only after the searches, lets the searches improve on the combined day: on the
 * long-route set (work-bounded, seeds 1–5, routes pooled within 6 %) +0.78 / +1.03 / +0.89 / +1.17 / +1.25 % against
 * +0.96 / +1.08 / +0.90 / +1.17 / +1.31 %, and with pools within 10 % ({@link RoutePool#NEAR_LONG}) +0.70 / +0.86 / +0.82 /
 * +1.04 / +0.89 % (README).
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
    private final Optional<RoutePool> pool;
    private final VehicleKinds kinds;
    private double best = Double.POSITIVE_INFINITY;
    private List<List<String>> bestRoutes;
    private Boolean longRoutes;
    private int nextPoint;
    private int adopted;
    private int combined;

    AdoptBetterBest(VrpProblem problem, VehicleRoutingProblem vrp, JspritRoutes jspritRoutes, Map<String, VrpJob> jobsById,
                    ValueObjective objective, SearchClock clock, BestExchange.Seat seat, Optional<RoutePool> pool) {
        super("adopt-better-best");
        this.pool = pool;
        this.kinds = new VehicleKinds(problem.vehicles());
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
        Collection<RoutePool.Pooled> pooled = pool.<Collection<RoutePool.Pooled>>map(mine -> List.copyOf(mine.routes())).orElse(List.of());
        BestExchange.Offer cheapest = exchange.meet(seat.search(), nextPoint, new BestExchange.Offer(best, bestRoutes, pooled),
                clock.searchDeadline());
        Optional<BestExchange.Offer> combination = exchange.combination(nextPoint, this::combination);
        BestExchange.Offer chosen = combination.orElse(cheapest);
        nextPoint++;
        if (chosen.cost() >= best - EPSILON || !adopt(solution, chosen.routes())) return solution;
        best = chosen.cost();
        bestRoutes = chosen.routes();
        adopted++;
        if (combination.isPresent()) combined++;
        return solution;
    }

    /** The best day made of the pooled routes, if shorter than the cheapest offer; run by one search per meeting. */
    private Optional<BestExchange.Offer> combination(BestExchange.Offer cheapest, List<RoutePool.Pooled> pooled) {
        if (pooled.isEmpty()) return Optional.empty();
        List<List<VrpJob>> incumbent = new ArrayList<>();
        for (List<String> ids : cheapest.routes()) incumbent.add(ids.stream().map(jobsById::get).toList());
        double left = (clock.searchDeadline() - System.nanoTime()) / 1e9;
        Optional<RouteCombination.Combined> shorter = RouteCombination.improve(problem, kinds, incumbent, pooled, left);
        if (shorter.isEmpty()) return Optional.empty();
        List<List<String>> routes = new ArrayList<>();
        for (List<VrpJob> route : shorter.get().routes()) routes.add(route.stream().map(VrpJob::id).toList());
        return Optional.of(new BestExchange.Offer(cheapest.cost() - shorter.get().saved(), routes));
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

    /** How many times the search went on from another search's best or from a combination. */
    int adopted() {
        return adopted;
    }

    /** At how many meetings the search went on from a day made of the pooled routes, shorter than every search's best. */
    int combined() {
        return combined;
    }

}
