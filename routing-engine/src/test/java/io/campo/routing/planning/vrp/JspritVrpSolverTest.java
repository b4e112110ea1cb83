package io.campo.routing.planning.vrp;

import io.campo.routing.api.SearchScore;

import com.graphhopper.jsprit.core.algorithm.ruin.RuinClusters;
import com.graphhopper.jsprit.core.problem.solution.VehicleRoutingProblemSolution;
import com.graphhopper.jsprit.core.util.Solutions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The solver on small Euclidean problems whose best answers are known by construction. */
class JspritVrpSolverTest {

    private final JspritVrpSolver solver = new JspritVrpSolver();

    @Test
    void servesEveryoneWhenThereIsTimeAndEveryRouteIsFeasible() {
        VrpProblem problem = randomProblem(40, 1000, 3);

        VrpSolution solution = solver.solve(problem, settings(300));

        assertEquals(List.of(), solution.unassignedIds());
        assertAllFeasible(problem, solution);
    }

    @Test
    void prefersTheValuableJobWhenOnlyOneFits() {
        // depot at 0; cheap job close by (x=10), valuable job farther (x=-30); time for only one of them
        EuclideanMatrix matrix = new EuclideanMatrix(new double[]{0, 10, -30}, new double[]{0, 0, 0}, -1);
        VrpVehicle vehicle = new VrpVehicle("v", matrix, 0, 0, 0, 70, 10, Set.of(), Optional.empty());
        VrpJob cheap = new VrpJob("cheap", 1, 5, List.of(), 10, 1, Set.of(), false);
        VrpJob valuable = new VrpJob("valuable", 2, 5, List.of(), 1000, 1, Set.of(), false);
        VrpProblem problem = new VrpProblem(List.of(vehicle), List.of(cheap, valuable), TravelObjective.TIME);

        VrpSolution solution = solver.solve(problem, settings(200));

        assertEquals(List.of("valuable"), solution.routes().get(0).jobIds());
        assertEquals(List.of("cheap"), solution.unassignedIds());
    }

    @Test
    void onlyASkilledVehicleServesASkilledJob() {
        EuclideanMatrix matrix = new EuclideanMatrix(new double[]{0, 10}, new double[]{0, 0}, -1);
        VrpVehicle plain = new VrpVehicle("plain", matrix, 0, 0, 0, 100, 10, Set.of(), Optional.empty());
        VrpVehicle skilled = new VrpVehicle("skilled", matrix, 0, 0, 0, 100, 10, Set.of("legal"), Optional.empty());
        VrpJob job = new VrpJob("j", 1, 5, List.of(), 1, 1, Set.of("legal"), false);

        VrpSolution solution = solver.solve(new VrpProblem(List.of(plain, skilled), List.of(job), TravelObjective.TIME), settings(50));

        assertEquals("skilled", solution.routes().get(0).vehicleId());
    }

    @Test
    void theReportedTravelIsThatOfThePolishedRoutes() {
        VrpProblem problem = randomProblem(40, 1000, 3);

        VrpSolution solution = solver.solve(problem, settings(100));

        assertEquals(travelOf(problem, solution), solution.best().travel(), 1e-6);
        assertAllFeasible(problem, solution);
    }

    @Test
    void theSameSeedGivesTheSameRoutes() {
        VrpProblem problem = randomProblem(30, 300, 2);

        assertEquals(solver.solve(problem, settings(200)).routes(), solver.solve(problem, settings(200)).routes());
    }

    @Test
    void aWorkBoundStopsTheSearchReproduciblyAndMoreWorkRunsMoreIterations() {
        VrpProblem problem = randomProblem(30, 300, 2);
        SolverSettings unbounded = new SolverSettings(5, Duration.ofSeconds(30), Integer.MAX_VALUE, 1);

        VrpSolution small = solver.solve(problem, unbounded.withMaxWork(300_000));
        VrpSolution again = solver.solve(problem, unbounded.withMaxWork(300_000));
        VrpSolution larger = solver.solve(problem, unbounded.withMaxWork(1_200_000));

        assertEquals(small.routes(), again.routes());
        assertEquals(small.iterations(), again.iterations(), "the work bound, not time, stopped both");
        assertTrue(small.iterations() > 10, "the bound leaves room to search: " + small.iterations());
        assertTrue(larger.iterations() > 2 * small.iterations(), small.iterations() + " then " + larger.iterations());
        assertTrue(lexicographicallyNoWorse(larger.best(), small.first()), larger.best() + " vs first " + small.first());
        assertAllFeasible(problem, larger);
        assertThrows(IllegalArgumentException.class, () -> unbounded.withMaxWork(0));
    }

    @Test
    void parallelSearchesAreReproducibleAndNoWorseThanOne() {
        VrpProblem problem = randomProblem(30, 300, 2);
        SolverSettings two = settings(200).withThreads(2);

        VrpSolution first = solver.solve(problem, two);
        VrpSolution again = solver.solve(problem, two);
        VrpSolution single = solver.solve(problem, settings(200));

        assertEquals(first.routes(), again.routes());
        assertEquals(400, first.iterations(), "two rounds of two searches, each of 100 iterations");
        assertTrue(lexicographicallyNoWorse(first.best(), single.best()), first.best() + " vs one search " + single.best());
        assertAllFeasible(problem, first);
    }

    @Test
    void eachRoundOfSearchesGetsItsShareOfTheWorkAndOfTheTimeLeft() throws InterruptedException {
        SolverSettings settings = new SolverSettings(3, Duration.ofMillis(400), 201, 2, 190_000_001L);
        SearchClock clock = new SearchClock(settings);

        SolverSettings first = JspritVrpSolver.roundShare(settings, 0, clock);
        Thread.sleep(100);
        SolverSettings last = JspritVrpSolver.roundShare(settings, JspritVrpSolver.ROUNDS - 1, clock);

        assertEquals(2, JspritVrpSolver.ROUNDS, "the shares below are halves");
        assertEquals(100, first.maxIterations());
        assertEquals(95_000_000L, first.maxWork());
        assertEquals(first.maxWork(), last.maxWork());
        assertTrue(first.timeLimit().toMillis() <= 200 && first.timeLimit().toMillis() > 150, "half of the time: " + first.timeLimit());
        assertTrue(last.timeLimit().toMillis() <= 300, "all the time left, not half the limit again: " + last.timeLimit());
        assertEquals(settings.seed(), first.seed());
        assertEquals(settings.threads(), last.threads());
        SolverSettings unbounded = JspritVrpSolver.roundShare(SolverSettings.timeLimited(3, Duration.ofSeconds(10)), 0, clock);
        assertEquals(Integer.MAX_VALUE, unbounded.maxIterations(), "a time-limited solve stays time-limited");
        assertEquals(Long.MAX_VALUE, unbounded.maxWork());
        SolverSettings late = JspritVrpSolver.roundShare(settings.withMaxIterations(1), 1, new SearchClock(settings));
        assertEquals(1, late.maxIterations(), "never below one iteration");
    }

    @Test
    void theSearchNeverEndsBelowItsFirstSolution() {
        VrpProblem problem = randomProblem(60, 600, 3);

        VrpSolution solution = solver.solve(problem, settings(150));

        assertTrue(solution.first().routedJobs() > 0, "the first solution is reported: " + solution.first());
        assertTrue(lexicographicallyNoWorse(solution.best(), solution.first()), solution.best() + " vs first " + solution.first());
    }

    @Test
    void aBigProblemIsSolvedByRegionsFeasiblyAndReproducibly() {
        VrpProblem problem = randomProblem(JspritVrpSolver.REGION_JOBS + 60, 3000, 12);
        SolverSettings settings = settings(15).withThreads(2);

        VrpSolution solution = solver.solve(problem, settings);

        assertAllFeasible(problem, solution);
        assertEquals(2 * 15, solution.iterations(), "two regions of 15 iterations");
        Set<String> seen = new java.util.HashSet<>(solution.unassignedIds());
        for (VrpRoute route : solution.routes()) route.jobIds().forEach(id -> assertTrue(seen.add(id), "job twice: " + id));
        assertEquals(problem.jobs().size(), seen.size(), "every job routed or reported unassigned");
        assertEquals(solution.routes(), solver.solve(problem, settings).routes());
    }

    @Test
    void routesKeepRoomForTheBreakThroughRuinsAndRecreates() {
        // more work than time, so every route runs long and must fit its break between tight windows
        for (long seed = 1; seed <= 2; seed++) {
            VrpProblem problem = randomProblem(80, 700, 3);

            VrpSolution solution = solver.solve(problem, new SolverSettings(seed, Duration.ofSeconds(30), 150, 1));

            assertFalse(solution.unassignedIds().isEmpty(), "the test needs more work than time");
            assertAllFeasible(problem, solution);
        }
    }

    @Test
    void onLongRoutesTheSearchPolishesItsNewBestsAndEveryRouteStaysFeasible() {
        // two agents, 60 visits, half of them with a morning and an afternoon window: routes of about 30 stops
        VrpProblem problem = DayProblems.day(60, 2, 100);

        JspritVrpSolver.Search search = JspritVrpSolver.prepare(problem, settings(300), 5);
        search.algorithm().searchSolutions();
        VrpSolution solution = solver.solve(problem, settings(300));

        NewBestPolish inside = search.polishInside().orElseThrow();
        assertTrue(inside.polishes() > 0, "new bests were polished: " + inside.polishes());
        assertEquals(List.of(), solution.unassignedIds());
        assertAllFeasible(problem, solution);
        assertEquals(travelOf(problem, solution), solution.best().travel(), 1e-6);
        assertEquals(solution.routes(), solver.solve(problem, settings(300)).routes(), "still reproducible by seed");
    }

    @Test
    void theSearchPoolsEachRouteItBuildsOnceByKindOfVehicle() {
        VrpProblem problem = randomProblem(40, 1000, 3);

        JspritVrpSolver.Search search = JspritVrpSolver.prepare(problem, settings(100), 5);
        search.algorithm().searchSolutions();

        Collection<RoutePool.Pooled> routes = search.pool().orElseThrow().routes();
        assertTrue(routes.size() > 30, "a hundred iterations build more routes than one day has: " + routes.size());
        assertEquals(routes.size(), new HashSet<>(routes).size());
        for (RoutePool.Pooled route : routes) {
            assertEquals(0, route.kind(), "the three vehicles are alike");
            Set<Integer> jobs = new HashSet<>();
            for (int job : route.jobs()) assertTrue(jobs.add(job), "a job twice in " + route);
        }
        assertTrue(JspritVrpSolver.prepare(randomProblem(JspritVrpSolver.SMALL + 1, 3000, 12), settings(1), 5).pool().isEmpty(),
                "above SMALL jobs nothing is pooled");
    }

    @Test
    void everyClusterRuinOfASearchTakesTurnsWithTheOtherSearches() {
        JspritVrpSolver.Search search = JspritVrpSolver.prepare(DayProblems.day(40, 8, 5), settings(100), 5);

        List<RuinClusters> clusterRuins = AlgorithmRuins.of(search.algorithm(), RuinClusters.class);
        assertFalse(clusterRuins.isEmpty(), "jsprit's mix has cluster ruins");
        for (RuinClusters clusters : clusterRuins) assertTrue(ClusterRuinTurns.attached(clusters), clusters.toString());
    }

    @Test
    void shortRoutesAreNotPolishedInsideTheSearch() {
        // capacity 5: eight routes of five stops, where the search reorders routes well by itself
        JspritVrpSolver.Search shortRoutes = JspritVrpSolver.prepare(DayProblems.day(40, 8, 5), settings(100), 5);
        shortRoutes.algorithm().searchSolutions();

        assertEquals(0, shortRoutes.polishInside().orElseThrow().polishes());
    }

    @Test
    void onLongRoutesWithLunchTheSearchesPolishMeetAndCutAndEveryRouteKeepsItsBreak() throws Exception {
        // two agents with a lunch of 45 between 400 and 600 for 40 visits: routes of about 20 stops around the break
        VrpProblem problem = DayProblems.day(40, 2, 100, Optional.of(new VrpBreak(400, 600, 45)));
        BestExchange exchange = new BestExchange(2, new double[]{0.25, 0.5, 0.75});
        List<JspritVrpSolver.Search> searches = List.of(
                JspritVrpSolver.prepare(problem, lunchSettings(), 5, Optional.of(exchange.seat(0))),
                JspritVrpSolver.prepare(problem, lunchSettings(), 6, Optional.of(exchange.seat(1))));

        List<VehicleRoutingProblemSolution> bests = searchSideBySide(exchange, searches);

        int polishes = 0;
        int built = 0;
        for (JspritVrpSolver.Search search : searches) {
            polishes += search.polishInside().orElseThrow().polishes();
            built += search.jspritRoutes().built();
        }
        assertTrue(polishes > 0, "new bests were polished: " + polishes);
        assertTrue(built > 0, "polished, adopted or cut routes went back into the search with their break: " + built);
        for (VehicleRoutingProblemSolution best : bests) {
            assertEquals(0, searches.get(0).objective().tally(best).missedBreaks(), "every route that runs past lunch takes it");
        }
        VrpSolution solution = solver.solve(problem, lunchSettings().withThreads(2));
        assertEquals(List.of(), solution.unassignedIds());
        assertAllFeasible(problem, solution);
        assertTrue(solution.routes().stream().anyMatch(route -> lunchBetweenVisits(problem, route)), "lunch falls inside a day");
        assertEquals(travelOf(problem, solution), solution.best().travel(), 1e-6);
        assertEquals(solution.routes(), solver.solve(problem, lunchSettings().withThreads(2)).routes(), "still reproducible by seed");
    }

    private static boolean lunchBetweenVisits(VrpProblem problem, VrpRoute route) {
        VrpVehicle vehicle = problem.vehicles().stream().filter(v -> v.id().equals(route.vehicleId())).findFirst().orElseThrow();
        List<VrpJob> stops = route.jobIds().stream()
                .map(id -> problem.jobs().stream().filter(j -> j.id().equals(id)).findFirst().orElseThrow()).toList();
        int breakAfter = RouteTimeline.of(vehicle, stops).breakAfter();
        return breakAfter > 0 && breakAfter < stops.size();
    }

    @Test
    void sideBySideSearchesGoOnFromTheBetterBestOrTheCombinationOfTheirRoutesAtEachMeeting() throws Exception {
        // three agents, 100 visits: with two agents the searches' routes seldom combine into a shorter day
        VrpProblem problem = DayProblems.day(100, 3, 100);
        // whether the pooled routes beat both bests at a meeting depends on the searches' paths: the first pair of seeds
        // (of a few) where they do
        BestExchange exchange = null;
        List<JspritVrpSolver.Search> searches = null;
        List<VehicleRoutingProblemSolution> bests = null;
        for (int seed = 5; seed < 15 && (searches == null || searches.get(0).exchange().orElseThrow().combined() == 0); seed += 2) {
            exchange = new BestExchange(2, new double[]{0.25, 0.5, 0.75});
            searches = List.of(
                    JspritVrpSolver.prepare(problem, settings(300), seed, Optional.of(exchange.seat(0))),
                    JspritVrpSolver.prepare(problem, settings(300), seed + 1, Optional.of(exchange.seat(1))));
            bests = searchSideBySide(exchange, searches);
        }

        int differing = 0;
        double lastBest = Double.POSITIVE_INFINITY;
        for (int point = 0; point < exchange.points(); point++) {
            double zero = exchange.offer(point, 0).orElseThrow().cost();
            double one = exchange.offer(point, 1).orElseThrow().cost();
            if (Math.abs(zero - one) > 1e-7) differing++;
            lastBest = Math.min(zero, one);
        }
        AdoptBetterBest zero = searches.get(0).exchange().orElseThrow();
        AdoptBetterBest one = searches.get(1).exchange().orElseThrow();
        assertTrue(differing > 0, "the two seeds differed at a meeting");
        assertTrue(zero.combined() > 0, "at a meeting the pooled routes made a day shorter than both bests");
        assertEquals(zero.combined(), one.combined(), "both searches went on from the same combination");
        // the worse search takes the better best where they differ; both take a combination
        assertTrue(zero.adopted() + one.adopted() >= differing + zero.combined(), zero.adopted() + " + " + one.adopted());
        for (VehicleRoutingProblemSolution best : bests) assertTrue(best.getCost() <= lastBest + 1e-7, "went on from the better best");
        VrpSolution solution = solver.solve(problem, settings(300).withThreads(2));
        assertAllFeasible(problem, solution);
        assertEquals(solution.routes(), solver.solve(problem, settings(300).withThreads(2)).routes(), "still reproducible by seed");
    }

    @Test
    void searchesOnShortRoutesLeaveTheExchangeAtOnceAndStayApart() {
        // capacity 5: eight routes of five stops (Solomon's shape), where two searches did better apart
        BestExchange exchange = new BestExchange(2, new double[]{0.5});
        JspritVrpSolver.Search search = JspritVrpSolver.prepare(DayProblems.day(40, 8, 5), settings(100), 5, Optional.of(exchange.seat(0)));

        search.algorithm().searchSolutions();

        assertTrue(exchange.offer(0, 0).isEmpty(), "posted nothing");
        assertEquals(0, search.exchange().orElseThrow().adopted());
        long started = System.nanoTime();
        exchange.meet(1, 0, new BestExchange.Offer(1, List.of()), started + TimeUnit.SECONDS.toNanos(30));
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "the other search does not wait for it");
    }

    @Test
    void onLongRoutesTheSecondSearchCutsRoutesOntoUnusedVehiclesAndEveryRouteStaysFeasible() {
        // six agents for 60 visits of about 30 a day: the first solution leaves some agents unused
        VrpProblem problem = DayProblems.day(60, 6, 100);
        BestExchange exchange = new BestExchange(2, new double[0]);  // no meetings: the search runs alone here
        JspritVrpSolver.Search second = JspritVrpSolver.prepare(problem, settings(300), 6, Optional.of(exchange.seat(1)));

        second.algorithm().searchSolutions();

        assertTrue(second.split().orElseThrow().splits() > 0, "cut routes: " + second.split().orElseThrow().splits());
        assertTrue(JspritVrpSolver.prepare(problem, settings(300), 5, Optional.of(exchange.seat(0))).split().isEmpty(),
                "the first search keeps to the routes it has");
        assertTrue(JspritVrpSolver.prepare(problem, settings(300), 5).split().isEmpty(), "a search alone does not cut");
        VrpSolution solution = solver.solve(problem, settings(300).withThreads(2));
        assertEquals(List.of(), solution.unassignedIds());
        assertAllFeasible(problem, solution);
        assertEquals(solution.routes(), solver.solve(problem, settings(300).withThreads(2)).routes(), "still reproducible by seed");
    }

    /** Runs the searches on threads of their own, each leaving the exchange when it ends; their bests in order. */
    private static List<VehicleRoutingProblemSolution> searchSideBySide(BestExchange exchange, List<JspritVrpSolver.Search> searches)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(searches.size());
        try {
            List<Future<VehicleRoutingProblemSolution>> runs = new ArrayList<>();
            for (int k = 0; k < searches.size(); k++) {
                JspritVrpSolver.Search search = searches.get(k);
                BestExchange.Seat seat = exchange.seat(k);
                runs.add(pool.submit(() -> {
                    try {
                        return Solutions.bestOf(search.algorithm().searchSolutions());
                    } finally {
                        seat.leave();
                    }
                }));
            }
            List<VehicleRoutingProblemSolution> bests = new ArrayList<>();
            for (Future<VehicleRoutingProblemSolution> run : runs) bests.add(run.get(300, TimeUnit.SECONDS));
            return bests;
        } finally {
            pool.shutdown();
        }
    }

    /** The solver's order on one problem: value left out, each job counting one more (ValueObjective), then travel. */
    private static boolean lexicographicallyNoWorse(SearchScore a, SearchScore b) {
        double lostA = a.unservedValue() - a.routedJobs();
        double lostB = b.unservedValue() - b.routedJobs();
        if (lostA != lostB) return lostA < lostB;
        return a.travel() <= b.travel() + 1e-6;
    }

    /** Each timing of a route lacking its break tries every gap for it: a search of 150 iterations may take 30 s on a busy machine. */
    private static SolverSettings lunchSettings() {
        return new SolverSettings(5, Duration.ofSeconds(300), 150, 1);
    }

    private static SolverSettings settings(int iterations) {
        return new SolverSettings(5, Duration.ofSeconds(30), iterations, 1);
    }

    /** {@code jobs} random jobs in a 100 x 100 square, one-hour windows, vehicles with a break. */
    private static VrpProblem randomProblem(int jobs, double horizon, int vehicles) {
        Random random = new Random(9);
        EuclideanMatrix matrix = DayProblems.square(random, jobs);
        List<VrpVehicle> fleet = new ArrayList<>();
        for (int v = 0; v < vehicles; v++)
            fleet.add(new VrpVehicle("v" + v, matrix, 0, 0, 0, horizon, 100, Set.of(), Optional.of(new VrpBreak(100, 150, 20))));
        List<VrpJob> list = new ArrayList<>();
        for (int i = 1; i <= jobs; i++) {
            double open = random.nextDouble() * (horizon - 200);
            list.add(new VrpJob("j" + i, i, 5, List.of(new VrpWindow(open, open + 150)), 1 + random.nextInt(100), 1, Set.of(), false));
        }
        return new VrpProblem(fleet, list, TravelObjective.TIME);
    }

    private static double travelOf(VrpProblem problem, VrpSolution solution) {
        double travel = 0;
        for (VrpRoute route : solution.routes()) {
            VrpVehicle vehicle = problem.vehicles().stream().filter(v -> v.id().equals(route.vehicleId())).findFirst().orElseThrow();
            List<VrpJob> stops = route.jobIds().stream()
                    .map(id -> problem.jobs().stream().filter(j -> j.id().equals(id)).findFirst().orElseThrow()).toList();
            travel += RouteTimeline.of(vehicle, stops).travelTime();
        }
        return travel;
    }

    private static void assertAllFeasible(VrpProblem problem, VrpSolution solution) {
        for (VrpRoute route : solution.routes()) {
            VrpVehicle vehicle = problem.vehicles().stream().filter(v -> v.id().equals(route.vehicleId())).findFirst().orElseThrow();
            List<VrpJob> stops = route.jobIds().stream()
                    .map(id -> problem.jobs().stream().filter(j -> j.id().equals(id)).findFirst().orElseThrow()).toList();
            assertTrue(RouteTimeline.of(vehicle, stops).feasible(), "route of " + vehicle.id() + " is late");
        }
    }
}
