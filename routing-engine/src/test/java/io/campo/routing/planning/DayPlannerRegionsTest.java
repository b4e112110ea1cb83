package io.campo.routing.planning;

import io.campo.routing.TestCities;
import io.campo.routing.api.Agent;
import io.campo.routing.api.AgentBreak;
import io.campo.routing.api.AgentRoute;
import io.campo.routing.api.Coordinate;
import io.campo.routing.api.DayPlan;
import io.campo.routing.api.DemoCity;
import io.campo.routing.api.InvalidPlanRequestException;
import io.campo.routing.api.PlanRequest;
import io.campo.routing.api.PlannedStop;
import io.campo.routing.api.PlanningProgress;
import io.campo.routing.api.TimeWindow;
import io.campo.routing.api.TravelProfile;
import io.campo.routing.api.UnassignedVisit;
import io.campo.routing.api.Violation;
import io.campo.routing.api.Visit;
import io.campo.routing.api.Waypoint;
import io.campo.routing.matrix.MatrixCalculator;
import io.campo.routing.network.RoadNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A day cut into regions, forced on a 200-visit day of the small demo city by a matrix limit of 60
 * points (the real limit splits only metropolitan days): each region planned with its own matrix,
 * the routes joined, and the joined plan checked by {@link RouteChecker} against the regions'
 * matrices, which must also catch a route that crosses regions.
 */
class DayPlannerRegionsTest {

    static final Instant DAY = Instant.parse("2026-11-23T14:00:00Z");
    static final int AGENTS = 8;
    static final int VISITS = 200;
    /** 8 agents and 200 visits are 216 points: two cuts give four regions of 2 agents and 50 visits (54 points). */
    static final int SPLIT_AT = 60;
    /** Work-bounded, so that the plan is reproducible; the time limit is far enough not to cut it on a loaded machine. */
    static final int ITERATIONS = 60;
    static final Duration LIMIT = Duration.ofSeconds(400);

    @TempDir
    static Path folder;
    static DemoCity city;
    static RoadNetwork network;
    static MatrixCalculator matrices;
    static DayPlanner splitting;
    static PlanRequest request;
    static PlanOutcome outcome;

    @BeforeAll
    static void planTheDay() {
        city = TestCities.smallCity(folder);
        network = TestCities.startedNetwork(city, folder, EnumSet.of(TravelProfile.CAR));
        matrices = new MatrixCalculator(network, 2);
        splitting = new DayPlanner(network, matrices, 2, SPLIT_AT);
        request = new PlanRequest(LocalDate.of(2026, 11, 23), agents(), visits(VISITS, 5), 11, LIMIT, 300, ITERATIONS);
        outcome = splitting.plan(request);
    }

    @AfterAll
    static void close() {
        matrices.close();
        network.close();
    }

    @Test
    void theDayIsPlannedInFourRegionsAndPassesTheChecker() {
        PlaceMatrix places = outcome.matrices().get(TravelProfile.CAR);
        assertEquals(4, places.regionCount());
        assertEquals(List.of(), new RouteChecker().check(request, outcome.plan(), outcome.matrices()));
        assertEquals(AGENTS, outcome.plan().routes().size(), "one route per agent, in request order");
        for (int a = 0; a < AGENTS; a++) assertEquals(request.agents().get(a).id(), outcome.plan().routes().get(a).agentId());
        assertTrue(outcome.statistics().iterations() >= 4 * ITERATIONS, "every region searched: " + outcome.statistics().iterations());
        assertTrue(outcome.statistics().bestSolution().routedJobs() >= outcome.statistics().firstSolution().routedJobs());
    }

    @Test
    void everyVisitIsRoutedOnceOrUnassignedWithAReason() {
        Map<String, Integer> seen = new HashMap<>();
        for (AgentRoute route : outcome.plan().routes())
            for (PlannedStop stop : route.stops()) seen.merge(stop.visitId(), 1, Integer::sum);
        int routed = seen.size();
        for (UnassignedVisit unassigned : outcome.plan().unassigned()) {
            seen.merge(unassigned.visitId(), 1, Integer::sum);
            assertTrue(unassigned.message().contains(unassigned.visitId()), unassigned.message());
            // the split keeps "legal" visits where a legal agent is; only the agents' time may run out
            assertEquals(UnassignedVisit.Reason.NO_TIME, unassigned.reason(), unassigned.message());
        }
        assertEquals(VISITS, seen.size());
        assertTrue(seen.values().stream().allMatch(count -> count == 1), "a visit appears twice: " + seen);
        assertTrue(routed >= 60, "the agents' four hours hold many visits; routed " + routed);
        assertFalse(outcome.plan().unassigned().isEmpty(), "200 visits are more than 8 agents do in four hours");
    }

    @Test
    void noRouteCrossesRegions() {
        PlaceMatrix places = outcome.matrices().get(TravelProfile.CAR);
        Set<Integer> regionsWithWork = new java.util.HashSet<>();
        for (AgentRoute route : outcome.plan().routes()) {
            int home = places.region(places.agentStartIndex().get(route.agentId()));
            assertEquals(home, places.region(places.agentEndIndex().get(route.agentId())));
            for (PlannedStop stop : route.stops())
                assertEquals(home, places.region(places.visitIndex().get(stop.visitId())),
                        "agent " + route.agentId() + " serves visit " + stop.visitId() + " of another region");
            if (!route.stops().isEmpty()) regionsWithWork.add(home);
        }
        assertEquals(Set.of(0, 1, 2, 3), regionsWithWork);
    }

    @Test
    void theCheckerCatchesAVisitMovedIntoAnotherRegionsRoute() {
        PlaceMatrix places = outcome.matrices().get(TravelProfile.CAR);
        List<AgentRoute> routes = new ArrayList<>(outcome.plan().routes());
        int from = firstRouteWithStops(routes, places, -1);
        int to = firstRouteWithStops(routes, places, places.region(places.agentStartIndex().get(routes.get(from).agentId())));
        AgentRoute giver = routes.get(from);
        AgentRoute taker = routes.get(to);
        // the moved stop keeps its own times, and the taker serves it last: only its place is wrong
        PlannedStop moved = giver.stops().get(giver.stops().size() - 1);
        List<PlannedStop> giverStops = new ArrayList<>(giver.stops().subList(0, giver.stops().size() - 1));
        List<PlannedStop> takerStops = new ArrayList<>(taker.stops());
        takerStops.add(moved);
        routes.set(from, new AgentRoute(giver.agentId(), giver.departure(), giverStops, giver.lunch(), giver.finish(),
                giver.travelSeconds(), giver.travelMeters(), giver.geometry()));
        routes.set(to, new AgentRoute(taker.agentId(), taker.departure(), takerStops, taker.lunch(), taker.finish(),
                taker.travelSeconds(), taker.travelMeters(), taker.geometry()));

        List<Violation> violations = new RouteChecker().check(request, new DayPlan(routes, outcome.plan().unassigned()), outcome.matrices());

        assertTrue(violations.stream().anyMatch(v -> v.message().contains("agent " + taker.agentId() + " goes to visit " + moved.visitId()
                + " from a place of another planning region")), "not caught: " + violations);
    }

    @Test
    void theCheckerCatchesALegThatIsTooFastInsideARegion() {
        List<AgentRoute> routes = new ArrayList<>(outcome.plan().routes());
        int r = firstRouteWithStops(routes, outcome.matrices().get(TravelProfile.CAR), -1);
        AgentRoute route = routes.get(r);
        PlannedStop first = route.stops().get(0);
        List<PlannedStop> stops = new ArrayList<>(route.stops());
        stops.set(0, new PlannedStop(first.visitId(), first.arrival().minusSeconds(120), first.serviceStart(), first.departure(),
                first.travelSecondsFromPrevious(), first.travelMetersFromPrevious()));
        routes.set(r, new AgentRoute(route.agentId(), route.departure(), stops, route.lunch(), route.finish(), route.travelSeconds(),
                route.travelMeters(), route.geometry()));

        List<Violation> violations = new RouteChecker().check(request, new DayPlan(routes, outcome.plan().unassigned()), outcome.matrices());

        assertTrue(violations.stream().anyMatch(v -> v.message().contains("faster than")), "not caught: " + violations);
    }

    @Test
    void theSameSeedGivesTheSameSplitPlanAndAnotherSeedAnother() {
        assertEquals(outcome.plan(), splitting.plan(request).plan());
        PlanRequest reseeded = new PlanRequest(request.date(), request.agents(), request.visits(), 12, request.timeLimit(), 300, ITERATIONS);
        assertNotEquals(outcome.plan(), splitting.plan(reseeded).plan());
    }

    @Test
    void aDayThatFitsOneMatrixIsPlannedWhole() {
        PlanRequest small = new PlanRequest(request.date(), request.agents().subList(0, 2), visits(30, 9), 3, Duration.ofSeconds(20), 300, 50);
        List<PlanningProgress.Phase> phases = new ArrayList<>();

        PlanOutcome whole = splitting.plan(small, (phase, fraction) -> phases.add(phase));

        assertEquals(1, whole.matrices().get(TravelProfile.CAR).regionCount());
        assertEquals(List.of(), new RouteChecker().check(small, whole.plan(), whole.matrices()));
        assertEquals(PlanningProgress.Phase.DONE, phases.get(phases.size() - 1));
        assertEquals(1, phases.stream().filter(p -> p == PlanningProgress.Phase.DONE).count());
    }

    @Test
    void progressOfASplitDayRisesAndIsDoneOnce() {
        PlanRequest quick = new PlanRequest(request.date(), request.agents(), request.visits(), 11, Duration.ofSeconds(20), 300, 5);
        List<Double> fractions = new ArrayList<>();
        List<PlanningProgress.Phase> phases = new ArrayList<>();

        splitting.plan(quick, (phase, fraction) -> {
            phases.add(phase);
            fractions.add(fraction);
        });

        for (int i = 1; i < fractions.size(); i++) assertTrue(fractions.get(i) >= fractions.get(i - 1), "progress went back: " + fractions);
        assertEquals(1, phases.stream().filter(p -> p == PlanningProgress.Phase.DONE).count());
        assertEquals(PlanningProgress.Phase.DONE, phases.get(phases.size() - 1));
        assertEquals(1.0, fractions.get(fractions.size() - 1));
    }

    @Test
    void anAgentWhoCannotBePlacedIsReportedWhicheverRegionHasIt() {
        List<Agent> agents = new ArrayList<>(request.agents());
        Agent lost = agents.get(5);
        // 60 km north of the city: its own region's snapping fails, the other regions still plan, and the request is refused
        Coordinate away = new Coordinate(city.north() + 0.55, lost.start().longitude());
        agents.set(5, new Agent(lost.id(), lost.profile(), lost.shiftStart(), lost.shiftEnd(), lost.start(), Optional.of(away),
                lost.lunch(), lost.maxVisits(), lost.skills()));
        PlanRequest bad = new PlanRequest(request.date(), agents, request.visits(), 11, Duration.ofSeconds(20), 300, 5);

        InvalidPlanRequestException e = assertThrows(InvalidPlanRequestException.class, () -> splitting.plan(bad));

        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).contains("agent " + lost.id() + " end"), e.problems().toString());
    }

    @Test
    void oneAgentWithMoreVisitsThanAMatrixHoldsIsRefusedBeforeAnyWork() {
        List<Visit> many = new ArrayList<>();
        Visit template = request.visits().get(1);
        for (int i = 0; i < MatrixCalculator.MAX_POINTS; i++)
            many.add(new Visit("many-" + i, template.location(), template.serviceTime(), List.of(), 1_000, Set.of(), false));
        PlanRequest tooBig = new PlanRequest(request.date(), request.agents().subList(1, 2), many, 1, Duration.ofSeconds(5), 300, 5);
        List<PlanningProgress.Phase> phases = new ArrayList<>();

        InvalidPlanRequestException e = assertThrows(InvalidPlanRequestException.class,
                () -> splitting.plan(tooBig, (phase, fraction) -> phases.add(phase)));

        assertEquals(List.of("1 agent(s) with 10000 visits make 10002 places, more than one travel matrix holds (10000);"
                + " a day is cut into regions by agent, so plan it with more agents or fewer visits"), e.problems());
        assertEquals(List.of(), phases, "refused before snapping");
    }

    @Test
    void aThresholdOutsideTheMatrixLimitIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DayPlanner(network, matrices, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> new DayPlanner(network, matrices, 1, MatrixCalculator.MAX_POINTS + 1));
    }

    private static int firstRouteWithStops(List<AgentRoute> routes, PlaceMatrix places, int notInRegion) {
        for (int i = 0; i < routes.size(); i++) {
            AgentRoute route = routes.get(i);
            if (route.stops().size() < 2) continue;
            if (places.region(places.agentStartIndex().get(route.agentId())) != notInRegion) return i;
        }
        throw new AssertionError("no route with stops outside region " + notInRegion);
    }

    /** Agents living all over the city, four-hour shifts with a short break, two of the eight "legal". */
    static List<Agent> agents() {
        Random random = new Random(17);
        AgentBreak lunch = new AgentBreak(DAY.plus(Duration.ofHours(2)), DAY.plus(Duration.ofHours(3)), Duration.ofMinutes(20));
        List<Agent> agents = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            double[] home = city.randomCoordinate(random);
            Coordinate place = new Coordinate(home[0], home[1]);
            agents.add(new Agent("agent-" + i, TravelProfile.CAR, DAY, DAY.plus(Duration.ofHours(4)), place, Optional.of(place),
                    Optional.of(lunch), 25, i % 4 == 0 ? Set.of("legal") : Set.of()));
        }
        return agents;
    }

    /** Visits all over the city, a third with a two-hour window, a tenth needing "legal". */
    static List<Visit> visits(int count, long seed) {
        Random random = new Random(seed);
        List<Waypoint> places = TestCities.randomVisits(city, count, seed);
        List<Visit> visits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Waypoint place = places.get(i);
            List<TimeWindow> windows = random.nextInt(3) == 0
                    ? List.of(new TimeWindow(DAY.plus(Duration.ofHours(1)), DAY.plus(Duration.ofHours(3))))
                    : List.of();
            visits.add(new Visit("v" + i, new Coordinate(place.latitude(), place.longitude()), Duration.ofMinutes(5 + random.nextInt(10)),
                    windows, 500 + random.nextInt(49_500), i % 10 == 0 ? Set.of("legal") : Set.of(), false));
        }
        return visits;
    }
}
