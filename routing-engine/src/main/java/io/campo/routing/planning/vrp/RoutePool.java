package io.campo.routing.planning.vrp;

import com.graphhopper.jsprit.core.problem.job.Job;
import com.graphhopper.jsprit.core.problem.solution.VehicleRoutingProblemSolution;
import com.graphhopper.jsprit.core.problem.solution.route.VehicleRoute;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The routes one search builds, kept for {@link RouteCombination}: a jsprit search module that sees each candidate
 * solution after its ruin and recreate and keeps the routes of those near the best seen ({@link #NEAR}), one copy each,
 * by vehicle kind and job order. Travel is read from the matrices directly, so keeping routes is not counted as the
 * search's work and does not change the search.
 *
 * <p>Bounded by {@link #MAX_ROUTES}; in insertion order, so that a seed gives the same pool.
 *
 * <p>Not thread-safe: one per search, called from its thread.
 */
final class RoutePool extends WholeSolutionModule {

    /** A route: the kind of vehicle that drove it ({@link VehicleKinds}) and its jobs in order, as indices into the problem's jobs. */
    record Pooled(int kind, int[] jobs) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Pooled pooled && pooled.kind == kind && Arrays.equals(pooled.jobs, jobs);
        }

        @Override
        public int hashCode() {
            return kind * 31 + Arrays.hashCode(jobs);
        }

        @Override
        public String toString() {
            return kind + ":" + Arrays.toString(jobs);
        }
    }

    /**
     * A candidate's routes are kept when it travels at most this share more than the best candidate seen so far at its
     * value (none leaving more value out). Far worse candidates add routes no good day uses and slow the combination:
     * on Solomon's 1xx instances, keeping every route made 17,000–18,000 of them and SCIP took 4–39 s; within 1 %,
     * about 1,000 and under a second, within 2 % about 1,600 (README).
     */
    static final double NEAR = 0.02;

    /**
     * {@link #NEAR} on long routes (the first candidate's average {@link NewBestPolish#LONG_ROUTE} jobs or more): a
     * candidate there changes one or two of four routes, so within 2 % the pool held only 50–450 routes; within 6 % the
     * long set ended +0.94 / +1.06 % against +1.12 / +1.16 % (seeds 1 / 2). Since the searches also combine their routes
     * at their meetings, within 10 %: +0.70 / +0.86 / +0.82 / +1.04 / +0.89 % against +0.78 / +1.03 / +0.89 / +1.17 /
     * +1.25 % within 6 % (seeds 1–5), about a second more per instance (README).
     */
    static final double NEAR_LONG = 0.10;

    /** At most this many routes per search: about 100 bytes each. */
    static final int MAX_ROUTES = 200_000;

    private final VrpProblem problem;
    private final VehicleKinds kinds;
    private final Map<String, Integer> jobIndex = new HashMap<>();
    private final Set<Pooled> routes = new LinkedHashSet<>();
    /** The best candidate so far: the least value left out (as {@link ValueObjective} counts it), then the least travel. */
    private double bestLost = Double.POSITIVE_INFINITY;
    private double bestTravel = Double.POSITIVE_INFINITY;
    /** {@link #NEAR} or {@link #NEAR_LONG}, decided on the first candidate; negative until then. */
    private double near = -1;

    RoutePool(VrpProblem problem, VehicleKinds kinds) {
        super("route-pool");
        this.kinds = kinds;
        this.problem = problem;
        List<VrpJob> jobs = problem.jobs();
        for (int j = 0; j < jobs.size(); j++) jobIndex.put(jobs.get(j).id(), j);
    }

    @Override
    public VehicleRoutingProblemSolution runAndGetSolution(VehicleRoutingProblemSolution solution) {
        if (routes.size() >= MAX_ROUTES) return solution;
        if (near < 0) near = NewBestPolish.longRoutes(solution) ? NEAR_LONG : NEAR;
        double lost = 0;
        for (Job job : solution.getUnassignedJobs()) {
            Integer j = jobIndex.get(job.getId());
            if (j != null) lost += problem.jobs().get(j).value() + 1;  // else a break
        }
        if (lost > bestLost) return solution;
        List<Pooled> candidate = new ArrayList<>();
        double travel = 0;
        for (VehicleRoute route : solution.getRoutes()) {
            List<String> ids = JspritRoutes.jobIds(route);
            if (ids.isEmpty()) continue;
            int[] jobs = new int[ids.size()];
            for (int i = 0; i < jobs.length; i++) jobs[i] = jobIndex.get(ids.get(i));
            Pooled pooled = new Pooled(kinds.of(route.getVehicle().getId()), jobs);
            candidate.add(pooled);
            travel += RouteCombination.travel(problem, problem.vehicles().get(kinds.vehicles(pooled.kind()).get(0)), jobs);
        }
        if (lost < bestLost) {
            bestLost = lost;
            bestTravel = travel;
        } else if (travel < bestTravel) {
            bestTravel = travel;
        } else if (travel > bestTravel * (1 + near)) {
            return solution;
        }
        for (Pooled pooled : candidate) {
            if (routes.size() >= MAX_ROUTES) break;
            routes.add(pooled);
        }
        return solution;
    }

    /** The routes kept so far, in the order first seen. */
    Collection<Pooled> routes() {
        return routes;
    }
}
