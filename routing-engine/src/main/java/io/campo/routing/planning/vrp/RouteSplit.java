package io.campo.routing.planning.vrp;

import com.graphhopper.jsprit.core.problem.solution.VehicleRoutingProblemSolution;
import com.graphhopper.jsprit.core.problem.solution.route.VehicleRoute;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Now and then cuts one of the candidate's routes in two, the second part going to a vehicle the candidate leaves unused,
 * at the cut that adds the least travel ({@link RouteOpening#cheapestCuts}): a route opened whole, which ruin and
 * recreate does not do on long routes (a visit alone in a new route costs the trip from the depot and back, far more
 * than its detour in a full route). The acceptance then judges the candidate as any other, with its credit per route
 * ({@link ThresholdAcceptance}), and the search refills both parts.
 *
 * <p>Only the second of two side-by-side searches cuts, so one of them still walks among solutions with fewer routes; on
 * the stretched Solomon instances (seeds 1–3, same work) this took the mean gap from +1.55 / +1.74 / +1.71 % (the
 * credit alone) to +1.19 / +1.34 / +1.13 % and found shorter days with one or two routes more (C107/C108/C109-long,
 * RC106-long); cutting in both searches found those too but was worse on the R instances, whose best days keep 3–4
 * routes (+2.12 %, seed 1). Measured with {@code ./campo bench vrptw}, see the README.
 *
 * <p>On long routes only ({@link NewBestPolish#longRoutes}); a cut whose parts {@link JspritRoutes} cannot rebuild (no
 * room for a break as jsprit times it) is not made.
 *
 * <p>Not thread-safe: one per search, called from its thread.
 */
final class RouteSplit extends WholeSolutionModule {

    /** Share of the search's iterations that cut a route; 5 % was worse (+1.61 % against +1.19 %, seed 1), 1 % no better (+1.07 / +1.39 %, seeds 1 and 2). */
    static final double SHARE = 0.02;

    private final VrpProblem problem;
    private final Map<String, VrpJob> jobsById;
    private final JspritRoutes jspritRoutes;
    private final Random random;
    private Boolean longRoutes;
    private int splits;

    RouteSplit(VrpProblem problem, JspritRoutes jspritRoutes, Map<String, VrpJob> jobsById, Random random) {
        super("route-split");
        this.problem = problem;
        this.jobsById = jobsById;
        this.jspritRoutes = jspritRoutes;
        this.random = random;
    }

    @Override
    public VehicleRoutingProblemSolution runAndGetSolution(VehicleRoutingProblemSolution solution) {
        if (longRoutes == null) longRoutes = NewBestPolish.longRoutes(solution);
        if (!longRoutes || random.nextDouble() >= SHARE) return solution;
        Set<String> used = new HashSet<>();
        List<VehicleRoute> cuttable = new ArrayList<>();
        for (VehicleRoute route : solution.getRoutes()) {
            if (route.isEmpty()) continue;
            used.add(route.getVehicle().getId());
            if (JspritRoutes.jobIds(route).size() >= 2 * RouteOpening.MIN_PART) cuttable.add(route);
        }
        List<VrpVehicle> spares = problem.vehicles().stream().filter(vehicle -> !used.contains(vehicle.id())).toList();
        if (spares.isEmpty() || cuttable.isEmpty()) return solution;
        VehicleRoute chosen = cuttable.get(random.nextInt(cuttable.size()));
        VrpVehicle owner = problem.vehicles().stream().filter(vehicle -> vehicle.id().equals(chosen.getVehicle().getId()))
                .findFirst().orElseThrow();
        List<VrpJob> jobs = JspritRoutes.jobIds(chosen).stream().map(jobsById::get).toList();
        List<RouteOpening.Cut> cuts = RouteOpening.cheapestCuts(problem, owner, jobs, spares, 1);
        if (cuts.isEmpty()) return solution;
        RouteOpening.Cut cut = cuts.get(0);
        Optional<VehicleRoute> first = jspritRoutes.route(owner, List.copyOf(jobs.subList(0, cut.at())));
        Optional<VehicleRoute> second = jspritRoutes.route(spares.get(cut.spare()), List.copyOf(jobs.subList(cut.at(), jobs.size())));
        if (first.isEmpty() || second.isEmpty()) return solution;  // no room for a break as jsprit times it
        solution.getRoutes().remove(chosen);
        solution.getRoutes().add(first.get());
        solution.getRoutes().add(second.get());
        splits++;
        return solution;
    }

    /** Routes cut so far. */
    int splits() {
        return splits;
    }
}
