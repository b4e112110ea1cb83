package io.campo.routing.planning.vrp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Tries a day with one route more: each route in turn is cut in two at each of its {@link #CUTS} cheapest cuts
 * ({@link #cheapestCuts}), the second part going to an unused vehicle, and the day is polished ({@link RoutePolish}); the
 * shortest of these days is kept if it is shorter than the day given.
 *
 * <p>On long routes a search that has filled its routes with time stays at that number of routes (see
 * {@link ThresholdAcceptance}), and the worst days it ended with kept one route fewer than the best known. Cutting and
 * polishing reaches some of those days directly: on the stretched Solomon instances, C109-long seed 4 went from 639.1
 * with 3 routes to 609.3 with 4, RC105-long seed 3 from 828.1 with 4 to 812.8 with 5. The solver tries it on the day it
 * returns; tried also on the day the searches go on from at each meeting ({@link AdoptBetterBest}), it changed their
 * paths, better on some seeds and worse on others (README).
 *
 * <p>Deterministic: routes in the vehicles' order, spares in the vehicles' order, a bound on work per polish. Stops
 * early when {@code outOfTime} says so, with every route it returns still valid.
 */
final class RouteOpening {

    /** Neither part of a cut route is shorter than this: a part of one or two visits is what insertion does anyway. */
    static final int MIN_PART = 5;

    /**
     * Cuts tried per route, the cheapest: on the stretched Solomon instances (seeds 1–5) the cheapest cut alone shortened
     * ten days of 145, the eight cheapest 32, RC105-long seed 3 among them (828.1 → 812.8, the seed's last but one day
     * above 3 %); 34 ms per solve against 406 ms mean (max 1.2 s), against 6–9 s of search (README).
     */
    static final int CUTS = 8;

    private static final double EPSILON = 1e-7;

    /** A cut of a route: the first {@code at} jobs stay, the rest go to spare number {@code spare}, adding {@code added} travel. */
    record Cut(int at, int spare, double added) {
    }

    /** A shorter day: its routes per vehicle, in the problem's order, and the travel saved. */
    record Opened(List<List<VrpJob>> routes, double saved) {
    }

    private RouteOpening() {
    }

    /**
     * The shortest day with one route more, polished, if shorter than {@code perVehicle}.
     *
     * @param perVehicle      routes per vehicle of {@code problem}, in the problem's order (empty for an unused vehicle)
     * @param checksPerPolish the work allowed to each polish, in routes timed
     */
    static Optional<Opened> improve(VrpProblem problem, List<List<VrpJob>> perVehicle, long checksPerPolish, BooleanSupplier outOfTime) {
        List<Integer> spareIndices = new ArrayList<>();
        List<VrpVehicle> spares = new ArrayList<>();
        for (int v = 0; v < perVehicle.size(); v++) {
            if (!perVehicle.get(v).isEmpty()) continue;
            spareIndices.add(v);
            spares.add(problem.vehicles().get(v));
        }
        if (spares.isEmpty()) return Optional.empty();
        Opened best = null;
        for (int r = 0; r < perVehicle.size(); r++) {
            List<VrpJob> jobs = perVehicle.get(r);
            if (jobs.size() < 2 * MIN_PART) continue;
            if (outOfTime.getAsBoolean()) break;
            for (Cut cut : cheapestCuts(problem, problem.vehicles().get(r), jobs, spares, CUTS)) {
                if (outOfTime.getAsBoolean()) break;
                List<List<VrpJob>> cutDay = new ArrayList<>(perVehicle);
                cutDay.set(r, List.copyOf(jobs.subList(0, cut.at())));
                cutDay.set(spareIndices.get(cut.spare()), List.copyOf(jobs.subList(cut.at(), jobs.size())));
                RoutePolish polish = new RoutePolish(problem, cutDay, checksPerPolish, outOfTime);
                double before = polish.travel() - cut.added();
                List<List<VrpJob>> polished = polish.polish();
                double saved = before - polish.travel();
                if (saved > EPSILON && (best == null || saved > best.saved() + EPSILON)) best = new Opened(polished, saved);
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The {@code count} feasible cuts of the owner's {@code jobs} adding the least travel, cheapest first (ties: the earlier
     * cut), each with the spare it adds least with (ties: the earlier spare); the first part is kept by the owner, both
     * keep {@link #MIN_PART} jobs or more. Empty when none is feasible.
     */
    static List<Cut> cheapestCuts(VrpProblem problem, VrpVehicle owner, List<VrpJob> jobs, List<VrpVehicle> spares, int count) {
        List<Cut> cuts = new ArrayList<>();
        for (int at = MIN_PART; at <= jobs.size() - MIN_PART; at++) {
            if (!serves(owner, jobs.subList(0, at))) continue;
            int last = jobs.get(at - 1).place();
            int next = jobs.get(at).place();
            Cut cheapest = null;
            for (int s = 0; s < spares.size(); s++) {
                VrpVehicle spare = spares.get(s);
                double added = (owner.returnsToEnd() ? leg(problem, owner, last, owner.endPlace()) : 0)
                        + leg(problem, spare, spare.startPlace(), next) - leg(problem, owner, last, next);
                if (cheapest != null && added >= cheapest.added()) continue;
                if (serves(spare, jobs.subList(at, jobs.size()))) cheapest = new Cut(at, s, added);
            }
            if (cheapest != null) cuts.add(cheapest);
        }
        cuts.sort(Comparator.comparingDouble(Cut::added));  // stable: equal cuts stay in order
        return List.copyOf(cuts.subList(0, Math.min(count, cuts.size())));
    }

    private static boolean serves(VrpVehicle vehicle, List<VrpJob> jobs) {
        return RoutePolish.skilled(vehicle, jobs) && RoutePolish.load(jobs) <= vehicle.capacity() && RouteTimeline.fits(vehicle, jobs);
    }

    private static double leg(VrpProblem problem, VrpVehicle vehicle, int from, int to) {
        return problem.objective().leg(vehicle.matrix(), from, to);
    }
}
