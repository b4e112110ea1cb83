package io.campo.routing.planning.vrp;

import io.campo.routing.api.SearchScore;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A day with one route more, on a line where the answer is known: the depot at 0, a west stop at -100 and an east stop at
 * +100, visited five times each in alternating windows. One vehicle must go back and forth (100 + 9 × 200 + 100 = 2,000);
 * two vehicles, one each side, travel 200 each.
 */
class RouteOpeningTest {

    // places: 0 depot; 1-5 west at -100 (one place per visit), 6-10 east at +100
    private static final EuclideanMatrix LINE = new EuclideanMatrix(
            new double[]{0, -100, -100, -100, -100, -100, 100, 100, 100, 100, 100}, new double[11], -1);

    @Test
    void cutsTheBackAndForthRouteAndPolishesItIntoOneRoutePerSide() {
        List<VrpJob> jobs = alternating(10);
        VrpProblem problem = problem(jobs, 2);

        RouteOpening.Opened opened = RouteOpening.improve(problem, List.of(jobs, List.of()), Long.MAX_VALUE, () -> false).orElseThrow();

        assertEquals(Set.of(ids(jobs, "w"), ids(jobs, "e")),
                opened.routes().stream().map(route -> route.stream().map(VrpJob::id).collect(Collectors.toSet())).collect(Collectors.toSet()));
        assertEquals(2000 - 400, opened.saved(), 1e-9);
        for (int v = 0; v < 2; v++) assertTrue(RouteTimeline.fits(problem.vehicles().get(v), opened.routes().get(v)));
    }

    @Test
    void noSpareVehicleNoRouteLongEnoughToCutOrNoShorterDayLeavesTheDayAsItIs() {
        List<VrpJob> jobs = alternating(10);
        assertTrue(RouteOpening.improve(problem(jobs, 1), List.of(jobs), Long.MAX_VALUE, () -> false).isEmpty(), "no spare vehicle");

        List<VrpJob> nine = alternating(9);
        assertTrue(RouteOpening.improve(problem(nine, 2), List.of(nine, List.of()), Long.MAX_VALUE, () -> false).isEmpty(),
                "each part would keep fewer than " + RouteOpening.MIN_PART + " visits");

        // without windows one route serves a side, then the other, through the depot: two routes travel no less
        List<VrpJob> open = new ArrayList<>();
        for (VrpJob job : jobs) open.add(new VrpJob(job.id(), job.place(), 0, List.of(), 0, 1, Set.of(), true));
        List<VrpJob> sideBySide = new ArrayList<>(open.stream().filter(job -> job.id().startsWith("w")).toList());
        sideBySide.addAll(open.stream().filter(job -> job.id().startsWith("e")).toList());
        assertTrue(RouteOpening.improve(problem(sideBySide, 2), List.of(sideBySide, List.of()), Long.MAX_VALUE, () -> false).isEmpty());
    }

    @Test
    void theCheapestCutsComeFirstKeepEnoughVisitsOnBothSidesAndFitTheSpare() {
        // six west visits then six east ones, no windows: cuts after 5, 6 or 7 visits; a cut between sides replaces the
        // leg across (200) by the trip home and out (200), one within a side adds that trip
        List<VrpJob> jobs = new ArrayList<>();
        for (int k = 0; k < 12; k++) jobs.add(new VrpJob("j" + k, k < 6 ? 1 + k % 5 : 6 + k % 5, 0, List.of(), 0, 1, Set.of(), true));
        VrpProblem problem = problem(jobs, 3);
        VrpVehicle owner = problem.vehicles().get(0);

        List<RouteOpening.Cut> cuts = RouteOpening.cheapestCuts(problem, owner, jobs, List.of(problem.vehicles().get(1), problem.vehicles().get(2)), 3);

        assertEquals(List.of(new RouteOpening.Cut(6, 0, 0), new RouteOpening.Cut(5, 0, 200), new RouteOpening.Cut(7, 0, 200)), cuts,
                "cheapest first, equal cuts in order, each with the first of equal spares");
        assertEquals(cuts.subList(0, 1), RouteOpening.cheapestCuts(problem, owner, jobs, problem.vehicles().subList(1, 3), 1));
        VrpVehicle small = new VrpVehicle("small", LINE, 0, 0, 0, 100_000, 4, Set.of(), Optional.empty());
        assertTrue(RouteOpening.cheapestCuts(problem, owner, jobs, List.of(small), 3).isEmpty(), "no part of 5 visits or more fits a capacity of 4");
    }

    @Test
    void theSolverReturnsTheShorterDayWithOneRouteMore() {
        List<VrpJob> jobs = alternating(30);
        VrpProblem problem = problem(jobs, 2);
        VrpRoute backAndForth = new VrpRoute("v0", jobs.stream().map(VrpJob::id).toList());
        SearchScore score = new SearchScore(30, 0, 6000);
        VrpSolution found = new VrpSolution(List.of(backAndForth), List.of(), 10, Duration.ofSeconds(1), score, score);
        SolverSettings settings = new SolverSettings(1, Duration.ofSeconds(10), 100, 1);
        assertTrue(NewBestPolish.longRoutes(30, 1));

        VrpSolution solution = JspritVrpSolver.combined(problem, List.of(new JspritVrpSolver.Searched(found, 6000, List.of())), settings,
                new SearchClock(settings));

        assertEquals(2, solution.routes().size());
        assertEquals(400, solution.best().travel(), 1e-9, "the reported travel is the opened day's");
        assertEquals(30, solution.routes().stream().mapToInt(route -> route.jobIds().size()).sum());
    }

    /** {@code count} visits alternating west and east, visit k within [200 k, 200 k + 250]: one vehicle must alternate. */
    private static List<VrpJob> alternating(int count) {
        List<VrpJob> jobs = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            boolean west = k % 2 == 0;
            int place = (west ? 1 : 6) + (k / 2) % 5;
            jobs.add(new VrpJob((west ? "w" : "e") + k, place, 0, List.of(new VrpWindow(200 * k, 200 * k + 250)), 0, 1, Set.of(), true));
        }
        return jobs;
    }

    private static Set<String> ids(List<VrpJob> jobs, String side) {
        return jobs.stream().map(VrpJob::id).filter(id -> id.startsWith(side)).collect(Collectors.toSet());
    }

    private static VrpProblem problem(List<VrpJob> jobs, int vehicles) {
        List<VrpVehicle> fleet = new ArrayList<>();
        for (int v = 0; v < vehicles; v++) fleet.add(new VrpVehicle("v" + v, LINE, 0, 0, 0, 100_000, 100, Set.of(), Optional.empty()));
        return new VrpProblem(fleet, jobs, TravelObjective.DISTANCE);
    }
}
