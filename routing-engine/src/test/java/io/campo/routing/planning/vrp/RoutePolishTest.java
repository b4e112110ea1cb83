package io.campo.routing.planning.vrp;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local search after the solver's search, on routes small enough to know the answer. */
class RoutePolishTest {

    // places: 0 depot (0,0); 1 L1 (-10,0); 2 L2 (-20,0); 3 R1 (10,0); 4 R2 (20,0)
    private static final EuclideanMatrix LINE = new EuclideanMatrix(new double[]{0, -10, -20, 10, 20}, new double[]{0, 0, 0, 0, 0}, -1);
    private static final VrpJob L1 = job("L1", 1);
    private static final VrpJob L2 = job("L2", 2);
    private static final VrpJob R1 = job("R1", 3);
    private static final VrpJob R2 = job("R2", 4);

    @Test
    void uncrossesTwoRoutesThatEachServeBothSides() {
        // capacity 2: one route through all four would be just as short
        VrpVehicle a = closed("a", 2);
        VrpVehicle b = closed("b", 2);
        RoutePolish polish = polish(List.of(a, b), List.of(List.of(L1, R2), List.of(R1, L2)));
        assertEquals(120, polish.travel(), 1e-9);

        List<List<VrpJob>> routes = polish.polish();

        assertEquals(80, polish.travel(), 1e-9);
        assertEquals(Set.of(Set.of(L1, L2), Set.of(R1, R2)), Set.of(Set.copyOf(routes.get(0)), Set.copyOf(routes.get(1))));
    }

    @Test
    void reordersARouteOnlyWhenTheWindowsAllowIt() {
        // open route: A (at 20) then B (at 10) is 30; B then A is 20 but reaches A only at 20
        VrpVehicle open = new VrpVehicle("v", LINE, 0, -1, 0, 1000, 10, Set.of(), Optional.empty());
        VrpJob b = job("B", 3);
        VrpJob reachableBy20 = new VrpJob("A", 4, 0, List.of(new VrpWindow(0, 20)), 0, 1, Set.of(), true);
        VrpJob closedAt19 = new VrpJob("A", 4, 0, List.of(new VrpWindow(0, 19)), 0, 1, Set.of(), true);

        RoutePolish loose = polish(List.of(open), List.of(List.of(reachableBy20, b)));
        assertEquals(List.of(b, reachableBy20), loose.polish().get(0));
        assertEquals(20, loose.travel(), 1e-9);

        RoutePolish tight = polish(List.of(open), List.of(List.of(closedAt19, b)));
        assertEquals(List.of(closedAt19, b), tight.polish().get(0));
        assertEquals(30, tight.travel(), 1e-9);
    }

    @Test
    void movesAJobOnlyIntoARouteWithCapacitySkillsAndRoomForTheBreakLeft() {
        // open routes; a serves R1, b (full, the only one allowed west) serves L1 then R2: R2 belongs after R1 (travel 50 -> 30)
        VrpJob legalR2 = new VrpJob("R2", 4, 0, List.of(), 0, 1, Set.of("legal"), true);
        VrpJob westL1 = new VrpJob("L1", 1, 0, List.of(), 0, 1, Set.of("west"), true);
        VrpVehicle roomy = new VrpVehicle("a", LINE, 0, -1, 0, 25, 5, Set.of("legal"), Optional.empty());
        VrpVehicle full = new VrpVehicle("a", LINE, 0, -1, 0, 25, 1, Set.of("legal"), Optional.empty());
        VrpVehicle unskilled = new VrpVehicle("a", LINE, 0, -1, 0, 25, 5, Set.of(), Optional.empty());
        VrpVehicle withLunch = new VrpVehicle("a", LINE, 0, -1, 0, 25, 5, Set.of("legal"), Optional.of(new VrpBreak(0, 100, 10)));
        VrpVehicle b = new VrpVehicle("b", LINE, 0, -1, 0, 1000, 2, Set.of("legal", "west"), Optional.empty());

        for (VrpVehicle a : List.of(roomy, full, unskilled, withLunch)) {
            RoutePolish polish = polish(List.of(a, b), List.of(List.of(R1), List.of(westL1, legalR2)));
            List<List<VrpJob>> routes = polish.polish();
            if (a == roomy) {
                assertEquals(List.of(List.of(R1, legalR2), List.of(westL1)), routes);
                assertEquals(30, polish.travel(), 1e-9);
            } else {
                assertEquals(List.of(List.of(R1), List.of(westL1, legalR2)), routes, "vehicle " + a);
                assertEquals(50, polish.travel(), 1e-9);
            }
        }
    }

    @Test
    void changesNothingWhenOutOfTime() {
        VrpVehicle a = closed("a", 10);
        VrpVehicle b = closed("b", 10);
        VrpProblem problem = new VrpProblem(List.of(a, b), List.of(L1, L2, R1, R2), TravelObjective.DISTANCE);
        RoutePolish polish = new RoutePolish(problem, List.of(List.of(L1, R2), List.of(R1, L2)), Long.MAX_VALUE, () -> true);

        assertEquals(List.of(List.of(L1, R2), List.of(R1, L2)), polish.polish());
        assertEquals(120, polish.travel(), 1e-9);
    }

    @Test
    void stopsWhenItsWorkIsSpent() {
        VrpVehicle a = closed("a", 2);
        VrpVehicle b = closed("b", 2);
        VrpProblem problem = new VrpProblem(List.of(a, b), List.of(L1, L2, R1, R2), TravelObjective.DISTANCE);
        List<List<VrpJob>> crossed = List.of(List.of(L1, R2), List.of(R1, L2));

        RoutePolish none = new RoutePolish(problem, crossed, 0, () -> false);
        assertEquals(crossed, none.polish());
        assertEquals(0, none.checks());

        RoutePolish one = new RoutePolish(problem, crossed, 1, () -> false);
        one.polish();
        assertEquals(2, one.checks(), "stops after its first move, which times both routes");
        assertTrue(one.travel() <= 120);
    }

    @Test
    void keepsEveryJobAndEveryRouteValidWhileShorteningRandomRoutes() {
        for (long seed = 1; seed <= 5; seed++) {
            Random random = new Random(seed);
            int jobs = 40;
            double[] x = new double[jobs + 1];
            double[] y = new double[jobs + 1];
            for (int i = 1; i <= jobs; i++) {
                x[i] = random.nextDouble() * 100;
                y[i] = random.nextDouble() * 100;
            }
            EuclideanMatrix matrix = new EuclideanMatrix(x, y, 1);
            List<VrpVehicle> vehicles = new ArrayList<>();
            for (int v = 0; v < 4; v++) {
                Optional<VrpBreak> lunch = v % 2 == 0 ? Optional.of(new VrpBreak(300, 500, 30)) : Optional.empty();
                vehicles.add(new VrpVehicle("v" + v, matrix, 0, 0, 0, 1200, 15, v == 3 ? Set.of("legal") : Set.of(), lunch));
            }
            List<VrpJob> all = new ArrayList<>();
            for (int i = 1; i <= jobs; i++) {
                double start = random.nextDouble() * 800;
                all.add(new VrpJob("j" + i, i, 10, List.of(new VrpWindow(start, start + 200 + random.nextDouble() * 200)),
                        random.nextInt(100), 1 + random.nextInt(2), i % 7 == 0 ? Set.of("legal") : Set.of(), false));
            }
            VrpProblem problem = new VrpProblem(vehicles, all, TravelObjective.DISTANCE);
            List<List<VrpJob>> start = greedyRoutes(vehicles, all);
            Set<VrpJob> served = new HashSet<>();
            start.forEach(served::addAll);
            RoutePolish polish = new RoutePolish(problem, start, Long.MAX_VALUE, () -> false);
            double before = polish.travel();

            List<List<VrpJob>> routes = polish.polish();
            List<List<VrpJob>> again = new RoutePolish(problem, start, Long.MAX_VALUE, () -> false).polish();

            assertTrue(polish.travel() < before - 1, "seed " + seed + ": " + before + " -> " + polish.travel());
            assertEquals(routes, again, "deterministic");
            Set<VrpJob> after = new HashSet<>();
            double travel = 0;
            for (int v = 0; v < routes.size(); v++) {
                VrpVehicle vehicle = vehicles.get(v);
                List<VrpJob> route = routes.get(v);
                RouteTimeline timeline = RouteTimeline.of(vehicle, route);
                assertTrue(timeline.feasible(), "seed " + seed + ", " + vehicle.id() + ": " + route);
                assertTrue(route.stream().mapToInt(VrpJob::size).sum() <= vehicle.capacity());
                assertTrue(route.stream().allMatch(job -> vehicle.skills().containsAll(job.requiredSkills())));
                travel += timeline.travelDistance();
                after.addAll(route);
            }
            assertEquals(served, after, "the same jobs served");
            assertEquals(served.size(), routes.stream().mapToInt(List::size).sum(), "each once");
            assertEquals(travel, polish.travel(), 1e-6);
        }
    }

    /** Each job appended to the first route where it still fits: valid, and far from short. */
    private static List<List<VrpJob>> greedyRoutes(List<VrpVehicle> vehicles, List<VrpJob> jobs) {
        List<List<VrpJob>> routes = new ArrayList<>();
        vehicles.forEach(v -> routes.add(new ArrayList<>()));
        for (VrpJob job : jobs) {
            for (int v = 0; v < vehicles.size(); v++) {
                VrpVehicle vehicle = vehicles.get(v);
                List<VrpJob> candidate = new ArrayList<>(routes.get(v));
                candidate.add(job);
                if (vehicle.skills().containsAll(job.requiredSkills())
                        && candidate.stream().mapToInt(VrpJob::size).sum() <= vehicle.capacity()
                        && RouteTimeline.of(vehicle, candidate).feasible()) {
                    routes.set(v, candidate);
                    break;
                }
            }
        }
        return routes;
    }

    private static RoutePolish polish(List<VrpVehicle> vehicles, List<List<VrpJob>> routes) {
        List<VrpJob> jobs = new ArrayList<>();
        routes.forEach(jobs::addAll);
        return new RoutePolish(new VrpProblem(vehicles, jobs, TravelObjective.DISTANCE), routes, Long.MAX_VALUE, () -> false);
    }

    private static VrpVehicle closed(String id, int capacity) {
        return new VrpVehicle(id, LINE, 0, 0, 0, 1000, capacity, Set.of(), Optional.empty());
    }

    private static VrpJob job(String id, int place) {
        return new VrpJob(id, place, 0, List.of(), 0, 1, Set.of(), true);
    }
}
