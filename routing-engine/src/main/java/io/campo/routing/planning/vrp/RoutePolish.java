package io.campo.routing.planning.vrp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A local search over the search's best solution: moves that ruin-and-recreate reaches only by
 * luck, applied until none improves. Or-opt moves one to three consecutive jobs to another place
 * (in the same or another route), swap exchanges two jobs of different routes, and 2-opt* exchanges
 * the tails of two routes. The ruins remove at least a handful of jobs at once and reinsert them
 * greedily, so the best solution of a search is rarely a local optimum for these; measured on
 * Solomon's 1xx instances (README, Benchmarks).
 *
 * <p>It keeps the set of served jobs, so the value served and the mandatory jobs never change:
 * only travel (time or distance, as the problem's objective says) goes down. A changed route must
 * respect its vehicle's capacity and skills, and be feasible when timed by {@link RouteTimeline}
 * (windows, shift and break), the model every consumer times routes with; routes it does not
 * change are left exactly as they were.
 *
 * <p>Deterministic: first improvement in a fixed order. It stops early when {@code outOfTime}
 * says so, with every route it returns still valid.
 *
 * <p>Not thread-safe: one instance per solution.
 */
final class RoutePolish {

    /** Longer segments rarely move as a whole under time windows, and cost a scan each. */
    static final int MAX_SEGMENT = 3;

    private static final double EPSILON = 1e-7;
    private static final int OPEN = -1;

    private final List<VrpVehicle> vehicles;
    private final TravelObjective objective;
    private final BooleanSupplier outOfTime;
    private final long maxChecks;
    private long checks;
    private final List<List<VrpJob>> routes = new ArrayList<>();
    private final double[] costs;
    private final int[] loads;

    /**
     * @param routes    per vehicle of {@code problem}, in the problem's order, its jobs in order (empty for an idle vehicle)
     * @param maxChecks the work allowed: routes timed with {@link RouteTimeline}, the costly step. A bound on work
     *                  rather than time keeps a work-bounded solve reproducible
     * @param outOfTime stops it early, when the solve's time limit is reached
     */
    RoutePolish(VrpProblem problem, List<List<VrpJob>> routes, long maxChecks, BooleanSupplier outOfTime) {
        if (routes.size() != problem.vehicles().size())
            throw new IllegalArgumentException("one route per vehicle expected: " + routes.size() + " for " + problem.vehicles().size());
        this.vehicles = problem.vehicles();
        this.objective = problem.objective();
        this.outOfTime = outOfTime;
        this.maxChecks = maxChecks;
        this.costs = new double[routes.size()];
        this.loads = new int[routes.size()];
        for (int r = 0; r < routes.size(); r++) {
            this.routes.add(new ArrayList<>(routes.get(r)));
            costs[r] = cost(vehicles.get(r), routes.get(r));
            loads[r] = load(routes.get(r));
        }
    }

    /** Improves until no move helps (or time is up); returns the routes per vehicle. */
    List<List<VrpJob>> polish() {
        boolean improved = true;
        while (improved && !stopped()) {
            improved = orOpt() || swap() || twoOptStar();
        }
        List<List<VrpJob>> result = new ArrayList<>();
        for (List<VrpJob> route : routes) result.add(List.copyOf(route));
        return result;
    }

    /** Routes timed so far. */
    long checks() {
        return checks;
    }

    private boolean stopped() {
        return checks >= maxChecks || outOfTime.getAsBoolean();
    }

    /** Total travel of the routes, in the objective's unit. */
    double travel() {
        double sum = 0;
        for (double cost : costs) sum += cost;
        return sum;
    }

    private boolean orOpt() {
        for (int from = 0; from < routes.size(); from++) {
            List<VrpJob> source = routes.get(from);
            VrpVehicle v1 = vehicles.get(from);
            for (int length = 1; length <= MAX_SEGMENT; length++) {
                for (int i = 0; i + length <= source.size(); i++) {
                    if (stopped()) return false;
                    int before = place(from, i - 1);
                    int after = place(from, i + length);
                    int first = source.get(i).place();
                    int last = source.get(i + length - 1).place();
                    double removal = leg(v1, before, first) + inner(v1, source, i, length) + leg(v1, last, after) - leg(v1, before, after);
                    for (int to = 0; to < routes.size(); to++) {
                        if (to == from) {
                            if (moveWithin(from, i, length)) return true;
                            continue;
                        }
                        List<VrpJob> target = routes.get(to);
                        VrpVehicle v2 = vehicles.get(to);
                        if (loads[to] + load(source.subList(i, i + length)) > v2.capacity()) continue;
                        if (!skilled(v2, source.subList(i, i + length))) continue;
                        double segment = inner(v2, source, i, length);
                        for (int p = 0; p <= target.size(); p++) {
                            int a = place(to, p - 1);
                            int b = place(to, p);
                            double insertion = leg(v2, a, first) + segment + leg(v2, last, b) - leg(v2, a, b);
                            if (insertion - removal >= -EPSILON) continue;
                            List<VrpJob> newSource = new ArrayList<>(source);
                            List<VrpJob> moved = new ArrayList<>(newSource.subList(i, i + length));
                            newSource.subList(i, i + length).clear();
                            List<VrpJob> newTarget = new ArrayList<>(target);
                            newTarget.addAll(p, moved);
                            if (apply(from, newSource, to, newTarget)) return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /** The segment moved elsewhere in its own route; a full recount, routes being short. */
    private boolean moveWithin(int r, int i, int length) {
        List<VrpJob> route = routes.get(r);
        VrpVehicle vehicle = vehicles.get(r);
        List<VrpJob> rest = new ArrayList<>(route);
        List<VrpJob> moved = new ArrayList<>(rest.subList(i, i + length));
        rest.subList(i, i + length).clear();
        for (int p = 0; p <= rest.size(); p++) {
            if (p == i) continue;
            List<VrpJob> candidate = new ArrayList<>(rest);
            candidate.addAll(p, moved);
            if (cost(vehicle, candidate) < costs[r] - EPSILON && feasible(vehicle, candidate)) {
                routes.set(r, candidate);
                costs[r] = cost(vehicle, candidate);
                return true;
            }
        }
        return false;
    }

    private boolean swap() {
        for (int r1 = 0; r1 < routes.size(); r1++) {
            List<VrpJob> one = routes.get(r1);
            VrpVehicle v1 = vehicles.get(r1);
            for (int r2 = r1 + 1; r2 < routes.size(); r2++) {
                List<VrpJob> two = routes.get(r2);
                VrpVehicle v2 = vehicles.get(r2);
                for (int i = 0; i < one.size(); i++) {
                    if (stopped()) return false;
                    int a1 = place(r1, i - 1);
                    int b1 = place(r1, i + 1);
                    int x = one.get(i).place();
                    double out1 = leg(v1, a1, x) + leg(v1, x, b1);
                    for (int j = 0; j < two.size(); j++) {
                        int a2 = place(r2, j - 1);
                        int b2 = place(r2, j + 1);
                        int y = two.get(j).place();
                        double delta = leg(v1, a1, y) + leg(v1, y, b1) - out1
                                + leg(v2, a2, x) + leg(v2, x, b2) - leg(v2, a2, y) - leg(v2, y, b2);
                        if (delta >= -EPSILON) continue;
                        int size1 = one.get(i).size();
                        int size2 = two.get(j).size();
                        if (loads[r1] - size1 + size2 > v1.capacity() || loads[r2] - size2 + size1 > v2.capacity()) continue;
                        List<VrpJob> newOne = new ArrayList<>(one);
                        List<VrpJob> newTwo = new ArrayList<>(two);
                        newOne.set(i, two.get(j));
                        newTwo.set(j, one.get(i));
                        if (apply(r1, newOne, r2, newTwo)) return true;
                    }
                }
            }
        }
        return false;
    }

    /** Route one keeps its first {@code i} jobs and takes route two's tail from {@code j}, and the reverse. */
    private boolean twoOptStar() {
        for (int r1 = 0; r1 < routes.size(); r1++) {
            for (int r2 = r1 + 1; r2 < routes.size(); r2++) {
                if (stopped()) return false;
                List<VrpJob> one = routes.get(r1);
                List<VrpJob> two = routes.get(r2);
                if (one.isEmpty() && two.isEmpty()) continue;
                VrpVehicle v1 = vehicles.get(r1);
                VrpVehicle v2 = vehicles.get(r2);
                double[] head1 = heads(v1, one);
                double[] head2 = heads(v2, two);
                for (int i = 0; i <= one.size(); i++) {
                    for (int j = 0; j <= two.size(); j++) {
                        if ((i == one.size() && j == two.size()) || (i == 0 && j == 0)) continue;
                        double newCost = head1[i] + tail(v1, place(r1, i - 1), two, j)
                                + head2[j] + tail(v2, place(r2, j - 1), one, i);
                        if (newCost >= costs[r1] + costs[r2] - EPSILON) continue;
                        List<VrpJob> newOne = new ArrayList<>(one.subList(0, i));
                        newOne.addAll(two.subList(j, two.size()));
                        List<VrpJob> newTwo = new ArrayList<>(two.subList(0, j));
                        newTwo.addAll(one.subList(i, one.size()));
                        if (load(newOne) > v1.capacity() || load(newTwo) > v2.capacity()) continue;
                        if (apply(r1, newOne, r2, newTwo)) return true;
                    }
                }
            }
        }
        return false;
    }

    /** Replaces two routes when both are valid and the recount confirms the saving. */
    private boolean apply(int r1, List<VrpJob> newOne, int r2, List<VrpJob> newTwo) {
        VrpVehicle v1 = vehicles.get(r1);
        VrpVehicle v2 = vehicles.get(r2);
        double cost1 = cost(v1, newOne);
        double cost2 = cost(v2, newTwo);
        if (cost1 + cost2 >= costs[r1] + costs[r2] - EPSILON) return false;
        if (load(newOne) > v1.capacity() || load(newTwo) > v2.capacity()) return false;
        if (!skilled(v1, newOne) || !skilled(v2, newTwo)) return false;
        if (!feasible(v1, newOne) || !feasible(v2, newTwo)) return false;
        routes.set(r1, newOne);
        routes.set(r2, newTwo);
        costs[r1] = cost1;
        costs[r2] = cost2;
        loads[r1] = load(newOne);
        loads[r2] = load(newTwo);
        return true;
    }

    /** heads[k]: travel from the start through the first k jobs. */
    private double[] heads(VrpVehicle vehicle, List<VrpJob> jobs) {
        double[] heads = new double[jobs.size() + 1];
        int at = vehicle.startPlace();
        for (int k = 0; k < jobs.size(); k++) {
            heads[k + 1] = heads[k] + leg(vehicle, at, jobs.get(k).place());
            at = jobs.get(k).place();
        }
        return heads;
    }

    /** Travel from {@code at} through {@code jobs} from index {@code from} on, to the vehicle's end. */
    private double tail(VrpVehicle vehicle, int at, List<VrpJob> jobs, int from) {
        double sum = 0;
        for (int k = from; k < jobs.size(); k++) {
            sum += leg(vehicle, at, jobs.get(k).place());
            at = jobs.get(k).place();
        }
        return sum + leg(vehicle, at, end(vehicle));
    }

    /** Travel inside a segment of {@code length} jobs starting at {@code i}. */
    private double inner(VrpVehicle vehicle, List<VrpJob> jobs, int i, int length) {
        double sum = 0;
        for (int k = i; k < i + length - 1; k++) sum += leg(vehicle, jobs.get(k).place(), jobs.get(k + 1).place());
        return sum;
    }

    /** The place before position 0 is the start, the one after the last job the end ({@link #OPEN} for an open route). */
    private int place(int r, int k) {
        List<VrpJob> route = routes.get(r);
        if (k < 0) return vehicles.get(r).startPlace();
        if (k >= route.size()) return end(vehicles.get(r));
        return route.get(k).place();
    }

    private static int end(VrpVehicle vehicle) {
        return vehicle.returnsToEnd() ? vehicle.endPlace() : OPEN;
    }

    private double cost(VrpVehicle vehicle, List<VrpJob> jobs) {
        return tail(vehicle, vehicle.startPlace(), jobs, 0);
    }

    private double leg(VrpVehicle vehicle, int from, int to) {
        if (to == OPEN || from == OPEN) return 0;
        return objective.leg(vehicle.matrix(), from, to);
    }

    /** The jobs' total size; shared with {@link RouteSplit}. */
    static int load(List<VrpJob> jobs) {
        int sum = 0;
        for (VrpJob job : jobs) sum += job.size();
        return sum;
    }

    /** Whether the vehicle has every skill the jobs require; shared with {@link RouteSplit}. */
    static boolean skilled(VrpVehicle vehicle, List<VrpJob> jobs) {
        for (VrpJob job : jobs) if (!vehicle.skills().containsAll(job.requiredSkills())) return false;
        return true;
    }

    private boolean feasible(VrpVehicle vehicle, List<VrpJob> jobs) {
        if (!skilled(vehicle, jobs)) return false;
        checks++;
        return RouteTimeline.fits(vehicle, jobs);
    }
}
