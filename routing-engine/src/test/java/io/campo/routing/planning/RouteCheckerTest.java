package io.campo.routing.planning;

import io.campo.routing.TestCities;
import io.campo.routing.api.Agent;
import io.campo.routing.api.AgentBreak;
import io.campo.routing.api.AgentRoute;
import io.campo.routing.api.Coordinate;
import io.campo.routing.api.DayPlan;
import io.campo.routing.api.DemoCity;
import io.campo.routing.api.PlanRequest;
import io.campo.routing.api.PlannedBreak;
import io.campo.routing.api.PlannedStop;
import io.campo.routing.api.SnapOutcome;
import io.campo.routing.api.SnappedPoint;
import io.campo.routing.api.TimeWindow;
import io.campo.routing.api.TravelMatrix;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One agent with three visits on the small demo city: v1 in a morning window, v2 (needs the
 * "legal" skill) after lunch, v3 left out for lack of time. Each test breaks one rule.
 */
class RouteCheckerTest {

    private static final Instant SHIFT_START = Instant.parse("2026-11-23T14:00:00Z"); // 08:00 in Mexico City
    private static final Instant SHIFT_END = Instant.parse("2026-11-23T23:00:00Z");
    private static final AgentBreak LUNCH = new AgentBreak(Instant.parse("2026-11-23T19:00:00Z"),
            Instant.parse("2026-11-23T20:00:00Z"), Duration.ofMinutes(45));
    private static final TimeWindow MORNING = new TimeWindow(Instant.parse("2026-11-23T15:00:00Z"), Instant.parse("2026-11-23T16:00:00Z"));

    @TempDir
    static Path folder;
    static RoadNetwork network;
    static PlaceMatrix places;
    static List<Coordinate> coordinates = new ArrayList<>();

    private final RouteChecker checker = new RouteChecker();

    @BeforeAll
    static void buildMatrix() {
        DemoCity city = TestCities.smallCity(folder);
        network = TestCities.startedNetwork(city, folder, EnumSet.of(TravelProfile.CAR));
        List<String> names = List.of("agent A start", "agent A end", "visit v1", "visit v2", "visit v3");
        List<Waypoint> random = TestCities.randomVisits(city, names.size(), 31);
        List<Waypoint> waypoints = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            waypoints.add(new Waypoint(names.get(i), random.get(i).latitude(), random.get(i).longitude()));
            coordinates.add(new Coordinate(random.get(i).latitude(), random.get(i).longitude()));
        }
        List<SnappedPoint> points = new ArrayList<>();
        for (SnapOutcome outcome : network.snap(waypoints, TravelProfile.CAR, 500)) points.add((SnappedPoint) outcome);
        try (MatrixCalculator calculator = new MatrixCalculator(network, 1)) {
            TravelMatrix matrix = calculator.calculate(points, TravelProfile.CAR);
            places = new PlaceMatrix(matrix, Map.of("v1", 2, "v2", 3, "v3", 4), Map.of("A", 0), Map.of("A", 1));
        }
    }

    @AfterAll
    static void close() {
        network.close();
    }

    @Test
    void aConsistentPlanHasNoViolations() {
        assertEquals(List.of(), check(request(agent(5, Set.of("legal"))), validPlan()));
    }

    @Test
    void aVisitRoutedAndAlsoReportedUnassigned() {
        DayPlan plan = validPlan();
        List<UnassignedVisit> unassigned = new ArrayList<>(plan.unassigned());
        unassigned.add(new UnassignedVisit("v1", UnassignedVisit.Reason.NO_TIME, "no time"));

        assertViolation(check(request(agent(5, Set.of("legal"))), new DayPlan(plan.routes(), unassigned)), "visit v1 appears 2 times");
    }

    @Test
    void aVisitNeitherRoutedNorReported() {
        assertViolation(check(request(agent(5, Set.of("legal"))), new DayPlan(validPlan().routes(), List.of())),
                "visit v3 is neither routed nor reported unassigned");
    }

    @Test
    void serviceOutsideTheWindow() {
        AgentRoute route = route();
        PlannedStop v1 = route.stops().get(0);
        Instant late = MORNING.end().plusSeconds(600);
        PlannedStop lateV1 = new PlannedStop("v1", v1.arrival(), late, late.plus(Duration.ofMinutes(15)),
                v1.travelSecondsFromPrevious(), v1.travelMetersFromPrevious());

        List<Violation> violations = check(request(agent(5, Set.of("legal"))), plan(withStop(route, 0, lateV1)));

        assertViolation(violations, "visit v1: service starts at 2026-11-23T16:10:00Z, outside all of its windows");
    }

    @Test
    void arrivingFasterThanTheRoadAllows() {
        AgentRoute route = route();
        AgentRoute early = new AgentRoute("A", route.departure().plusSeconds(60), route.stops(), route.lunch(), route.finish(),
                route.travelSeconds(), route.travelMeters(), List.of());

        assertViolation(check(request(agent(5, Set.of("legal"))), plan(early)), "faster than the");
    }

    @Test
    void aLegReportedWithTheWrongTime() {
        AgentRoute route = route();
        PlannedStop v1 = route.stops().get(0);
        PlannedStop wrong = new PlannedStop("v1", v1.arrival(), v1.serviceStart(), v1.departure(),
                v1.travelSecondsFromPrevious() + 30, v1.travelMetersFromPrevious());

        assertViolation(check(request(agent(5, Set.of("legal"))), plan(withStop(route, 0, wrong))), "the leg to visit v1 is reported as");
    }

    @Test
    void anAgentWithoutTheRequiredSkill() {
        assertViolation(check(request(agent(5, Set.of())), validPlan()), "visit v2 needs skills [legal], but agent A has []");
    }

    @Test
    void tooManyVisits() {
        assertViolation(check(request(agent(1, Set.of("legal"))), validPlan()), "agent A has 2 visits, more than the maximum of 1");
    }

    @Test
    void finishingAfterTheShift() {
        Agent shortShift = new Agent("A", TravelProfile.CAR, SHIFT_START, Instant.parse("2026-11-23T19:55:00Z"), coordinates.get(0),
                Optional.of(coordinates.get(1)), Optional.of(LUNCH), 5, Set.of("legal"));

        assertViolation(check(request(shortShift), validPlan()), "after the shift ends at 2026-11-23T19:55:00Z");
    }

    @Test
    void skippingTheBreak() {
        AgentRoute route = route();
        AgentRoute noLunch = new AgentRoute("A", route.departure(), route.stops(), Optional.empty(), route.finish(),
                route.travelSeconds(), route.travelMeters(), List.of());

        List<Violation> violations = check(request(agent(5, Set.of("legal"))), plan(noLunch));

        assertViolation(violations, "agent A works through without the required break");
    }

    @Test
    void aBreakThatOverlapsAService() {
        AgentRoute route = route();
        PlannedStop v2 = route.stops().get(1);
        PlannedBreak overlapping = new PlannedBreak(v2.serviceStart().minusSeconds(600), v2.serviceStart().plus(Duration.ofMinutes(35)));
        AgentRoute bad = new AgentRoute("A", route.departure(), route.stops(), Optional.of(overlapping), route.finish(),
                route.travelSeconds(), route.travelMeters(), List.of());

        assertViolation(check(request(agent(5, Set.of("legal"))), plan(bad)), "visit v2: agent A's break");
    }

    @Test
    void mustVisitLeftOutForLackOfTime() {
        PlanRequest request = request(agent(5, Set.of("legal")));
        List<Visit> visits = new ArrayList<>(request.visits());
        Visit v3 = visits.get(2);
        visits.set(2, new Visit("v3", v3.location(), v3.serviceTime(), v3.windows(), v3.value(), v3.requiredSkills(), true));

        assertViolation(check(withVisits(request, visits), validPlan()), "visit v3 must be visited but was left out for lack of time");
    }

    @Test
    void aMissingSkillClaimedWhenAnAgentHasIt() {
        DayPlan plan = new DayPlan(validPlan().routes(),
                List.of(new UnassignedVisit("v3", UnassignedVisit.Reason.MISSING_SKILL, "nobody can")));

        assertViolation(check(request(agent(5, Set.of("legal"))), plan), "visit v3 is reported as missing a skill, but agent A has all of []");
    }

    @Test
    void aRouteForAnUnknownAgent() {
        AgentRoute route = route();
        AgentRoute stranger = new AgentRoute("Z", route.departure(), List.of(), Optional.empty(), route.departure(), 0, 0, List.of());
        DayPlan plan = new DayPlan(List.of(route, stranger), validPlan().unassigned());

        assertViolation(check(request(agent(5, Set.of("legal"))), plan), "agent Z has a route but is not in the request");
    }

    // ---- the valid plan, computed from the matrix ----

    private static Agent agent(int maxVisits, Set<String> skills) {
        return new Agent("A", TravelProfile.CAR, SHIFT_START, SHIFT_END, coordinates.get(0), Optional.of(coordinates.get(1)),
                Optional.of(LUNCH), maxVisits, skills);
    }

    private static PlanRequest request(Agent agent) {
        List<Visit> visits = List.of(
                new Visit("v1", coordinates.get(2), Duration.ofMinutes(15), List.of(MORNING), 50_000, Set.of(), false),
                new Visit("v2", coordinates.get(3), Duration.ofMinutes(10), List.of(), 80_000, Set.of("legal"), false),
                new Visit("v3", coordinates.get(4), Duration.ofMinutes(20), List.of(), 10_000, Set.of(), false));
        return new PlanRequest(LocalDate.of(2026, 11, 23), List.of(agent), visits, 1, Duration.ofSeconds(5), 500);
    }

    private static PlanRequest withVisits(PlanRequest request, List<Visit> visits) {
        return new PlanRequest(request.date(), request.agents(), visits, request.seed(), request.timeLimit(),
                request.maxSnapDistanceMeters());
    }

    /** Leave at 14:50, serve v1 when its window opens, drive to v2, lunch there, serve v2 at 19:50, drive to the end. */
    private static AgentRoute route() {
        PlaceMatrix m = places;
        Instant departure = Instant.parse("2026-11-23T14:50:00Z");
        Instant arrivalV1 = departure.plus(travel(0, 2));
        Instant startV1 = arrivalV1.isAfter(MORNING.start()) ? arrivalV1 : MORNING.start();
        Instant leaveV1 = startV1.plus(Duration.ofMinutes(15));
        Instant arrivalV2 = leaveV1.plus(travel(2, 3));
        PlannedBreak lunch = new PlannedBreak(Instant.parse("2026-11-23T19:00:00Z"), Instant.parse("2026-11-23T19:45:00Z"));
        Instant startV2 = Instant.parse("2026-11-23T19:50:00Z");
        Instant leaveV2 = startV2.plus(Duration.ofMinutes(10));
        Instant finish = leaveV2.plus(travel(3, 1));
        List<PlannedStop> stops = List.of(
                new PlannedStop("v1", arrivalV1, startV1, leaveV1, m.seconds(0, 2), m.meters(0, 2)),
                new PlannedStop("v2", arrivalV2, startV2, leaveV2, m.seconds(2, 3), m.meters(2, 3)));
        return new AgentRoute("A", departure, stops, Optional.of(lunch), finish,
                m.seconds(0, 2) + m.seconds(2, 3) + m.seconds(3, 1), m.meters(0, 2) + m.meters(2, 3) + m.meters(3, 1), List.of());
    }

    private static DayPlan validPlan() {
        return plan(route());
    }

    private static DayPlan plan(AgentRoute route) {
        return new DayPlan(List.of(route), List.of(new UnassignedVisit("v3", UnassignedVisit.Reason.NO_TIME, "no time left")));
    }

    private static AgentRoute withStop(AgentRoute route, int index, PlannedStop stop) {
        List<PlannedStop> stops = new ArrayList<>(route.stops());
        stops.set(index, stop);
        return new AgentRoute(route.agentId(), route.departure(), stops, route.lunch(), route.finish(), route.travelSeconds(),
                route.travelMeters(), route.geometry());
    }

    private static Duration travel(int from, int to) {
        return Duration.ofMillis(Math.round(places.seconds(from, to) * 1000));
    }

    private List<Violation> check(PlanRequest request, DayPlan plan) {
        return checker.check(request, plan, Map.of(TravelProfile.CAR, places));
    }

    private static void assertViolation(List<Violation> violations, String expectedFragment) {
        assertTrue(violations.stream().anyMatch(v -> v.message().contains(expectedFragment)),
                "expected a violation containing \"" + expectedFragment + "\" but got " + violations);
    }
}
