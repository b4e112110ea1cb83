package io.campo.routing.planning;

import io.campo.routing.TestCities;
import io.campo.routing.api.Agent;
import io.campo.routing.api.AgentBreak;
import io.campo.routing.api.AgentRoute;
import io.campo.routing.api.Coordinate;
import io.campo.routing.api.DayPlan;
import io.campo.routing.api.DemoCity;
import io.campo.routing.api.PlanRequest;
import io.campo.routing.api.PlannedStop;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole days planned on the small demo city (2 x 2 km), by car and on foot. Every plan is
 * verified by {@link RouteChecker}. Searches are capped at a few hundred iterations so that the
 * suite stays fast and the plans reproducible.
 */
class DayPlannerTest {

    static final Instant DAY = Instant.parse("2026-11-23T14:00:00Z"); // 08:00 in Mexico City
    static final LocalDate DATE = LocalDate.of(2026, 11, 23);

    @TempDir
    static Path folder;
    static DemoCity city;
    static RoadNetwork network;
    static MatrixCalculator matrices;
    static DayPlanner planner;

    @BeforeAll
    static void startNetwork() {
        city = TestCities.smallCity(folder);
        network = TestCities.startedNetwork(city, folder, EnumSet.of(TravelProfile.CAR, TravelProfile.FOOT));
        matrices = new MatrixCalculator(network, 2);
        planner = new DayPlanner(network, matrices);
    }

    @AfterAll
    static void stopNetwork() {
        matrices.close();
        network.close();
    }

    @Test
    void aMixedFleetDayPassesTheChecker() {
        PlanRequest request = request(List.of(
                        agent("car-1", TravelProfile.CAR, 8, Set.of("legal"), true),
                        agent("car-2", TravelProfile.CAR, 8, Set.of(), false),
                        agent("walker", TravelProfile.FOOT, 8, Set.of(), true)),
                visits(60, 7), 400);

        PlanOutcome outcome = planner.plan(request);

        assertValid(request, outcome);
        DayPlan plan = outcome.plan();
        assertEquals(3, plan.routes().size());
        int routed = plan.routes().stream().mapToInt(r -> r.stops().size()).sum();
        assertTrue(routed >= 20, "expected most of the day filled, got " + routed + " visits: " + plan.unassigned());
        for (AgentRoute route : plan.routes()) {
            if (route.stops().isEmpty()) continue;
            assertTrue(route.geometry().size() > route.stops().size(), "route of " + route.agentId() + " has a road geometry");
            assertEquals(route.geometry().size(), route.geoJsonCoordinates().size());
            assertTrue(route.travelMeters() > 0 && route.travelSeconds() > 0);
        }
        AgentRoute walker = plan.routes().stream().filter(r -> r.agentId().equals("walker")).findFirst().orElseThrow();
        AgentRoute car = plan.routes().stream().filter(r -> r.agentId().equals("car-2")).findFirst().orElseThrow();
        assertTrue(walker.lunch().isPresent() || walker.stops().isEmpty(), "the walker takes the break");
        assertTrue(car.lunch().isEmpty(), "car-2 has no break");
    }

    @Test
    void theMostValuableVisitsWinWhenTimeIsShort() {
        // one agent, two hours: far fewer visits fit than are asked for
        Agent agent = new Agent("solo", TravelProfile.CAR, DAY, DAY.plus(Duration.ofHours(2)), center(), Optional.of(center()),
                Optional.empty(), 20, Set.of());
        List<Visit> visits = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 30; i++) {
            double[] c = city.randomCoordinate(random);
            long value = i % 2 == 0 ? 100_000 : 1_000;
            visits.add(new Visit("v" + i, new Coordinate(c[0], c[1]), Duration.ofMinutes(15), List.of(), value, Set.of(), false));
        }
        PlanRequest request = request(List.of(agent), visits, 600);

        PlanOutcome outcome = planner.plan(request);

        assertValid(request, outcome);
        List<PlannedStop> stops = outcome.plan().routes().get(0).stops();
        assertTrue(stops.size() >= 4 && stops.size() < 15, "a two-hour day holds a handful of visits, got " + stops.size());
        Set<String> routed = stops.stream().map(PlannedStop::visitId).collect(Collectors.toSet());
        for (String id : routed)
            assertEquals(0, Integer.parseInt(id.substring(1)) % 2, "visit " + id + " is a cheap one; routed: " + routed);
        assertTrue(outcome.plan().unassigned().stream().allMatch(u -> u.reason() == UnassignedVisit.Reason.NO_TIME));
    }

    @Test
    void theSameSeedGivesTheSamePlan() {
        PlanRequest request = request(List.of(agent("a", TravelProfile.CAR, 8, Set.of(), true),
                agent("b", TravelProfile.CAR, 8, Set.of(), false)), visits(40, 11), 200);

        DayPlan first = planner.plan(request).plan();
        DayPlan second = planner.plan(request).plan();

        assertEquals(first, second);
    }

    @Test
    void mustVisitVisitsAreServedBeforeValuableOnes() {
        Agent agent = new Agent("solo", TravelProfile.CAR, DAY, DAY.plus(Duration.ofMinutes(90)), center(), Optional.of(center()),
                Optional.empty(), 20, Set.of());
        List<Visit> visits = new ArrayList<>(visits(20, 5));
        Visit cheap = visits.get(0);
        visits.set(0, new Visit(cheap.id(), cheap.location(), cheap.serviceTime(), List.of(), 0, Set.of(), true));
        PlanRequest request = request(List.of(agent), visits, 300);

        PlanOutcome outcome = planner.plan(request);

        assertValid(request, outcome);
        assertTrue(outcome.plan().routes().get(0).stops().stream().anyMatch(s -> s.visitId().equals(cheap.id())),
                "the must-visit visit of value 0 is routed");
    }

    // ---- helpers shared with the bad-input tests ----

    static Coordinate center() {
        return new Coordinate((city.south() + city.north()) / 2, (city.west() + city.east()) / 2);
    }

    static Agent agent(String id, TravelProfile profile, int hours, Set<String> skills, boolean lunch) {
        Optional<AgentBreak> rule = lunch
                ? Optional.of(new AgentBreak(DAY.plus(Duration.ofHours(4)), DAY.plus(Duration.ofHours(5)), Duration.ofMinutes(45)))
                : Optional.empty();
        Random random = new Random(id.hashCode());
        double[] home = city.randomCoordinate(random);
        return new Agent(id, profile, DAY, DAY.plus(Duration.ofHours(hours)), new Coordinate(home[0], home[1]),
                Optional.of(center()), rule, 25, skills);
    }

    /** Visits with one or two windows, values from 500 to 50,000, a fifth needing the "legal" skill. */
    static List<Visit> visits(int count, long seed) {
        Random random = new Random(seed);
        List<Visit> visits = new ArrayList<>();
        List<Waypoint> places = TestCities.randomVisits(city, count, seed);
        for (int i = 0; i < count; i++) {
            Waypoint place = places.get(i);
            List<TimeWindow> windows = new ArrayList<>();
            int kind = random.nextInt(3);
            if (kind == 1) windows.add(window(1 + random.nextInt(5), 2));
            if (kind == 2) {
                windows.add(window(0, 2));
                windows.add(window(5, 2));
            }
            Set<String> skills = i % 5 == 0 ? Set.of("legal") : Set.of();
            visits.add(new Visit("v" + i, new Coordinate(place.latitude(), place.longitude()), Duration.ofMinutes(10 + random.nextInt(15)),
                    windows, 500 + random.nextInt(49_500), skills, false));
        }
        return visits;
    }

    static TimeWindow window(int startHour, int hours) {
        return new TimeWindow(DAY.plus(Duration.ofHours(startHour)), DAY.plus(Duration.ofHours(startHour + hours)));
    }

    static PlanRequest request(List<Agent> agents, List<Visit> visits, int iterations) {
        return new PlanRequest(DATE, agents, visits, 7, Duration.ofSeconds(20), 300, iterations);
    }

    static void assertValid(PlanRequest request, PlanOutcome outcome) {
        List<Violation> violations = new RouteChecker().check(request, outcome.plan(), outcome.matrices());
        assertEquals(List.of(), violations, "the plan breaks rules");
        Set<String> ids = new HashSet<>();
        outcome.plan().routes().forEach(r -> r.stops().forEach(s -> assertTrue(ids.add(s.visitId()))));
        Map<String, UnassignedVisit> unassigned = new HashMap<>();
        outcome.plan().unassigned().forEach(u -> unassigned.put(u.visitId(), u));
        assertFalse(unassigned.keySet().stream().anyMatch(ids::contains));
    }
}
