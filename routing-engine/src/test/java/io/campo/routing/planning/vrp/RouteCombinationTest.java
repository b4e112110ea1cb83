package io.campo.routing.planning.vrp;

import org.junit.jupiter.api.Test;

import io.campo.routing.api.SearchScore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The set-partitioning step over the searches' routes, on days small enough to know the answer. */
class RouteCombinationTest {

    // places: 0 depot (0,0); 1 L1 (-10,0); 2 L2 (-20,0); 3 R1 (10,0); 4 R2 (20,0); 5 far west (-200,0)
    private static final EuclideanMatrix LINE = new EuclideanMatrix(new double[]{0, -10, -20, 10, 20, -200}, new double[]{0, 0, 0, 0, 0, 0}, -1);
    private static final VrpJob L1 = job("L1", 1);
    private static final VrpJob L2 = job("L2", 2);
    private static final VrpJob R1 = job("R1", 3);
    private static final VrpJob R2 = job("R2", 4);
    private static final VrpJob FAR = job("FAR", 5);

    @Test
    void joinsRoutesThatNoSolutionHadTogether() {
        // the incumbent crosses (120); one search had the west route, the other the east one
        VrpProblem problem = problem(List.of(closed("a", 2), closed("b", 2)), List.of(L1, L2, R1, R2, FAR));
        List<List<VrpJob>> incumbent = List.of(List.of(L1, R2), List.of(R1, L2));

        RouteCombination.Combined combined = RouteCombination.improve(problem, new VehicleKinds(problem.vehicles()), incumbent,
                pooled(problem, List.of(L2, L1), List.of(R2, L1), List.of(R1, R2)), 10).orElseThrow();

        assertEquals(Set.of(List.of(L2, L1), List.of(R1, R2)), Set.copyOf(combined.routes()));
        assertEquals(80, travel(problem, combined.routes()), 1e-9);
        assertEquals(40, combined.saved(), 1e-9);
    }

    @Test
    void aRouteFailingItsChecksIsNeverChosen() {
        // L1 must be served by 15: L2 then L1 reaches it at 30. One route through all four exceeds capacity 2. Either
        // with {R1, R2} would travel 80 against the incumbent's 120; the feasible west route (L1 then L2) is not pooled
        VrpJob l1ByFifteen = new VrpJob("L1", 1, 0, List.of(new VrpWindow(0, 15)), 0, 1, Set.of(), true);
        VrpProblem problem = problem(List.of(closed("a", 2), closed("b", 2)), List.of(l1ByFifteen, L2, R1, R2));
        List<List<VrpJob>> incumbent = List.of(List.of(l1ByFifteen, R2), List.of(R1, L2));

        Optional<List<List<VrpJob>>> combined = improve(problem, incumbent,
                pooled(problem, List.of(L2, l1ByFifteen), List.of(R1, R2), List.of(l1ByFifteen, L2, R1, R2)));

        assertEquals(Optional.empty(), combined);
    }

    @Test
    void aRouteServingAJobTheIncumbentLeavesOutIsNeverChosen() {
        // FAR is left out by the incumbent; the west and east routes exist only with FAR in them
        VrpProblem problem = problem(List.of(closed("a", 3), closed("b", 3)), List.of(L1, L2, R1, R2, FAR));
        List<List<VrpJob>> incumbent = List.of(List.of(L1, R2), List.of(R1, L2));
        List<RoutePool.Pooled> pool = pooled(problem, List.of(L1, L2, FAR), List.of(FAR, R1, R2));

        assertEquals(Optional.empty(), improve(problem, incumbent, pool));
        assertEquals(Set.of(List.of(L1, L2), List.of(R1, R2)),
                Set.copyOf(improve(problem, incumbent, pooled(problem, List.of(L1, L2), List.of(R1, R2))).orElseThrow()),
                "without FAR the same routes are chosen");
    }

    @Test
    void noKindDrivesMoreRoutesThanItHasVehicles() {
        // a starts at the depot; b at the far west, so its routes are long: both cheap routes are a's kind
        VrpVehicle a = closed("a", 2);
        VrpVehicle b = new VrpVehicle("b", LINE, 5, 5, 0, 10_000, 2, Set.of(), Optional.empty());
        VrpProblem problem = problem(List.of(a, b), List.of(L1, L2, R1, R2));
        List<List<VrpJob>> incumbent = List.of(List.of(R1, R2), List.of(L2, L1));
        VehicleKinds kinds = new VehicleKinds(problem.vehicles());
        List<RoutePool.Pooled> pool = List.of(
                new RoutePool.Pooled(kinds.of(0), new int[]{0, 1}),   // L1, L2 by a: 40
                new RoutePool.Pooled(kinds.of(1), new int[]{2, 3}),   // R1, R2 by b: 440
                new RoutePool.Pooled(kinds.of(1), new int[]{1, 0, 2, 3})); // L2, L1, R1, R2 by b: 440, with capacity 2: dropped

        Optional<RouteCombination.Combined> combined = RouteCombination.improve(problem, kinds, incumbent, pool, 10);

        // a takes one route only: west by a (40) and east by b (440) is 480, the incumbent 40 + 380 = 420
        assertEquals(Optional.empty(), combined);
        assertEquals(2, kinds.count());
    }

    @Test
    void theSameRoutesGiveTheSameDay() {
        VrpProblem problem = problem(List.of(closed("a", 2), closed("b", 2), closed("c", 2)), List.of(L1, L2, R1, R2, FAR));
        List<List<VrpJob>> incumbent = List.of(List.of(L1, R2), List.of(R1, L2), List.of(FAR));
        List<RoutePool.Pooled> pool = pooled(problem, List.of(L1, L2), List.of(L2, L1), List.of(R1, R2), List.of(R2, R1), List.of(FAR, L2));

        List<List<VrpJob>> first = improve(problem, incumbent, pool).orElseThrow();

        assertEquals(first, improve(problem, incumbent, pool).orElseThrow());
        assertEquals(List.of(FAR), first.get(2), "a route chosen again stays with its vehicle");
        assertEquals(80 + 400, travel(problem, first), 1e-9);
    }

    @Test
    void combinesLongRoutesWithTheSettingsForLongRoutes() {
        // 15 jobs a side of the depot on a line; the incumbent swapped the outermost job of each side
        double[] x = new double[31];
        for (int k = 1; k <= 15; k++) {
            x[k] = -10 * k;
            x[15 + k] = 10 * k;
        }
        EuclideanMatrix line = new EuclideanMatrix(x, new double[31], -1);
        List<VrpJob> west = new ArrayList<>();
        List<VrpJob> east = new ArrayList<>();
        for (int k = 1; k <= 15; k++) {
            west.add(job("W" + k, k));
            east.add(job("E" + k, 15 + k));
        }
        List<VrpJob> jobs = new ArrayList<>(west);
        jobs.addAll(east);
        VrpProblem problem = problem(List.of(new VrpVehicle("a", line, 0, 0, 0, 100_000, 15, Set.of(), Optional.empty()),
                new VrpVehicle("b", line, 0, 0, 0, 100_000, 15, Set.of(), Optional.empty())), jobs);
        List<VrpJob> crossedWest = new ArrayList<>(west.subList(0, 14));
        crossedWest.add(east.get(14));
        List<VrpJob> crossedEast = new ArrayList<>(east.subList(0, 14));
        crossedEast.add(west.get(14));
        assertTrue(NewBestPolish.longRoutes(30, 2));

        RouteCombination.Combined combined = RouteCombination.improve(problem, new VehicleKinds(problem.vehicles()),
                List.of(crossedWest, crossedEast), pooled(problem, west, east), 10).orElseThrow();

        assertEquals(Set.of(west, east), Set.copyOf(combined.routes()));
        assertEquals(600, travel(problem, combined.routes()), 1e-9);
        assertEquals(1160 - 600, combined.saved(), 1e-9);
    }

    @Test
    void theSolverCombinesTheRoutesOfAllItsSearches() {
        // each search ended on a crossing day (120); one pooled the west route, the other the east one
        VrpProblem problem = problem(List.of(closed("a", 2), closed("b", 2)), List.of(L1, L2, R1, R2));
        JspritVrpSolver.Searched west = searched(problem, 7, List.of(List.of(L1, R2), List.of(R1, L2)), List.of(L2, L1), List.of(R2, L1));
        JspritVrpSolver.Searched east = searched(problem, 5, List.of(List.of(L2, R1), List.of(R2, L1)), List.of(R1, R2));
        SolverSettings settings = new SolverSettings(1, Duration.ofSeconds(10), 100, 2);

        VrpSolution solution = JspritVrpSolver.combined(problem, List.of(west, east), settings, new SearchClock(settings));

        assertEquals(Set.of(List.of("L1", "L2"), List.of("R1", "R2")),
                solution.routes().stream().map(route -> Set.copyOf(route.jobIds()).stream().sorted().toList()).collect(Collectors.toSet()));
        assertEquals(80, solution.best().travel(), 1e-9, "the reported travel is the combined day's");
        assertEquals(4, solution.best().routedJobs());
        assertEquals(12, solution.iterations(), "both searches' iterations");
    }

    @Test
    void theSolverKeepsTheBestSearchWhenItsSearchesPooledNothing() {
        VrpProblem problem = problem(List.of(closed("a", 2), closed("b", 2)), List.of(L1, L2, R1, R2));
        JspritVrpSolver.Searched crossing = searched(problem, 3, List.of(List.of(L1, R2), List.of(R1, L2)));
        JspritVrpSolver.Searched shorter = searched(problem, 3, List.of(List.of(L1, L2), List.of(R1, R2)));
        SolverSettings settings = new SolverSettings(1, Duration.ofSeconds(10), 100, 2);

        VrpSolution solution = JspritVrpSolver.combined(problem, List.of(crossing, shorter), settings, new SearchClock(settings));

        assertEquals(shorter.solution().routes(), solution.routes());
        assertEquals(80, solution.best().travel(), 1e-9);
    }

    /** A search's result: the day, as routes of vehicles a and b, and the routes it pooled. */
    @SafeVarargs
    private static JspritVrpSolver.Searched searched(VrpProblem problem, int iterations, List<List<VrpJob>> day, List<VrpJob>... pooled) {
        List<VrpRoute> routes = new ArrayList<>();
        for (int v = 0; v < day.size(); v++)
            routes.add(new VrpRoute(problem.vehicles().get(v).id(), day.get(v).stream().map(VrpJob::id).toList()));
        double travel = travel(problem, day);
        SearchScore score = new SearchScore(4, 0, travel);
        return new JspritVrpSolver.Searched(new VrpSolution(routes, List.of(), iterations, Duration.ofSeconds(1), score, score), travel,
                pooled(problem, pooled));
    }

    private static Optional<List<List<VrpJob>>> improve(VrpProblem problem, List<List<VrpJob>> incumbent, List<RoutePool.Pooled> pool) {
        return RouteCombination.improve(problem, new VehicleKinds(problem.vehicles()), incumbent, pool, 10).map(RouteCombination.Combined::routes);
    }

    @SafeVarargs
    private static List<RoutePool.Pooled> pooled(VrpProblem problem, List<VrpJob>... routes) {
        VehicleKinds kinds = new VehicleKinds(problem.vehicles());
        return java.util.Arrays.stream(routes)
                .map(route -> new RoutePool.Pooled(kinds.of(0), route.stream().mapToInt(problem.jobs()::indexOf).toArray()))
                .toList();
    }

    private static double travel(VrpProblem problem, List<List<VrpJob>> routes) {
        double sum = 0;
        for (int v = 0; v < routes.size(); v++)
            sum += RouteCombination.travel(problem, problem.vehicles().get(v), routes.get(v).stream().mapToInt(problem.jobs()::indexOf).toArray());
        return sum;
    }

    private static VrpProblem problem(List<VrpVehicle> vehicles, List<VrpJob> jobs) {
        return new VrpProblem(vehicles, jobs, TravelObjective.DISTANCE);
    }

    private static VrpVehicle closed(String id, int capacity) {
        return new VrpVehicle(id, LINE, 0, 0, 0, 10_000, capacity, Set.of(), Optional.empty());
    }

    private static VrpJob job(String id, int place) {
        return new VrpJob(id, place, 0, List.of(), 0, 1, Set.of(), true);
    }
}
