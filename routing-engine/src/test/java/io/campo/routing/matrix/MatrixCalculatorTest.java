package io.campo.routing.matrix;

import io.campo.routing.api.TravelMatrix;

import com.graphhopper.GHRequest;
import com.graphhopper.GHResponse;
import com.graphhopper.ResponsePath;
import com.graphhopper.storage.NodeAccess;
import io.campo.routing.TestCities;
import io.campo.routing.api.DemoCity;
import io.campo.routing.api.SnapOutcome;
import io.campo.routing.api.SnappedPoint;
import io.campo.routing.api.TravelProfile;
import io.campo.routing.api.Waypoint;
import io.campo.routing.network.RoadNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MatrixCalculatorTest {

    @TempDir
    static Path folder;
    static DemoCity city;
    static RoadNetwork network;
    static MatrixCalculator calculator;

    @BeforeAll
    static void start() {
        city = TestCities.smallCity(folder);
        network = TestCities.startedNetwork(city, folder, EnumSet.allOf(TravelProfile.class));
        calculator = new MatrixCalculator(network, 2);
    }

    @AfterAll
    static void stop() {
        calculator.close();
        network.close();
    }

    @ParameterizedTest
    @EnumSource(TravelProfile.class)
    void everyEntryEqualsAGraphHopperRouteQuery(TravelProfile profile) {
        List<SnappedPoint> points = snap(testPoints(), profile);
        TravelMatrix matrix = calculator.calculate(points, profile);

        assertEquals(points.size(), matrix.size());
        for (int i = 0; i < TWINS; i++) {
            // a visit and its neighbour a few metres along the street: the route may never leave the street
            assertMatchesRoute(matrix, i, RANDOM_VISITS + i, profile);
            assertMatchesRoute(matrix, RANDOM_VISITS + i, i, profile);
        }
        Random random = new Random(7);
        for (int k = 0; k < 400; k++)
            assertMatchesRoute(matrix, random.nextInt(points.size()), random.nextInt(points.size()), profile);
        for (int i = 0; i < points.size(); i++) {
            assertEquals(0, matrix.seconds(i, i));
            assertEquals(0, matrix.meters(i, i));
        }
    }

    @Test
    void oneWayStreetsMakeTheMatrixAsymmetric() {
        List<SnappedPoint> points = snap(TestCities.randomVisits(city, 60, 11), TravelProfile.CAR);
        TravelMatrix matrix = calculator.calculate(points, TravelProfile.CAR);

        int asymmetric = 0;
        for (int i = 0; i < points.size(); i++)
            for (int j = i + 1; j < points.size(); j++)
                if (Math.abs(matrix.seconds(i, j) - matrix.seconds(j, i)) > 5) asymmetric++;
        assertTrue(asymmetric > 100, "pairs whose two directions differ by more than 5 s: " + asymmetric);
    }

    @Test
    void walkingIsSlowerThanDrivingButNeverLongerThanBothWays() {
        List<Waypoint> visits = TestCities.randomVisits(city, 40, 12);
        TravelMatrix car = calculator.calculate(snap(visits, TravelProfile.CAR), TravelProfile.CAR);
        TravelMatrix foot = calculator.calculate(snap(visits, TravelProfile.FOOT), TravelProfile.FOOT);

        for (int i = 0; i < visits.size(); i++)
            for (int j = 0; j < visits.size(); j++)
                if (i != j) assertTrue(foot.seconds(i, j) > car.seconds(i, j), i + "->" + j);
    }

    @Test
    void noPointsGiveAnEmptyMatrix() {
        TravelMatrix matrix = calculator.calculate(List.of(), TravelProfile.CAR);
        assertEquals(0, matrix.size());
        assertThrows(IndexOutOfBoundsException.class, () -> matrix.seconds(0, 0));
    }

    @Test
    void onePointGivesAZeroMatrix() {
        List<SnappedPoint> points = snap(TestCities.randomVisits(city, 1, 13), TravelProfile.MOTORCYCLE);
        TravelMatrix matrix = calculator.calculate(points, TravelProfile.MOTORCYCLE);

        assertEquals(1, matrix.size());
        assertTrue(matrix.isReachable(0, 0));
        assertEquals(0, matrix.seconds(0, 0));
        assertEquals(0, matrix.meters(0, 0));
        assertEquals(points, matrix.points());
    }

    @Test
    void duplicatePointsAreZeroApart() {
        Waypoint visit = TestCities.randomVisits(city, 1, 14).get(0);
        Waypoint twin = new Waypoint("visit 1", visit.latitude(), visit.longitude());
        TravelMatrix matrix = calculator.calculate(snap(List.of(visit, twin), TravelProfile.CAR), TravelProfile.CAR);

        assertEquals(0, matrix.seconds(0, 1));
        assertEquals(0, matrix.meters(1, 0));
    }

    @Test
    void pointsSnappedForAnotherProfileAreRejected() {
        List<SnappedPoint> footPoints = snap(TestCities.randomVisits(city, 2, 15), TravelProfile.FOOT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> calculator.calculate(footPoints, TravelProfile.CAR));
        assertTrue(e.getMessage().contains("visit 0") && e.getMessage().contains("snapped for foot"), e.getMessage());
    }

    @Test
    void aClosedCalculatorRefusesWork() {
        List<SnappedPoint> points = snap(TestCities.randomVisits(city, 2, 16), TravelProfile.CAR);
        MatrixCalculator closed = new MatrixCalculator(network, 1);
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.calculate(points, TravelProfile.CAR));
    }

    private static final int RANDOM_VISITS = 60;
    private static final int TWINS = 15;

    /** Random visits, visits a few metres apart on the same street, and points exactly on junctions. */
    private static List<Waypoint> testPoints() {
        List<Waypoint> points = new ArrayList<>(TestCities.randomVisits(city, RANDOM_VISITS, 10));
        for (int i = 0; i < TWINS; i++) {
            Waypoint visit = points.get(i);
            points.add(new Waypoint("neighbour of " + visit.name(), visit.latitude() + 0.00005, visit.longitude() + 0.0001));
        }
        NodeAccess nodes = network.graphHopper().getBaseGraph().getNodeAccess();
        for (int node = 0; node < network.graphHopper().getBaseGraph().getNodes(); node += 37)
            points.add(new Waypoint("junction " + node, nodes.getLat(node), nodes.getLon(node)));
        return points;
    }

    private static List<SnappedPoint> snap(List<Waypoint> points, TravelProfile profile) {
        List<SnappedPoint> snapped = new ArrayList<>();
        for (SnapOutcome outcome : network.snap(points, profile, 500))
            snapped.add((SnappedPoint) outcome);
        return snapped;
    }

    private static void assertMatchesRoute(TravelMatrix matrix, int from, int to, TravelProfile profile) {
        Waypoint a = matrix.points().get(from).waypoint();
        Waypoint b = matrix.points().get(to).waypoint();
        GHResponse response = network.graphHopper().route(new GHRequest(a.latitude(), a.longitude(), b.latitude(), b.longitude())
                .setProfile(profile.profileName()));
        String pair = profile.profileName() + " " + a.name() + " -> " + b.name();
        if (!matrix.isReachable(from, to)) {
            assertTrue(response.hasErrors(), pair + " is unreachable in the matrix but GraphHopper routes it");
            assertEquals(Double.POSITIVE_INFINITY, matrix.seconds(from, to));
            return;
        }
        assertFalse(response.hasErrors(), pair + ": " + response.getErrors());
        ResponsePath route = response.getBest();
        assertEquals(route.getTime() / 1000.0, matrix.seconds(from, to), 1.0, pair + " seconds");
        assertEquals(route.getDistance(), matrix.meters(from, to), 1.0, pair + " metres");
    }
}
