package io.campo.routing.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The front door used the way the server uses it, with nothing but this package's types: a
 * generated city, snapping, a matrix, a checked day plan and the basemap's roads.
 */
class RoutingEngineTest {

    static final Instant DAY = Instant.parse("2026-11-23T14:00:00Z");

    @TempDir
    static Path folder;
    static DemoCity city;
    static RoutingEngine engine;

    @BeforeAll
    static void start() {
        city = RoutingEngine.writeDemoCity(DemoCitySpec.small(42), folder.resolve("city.osm"));
        engine = RoutingEngine.start(new RoadNetworkConfig(city.osmFile(), folder.resolve("graphs"),
                EnumSet.of(TravelProfile.CAR, TravelProfile.FOOT), RoadNetworkConfig.DEFAULT_MIN_NETWORK_SIZE), 2);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void theSameSpecWritesTheSameCity() throws Exception {
        DemoCity again = RoutingEngine.writeDemoCity(DemoCitySpec.small(42), folder.resolve("again.osm"));
        assertEquals(Files.readString(city.osmFile()), Files.readString(again.osmFile()));
        assertEquals(city.roadWays(), again.roadWays());
    }

    @Test
    void snapsGoodPointsAndSaysWhyNotForBadOnes() {
        List<SnapOutcome> outcomes = engine.snap(List.of(new Waypoint("centre", centerLat(), centerLon()),
                new Waypoint("nowhere", 95, 0), new Waypoint("ocean", 0, 0)), TravelProfile.CAR, 300);
        assertEquals(3, outcomes.size(), "one outcome per point, in order");
        assertInstanceOf(SnappedPoint.class, outcomes.get(0));
        SnapFailure invalid = assertInstanceOf(SnapFailure.class, outcomes.get(1));
        assertEquals(SnapFailure.Reason.INVALID_COORDINATES, invalid.reason());
        assertTrue(invalid.message().contains("nowhere"), invalid.message());
        assertInstanceOf(SnapFailure.class, outcomes.get(2));
    }

    @Test
    void aProfileTheNetworkWasNotBuiltWithIsRefusedByName() {
        Exception e = assertThrows(RuntimeException.class,
                () -> engine.snap(List.of(new Waypoint("centre", centerLat(), centerLon())), TravelProfile.MOTORCYCLE, 300));
        assertTrue(e.getMessage().contains("motorcycle"), e.getMessage());
        assertEquals(EnumSet.of(TravelProfile.CAR, TravelProfile.FOOT), engine.profiles());
    }

    @Test
    void travelMatrixIsZeroOnTheDiagonalAndPositiveBetweenPlaces() {
        List<SnappedPoint> points = new ArrayList<>();
        Random random = new Random(5);
        while (points.size() < 4) {
            double[] c = city.randomCoordinate(random);
            if (engine.snap(List.of(new Waypoint("p", c[0], c[1])), TravelProfile.FOOT, 300).get(0) instanceof SnappedPoint p)
                points.add(p);
        }
        TravelMatrix matrix = engine.travelMatrix(points, TravelProfile.FOOT);
        assertEquals(4, matrix.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(0, matrix.seconds(i, i), 1e-9);
            for (int j = 0; j < 4; j++)
                if (i != j && matrix.isReachable(i, j)) assertTrue(matrix.seconds(i, j) > 0, i + "->" + j);
        }
    }

    @Test
    void plansAreCheckedAndEveryVisitIsAccountedFor() {
        Coordinate center = new Coordinate(centerLat(), centerLon());
        Agent agent = new Agent("a", TravelProfile.CAR, DAY, DAY.plus(Duration.ofHours(6)), center, Optional.of(center),
                Optional.empty(), 25, Set.of());
        List<Visit> visits = new ArrayList<>();
        Random random = new Random(9);
        for (int i = 0; i < 12; i++) {
            double[] c = city.randomCoordinate(random);
            visits.add(new Visit("v" + i, new Coordinate(c[0], c[1]), Duration.ofMinutes(10), List.of(), 1_000, Set.of(), false));
        }
        PlanRequest request = new PlanRequest(LocalDate.of(2026, 11, 23), List.of(agent), visits, 7, Duration.ofSeconds(20), 300, 200);
        List<PlanningProgress.Phase> phases = new ArrayList<>();

        PlanResult result = engine.plan(request, (phase, fraction) -> phases.add(phase));

        assertEquals(List.of(), result.violations(), "the route checker found faults");
        Set<String> seen = new HashSet<>();
        result.plan().routes().forEach(r -> r.stops().forEach(s -> assertTrue(seen.add(s.visitId()), "twice: " + s.visitId())));
        result.plan().unassigned().forEach(u -> assertTrue(seen.add(u.visitId()), "twice: " + u.visitId()));
        assertEquals(12, seen.size());
        assertFalse(phases.isEmpty(), "progress is reported");
        assertTrue(result.statistics().total().compareTo(Duration.ZERO) > 0);
    }

    @Test
    void aRequestThatCannotBePlannedIsRefusedBeforePlanning() {
        Coordinate center = new Coordinate(centerLat(), centerLon());
        Agent backwards = new Agent("late", TravelProfile.CAR, DAY, DAY.minus(Duration.ofHours(1)), center, Optional.empty(),
                Optional.empty(), 5, Set.of());
        PlanRequest request = new PlanRequest(LocalDate.of(2026, 11, 23), List.of(backwards), List.of(), 7, Duration.ofSeconds(5), 300, 10);
        InvalidPlanRequestException e = assertThrows(InvalidPlanRequestException.class, () -> engine.validate(request));
        assertTrue(e.getMessage().contains("late"), e.getMessage());
    }

    @Test
    void roadsForTheBasemapComeFromTheRoutedGraph() {
        double[] b = engine.roadBounds();
        assertTrue(b[0] < b[2] && b[1] < b[3], "bounds " + List.of(b[0], b[1], b[2], b[3]));
        RoadExtract all = engine.roads(b[0], b[1], b[2], b[3], EnumSet.allOf(MapRoadClass.class), 100_000);
        assertFalse(all.truncated());
        assertFalse(all.segments().isEmpty());
        RoadExtract few = engine.roads(b[0], b[1], b[2], b[3], EnumSet.allOf(MapRoadClass.class), 3);
        assertEquals(3, few.segments().size());
        assertTrue(few.truncated());
        assertThrows(IllegalArgumentException.class, () -> engine.roads(b[2], b[1], b[0], b[3], EnumSet.allOf(MapRoadClass.class), 10));
    }

    static double centerLat() {
        return (city.south() + city.north()) / 2;
    }

    static double centerLon() {
        return (city.west() + city.east()) / 2;
    }
}
