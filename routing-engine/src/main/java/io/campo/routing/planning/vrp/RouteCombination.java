package io.campo.routing.planning.vrp;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shortest day made of routes the searches already built: a set-partitioning problem over their {@link RoutePool}s,
 * solved exactly by SCIP (through OR-Tools). Every job the best solution serves is covered by exactly one chosen route,
 * no kind of vehicle ({@link VehicleKinds}) drives more routes than it has vehicles, and the chosen routes travel the
 * least. Two searches, or one search at different times, hold good routes for different parts of the day that no
 * single solution of theirs combines: ruin and recreate would have to rebuild several routes at once to join them.
 *
 * <p>The served jobs stay the same, so value and mandatory jobs never change; only travel goes down. A route enters the
 * problem only if it passes the checks {@link RoutePolish} makes (capacity, skills, {@link RouteTimeline}), so any
 * combination is a valid day.
 *
 * <p>SCIP runs on one thread and stops at {@link #MAX_NODES} branch-and-bound nodes, so the same pools give the same
 * day on a quiet and on a busy machine; the solve's time limit only caps it. Where the native library does not load (a
 * platform the build leaves out), the combination is skipped and the log says so once.
 *
 * <p>Thread-safe: no state but the library's loading.
 */
final class RouteCombination {

    private static final Logger LOG = LoggerFactory.getLogger(RouteCombination.class);
    private static final double EPSILON = 1e-7;

    /**
     * Branch-and-bound nodes at most. The linear relaxation of these problems is nearly whole, so most are solved at the
     * root; measured on Solomon's 1xx instances (README).
     */
    static final long MAX_NODES = 1000;

    /**
     * SCIP's settings besides {@link #MAX_NODES}: one round of presolving. Further rounds took most of SCIP's time and
     * changed no day: on R106-long (1,151 routes) 0.92 s against 0.50 s, on RC105 (1,553) 0.36 s against 0.20 s (README).
     */
    static final String SCIP_SETTINGS = "presolving/maxrounds = 1\n";

    /**
     * On long routes ({@link NewBestPolish#longRoutes(int, int)}) neither presolving nor cuts nor propagation at the
     * root: routes of 20–50 jobs make the linear relaxation nearly whole and each round long (R106-long 27 ms without any
     * against 0.50 s with one presolving round, the same day). On Solomon's routes of about ten jobs the cuts are what
     * closes the problem at the root: without them RC101 took 49 nodes and 3.2 s instead of one node and 0.3 s.
     */
    static final String SCIP_SETTINGS_LONG = """
            presolving/maxrounds = 0
            separating/maxroundsroot = 0
            propagating/maxroundsroot = 0
            """;

    private static final class Native {
        static final boolean LOADED = load();

        private static boolean load() {
            try {
                Loader.loadNativeLibraries();
                return true;
            } catch (RuntimeException | LinkageError e) {  // the planner goes on without the combination
                LOG.warn("OR-Tools did not load on this platform ({}); plans skip the route combination", e.toString());
                return false;
            }
        }
    }

    private RouteCombination() {
    }

    /** Whether the solver's native library loaded here. */
    static boolean available() {
        return Native.LOADED;
    }

    /**
     * @param incumbent  per vehicle in the problem's order, its jobs in order (empty for an idle vehicle)
     * @param pool       routes to combine with the incumbent's own
     * @param maxSeconds wall-clock cap (the solve's time left)
     * @return routes per vehicle travelling less than the incumbent's, or empty when there are none
     */
    static Optional<Combined> improve(VrpProblem problem, VehicleKinds kinds, List<List<VrpJob>> incumbent, Collection<RoutePool.Pooled> pool,
                                      double maxSeconds) {
        if (!available() || maxSeconds <= 0) return Optional.empty();
        List<VrpJob> jobs = problem.jobs();
        Map<String, Integer> index = new HashMap<>();
        for (int j = 0; j < jobs.size(); j++) index.put(jobs.get(j).id(), j);
        boolean[] served = new boolean[jobs.size()];
        List<RoutePool.Pooled> own = new ArrayList<>();
        double incumbentTravel = 0;
        for (int v = 0; v < incumbent.size(); v++) {
            List<VrpJob> route = incumbent.get(v);
            if (route.isEmpty()) continue;
            int[] order = route.stream().mapToInt(job -> index.get(job.id())).toArray();
            for (int j : order) served[j] = true;
            own.add(new RoutePool.Pooled(kinds.of(v), order));
            incumbentTravel += travel(problem, problem.vehicles().get(v), order);
        }
        // per kind and set of jobs, the cheapest order seen: the others can never be chosen
        Map<RoutePool.Pooled, Column> columns = new LinkedHashMap<>();
        for (RoutePool.Pooled route : own) offer(problem, kinds, served, route, true, columns);
        for (RoutePool.Pooled route : pool) offer(problem, kinds, served, route, false, columns);
        List<Column> list = new ArrayList<>(columns.values());
        if (list.size() <= own.size()) return Optional.empty();

        int servedJobs = 0;
        for (boolean s : served) if (s) servedJobs++;
        String settings = NewBestPolish.longRoutes(servedJobs, own.size()) ? SCIP_SETTINGS_LONG : SCIP_SETTINGS;
        boolean[] picks = solve(kinds, served, list, settings, maxSeconds, incumbentTravel);
        if (picks == null) return Optional.empty();
        List<RoutePool.Pooled> picked = new ArrayList<>();
        for (int c = 0; c < list.size(); c++) if (picks[c]) picked.add(list.get(c).route);
        double travel = 0;
        for (RoutePool.Pooled route : picked) travel += travel(problem, problem.vehicles().get(kinds.vehicles(route.kind()).get(0)), route.jobs());
        if (travel >= incumbentTravel - EPSILON) return Optional.empty();
        return Optional.of(new Combined(assign(problem, kinds, incumbent, picked), incumbentTravel - travel));
    }

    /**
     * A shorter day for the same jobs.
     *
     * @param routes per vehicle in the problem's order, its jobs in order (empty for an idle vehicle)
     * @param saved  travel saved against the incumbent, in the problem's objective
     */
    record Combined(List<List<VrpJob>> routes, double saved) {
    }

    private record Column(RoutePool.Pooled route, double travel, boolean incumbent) {
    }

    /** The set-partitioning problem, solved; which columns are chosen, or null when SCIP found no solution. */
    private static boolean[] solve(VehicleKinds kinds, boolean[] served, List<Column> list, String scipSettings, double maxSeconds,
                                   double incumbentTravel) {
        long start = System.nanoTime();
        MPSolver solver = MPSolver.createSolver("SCIP");
        if (solver == null) return null;
        try {
            MPConstraint[] cover = new MPConstraint[served.length];
            for (int j = 0; j < served.length; j++) if (served[j]) cover[j] = solver.makeConstraint(1, 1);
            MPConstraint[] kind = new MPConstraint[kinds.count()];
            for (int k = 0; k < kinds.count(); k++) kind[k] = solver.makeConstraint(0, kinds.vehicles(k).size());
            MPObjective objective = solver.objective();
            MPVariable[] chosen = new MPVariable[list.size()];
            List<MPVariable> hint = new ArrayList<>();
            for (int c = 0; c < list.size(); c++) {
                Column column = list.get(c);
                chosen[c] = solver.makeBoolVar("r" + c);
                for (int j : column.route.jobs()) cover[j].setCoefficient(chosen[c], 1);
                kind[column.route.kind()].setCoefficient(chosen[c], 1);
                objective.setCoefficient(chosen[c], column.travel);
                if (column.incumbent) hint.add(chosen[c]);
            }
            objective.setMinimization();
            double[] ones = new double[hint.size()];
            Arrays.fill(ones, 1);
            solver.setHint(hint.toArray(new MPVariable[0]), ones);  // a whole solution: SCIP starts from the incumbent
            solver.setTimeLimit(Math.max(1, (long) (maxSeconds * 1000)));
            String settings = "limits/nodes = " + MAX_NODES + "\n" + scipSettings;
            if (!solver.setSolverSpecificParametersAsString(settings)) throw new IllegalStateException("SCIP refused its settings: " + settings);
            MPSolver.ResultStatus status = solver.solve();
            LOG.debug("route combination: {} routes, {} nodes, {} ({} ms): travel {} -> {}", list.size(), solver.nodes(), status,
                    (System.nanoTime() - start) / 1_000_000, incumbentTravel, objective.value());
            if (status != MPSolver.ResultStatus.OPTIMAL && status != MPSolver.ResultStatus.FEASIBLE) return null;
            boolean[] picks = new boolean[list.size()];
            for (int c = 0; c < list.size(); c++) picks[c] = chosen[c].solutionValue() > 0.5;
            return picks;
        } finally {
            solver.delete();
        }
    }

    /** Adds the route unless it serves a job the incumbent leaves out, fails its checks, or a cheaper order of its jobs is known. */
    private static void offer(VrpProblem problem, VehicleKinds kinds, boolean[] served, RoutePool.Pooled route, boolean incumbent,
                              Map<RoutePool.Pooled, Column> columns) {
        for (int j : route.jobs()) if (!served[j]) return;
        int[] set = route.jobs().clone();
        Arrays.sort(set);
        RoutePool.Pooled key = new RoutePool.Pooled(route.kind(), set);
        Column known = columns.get(key);
        VrpVehicle vehicle = problem.vehicles().get(kinds.vehicles(route.kind()).get(0));
        double travel = travel(problem, vehicle, route.jobs());
        if (known != null && travel >= known.travel - EPSILON) return;
        if (!incumbent && !drivable(problem, vehicle, route.jobs())) return;
        // the hint stays a whole solution: a cheaper order of an incumbent route's jobs takes its mark
        columns.put(key, new Column(route, travel, incumbent || known != null && known.incumbent));
    }

    private static boolean drivable(VrpProblem problem, VrpVehicle vehicle, int[] route) {
        if (!(travel(problem, vehicle, route) < MatrixTransportCosts.UNREACHABLE)) return false;
        List<VrpJob> jobs = Arrays.stream(route).mapToObj(problem.jobs()::get).toList();
        return RoutePolish.load(jobs) <= vehicle.capacity() && RoutePolish.skilled(vehicle, jobs) && RouteTimeline.fits(vehicle, jobs);
    }

    /** The routes per vehicle: a route chosen again stays with its vehicle, the others go to free vehicles of their kind. */
    private static List<List<VrpJob>> assign(VrpProblem problem, VehicleKinds kinds, List<List<VrpJob>> incumbent, List<RoutePool.Pooled> picked) {
        List<List<VrpJob>> result = new ArrayList<>();
        for (int v = 0; v < incumbent.size(); v++) result.add(List.of());
        boolean[] taken = new boolean[incumbent.size()];
        List<List<VrpJob>> routes = new ArrayList<>();
        for (RoutePool.Pooled route : picked) routes.add(Arrays.stream(route.jobs()).mapToObj(problem.jobs()::get).toList());
        List<Integer> moved = new ArrayList<>();
        for (int c = 0; c < picked.size(); c++) {
            int same = incumbent.indexOf(routes.get(c));
            if (same >= 0 && !taken[same] && kinds.of(same) == picked.get(c).kind()) {
                taken[same] = true;
                result.set(same, routes.get(c));
            } else {
                moved.add(c);
            }
        }
        for (int c : moved) {
            // the kind's constraint leaves a vehicle for every chosen route
            int free = kinds.vehicles(picked.get(c).kind()).stream().filter(v -> !taken[v]).findFirst().orElseThrow();
            taken[free] = true;
            result.set(free, routes.get(c));
        }
        return result;
    }

    /** Travel of the route as the problem's objective counts it, start to end; read straight from the matrix, not counted as search work. */
    static double travel(VrpProblem problem, VrpVehicle vehicle, int[] route) {
        CostMatrix matrix = vehicle.matrix();
        TravelObjective objective = problem.objective();
        double sum = 0;
        int at = vehicle.startPlace();
        for (int j : route) {
            int place = problem.jobs().get(j).place();
            sum += objective.leg(matrix, at, place);
            at = place;
        }
        if (vehicle.returnsToEnd()) sum += objective.leg(matrix, at, vehicle.endPlace());
        return sum;
    }
}
