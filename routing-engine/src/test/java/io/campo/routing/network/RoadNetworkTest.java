package io.campo.routing.network;

import io.campo.routing.TestCities;
import io.campo.routing.api.DemoCity;
import io.campo.routing.api.SnapFailure;
import io.campo.routing.api.SnapOutcome;
import io.campo.routing.api.SnappedPoint;
import io.campo.routing.api.TravelProfile;
import io.campo.routing.api.UnknownProfileException;
import io.campo.routing.api.Waypoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Snapping and profiles on one shared network; see {@link RoadNetworkLifecycleTest} for import and caching. */
class RoadNetworkTest {

    @TempDir
    static Path folder;
    static DemoCity city;
    static RoadNetwork network;

    @BeforeAll
    static void startNetwork() {
        city = TestCities.smallCity(folder);
        network = TestCities.startedNetwork(city, folder, EnumSet.of(TravelProfile.CAR, TravelProfile.FOOT));
    }

    @AfterAll
    static void closeNetwork() {
        network.close();
    }

    @Test
    void snapsEveryPointInsideTheCityToANearbyRoad() {
        List<Waypoint> visits = TestCities.randomVisits(city, 200, 1);

        List<SnapOutcome> outcomes = network.snap(visits, TravelProfile.CAR, 300);

        assertEquals(visits.size(), outcomes.size());
        for (int i = 0; i < visits.size(); i++) {
            SnappedPoint snapped = assertInstanceOf(SnappedPoint.class, outcomes.get(i), outcomes.get(i).toString());
            assertEquals(visits.get(i), snapped.waypoint());
            assertEquals(TravelProfile.CAR, snapped.profile());
            assertTrue(snapped.snapDistanceMeters() < 150, "snap distance " + snapped.snapDistanceMeters());
        }
    }

    @Test
    void aPointFarOutsideTheMapFailsAloneAndTheFailureNamesIt() {
        Waypoint inside = TestCities.randomVisits(city, 1, 2).get(0);
        Waypoint farAway = new Waypoint("visit 17", city.south() - 0.05, city.west());

        List<SnapOutcome> outcomes = network.snap(List.of(inside, farAway), TravelProfile.CAR, 500);

        assertInstanceOf(SnappedPoint.class, outcomes.get(0));
        SnapFailure failure = assertInstanceOf(SnapFailure.class, outcomes.get(1));
        assertEquals(farAway, failure.waypoint());
        assertTrue(failure.message().startsWith("visit 17 is "), failure.message());
        assertTrue(failure.message().contains(" km"), failure.message());
        assertTrue(failure.distanceMeters() > 5_000, "distance " + failure.distanceMeters());
    }

    @Test
    void aPointBeyondTheSnapLimitFailsWithItsDistanceToTheRoad() {
        Waypoint visit = TestCities.randomVisits(city, 1, 3).get(0);
        double distance = ((SnappedPoint) network.snap(List.of(visit), TravelProfile.CAR, 1_000).get(0)).snapDistanceMeters();

        SnapOutcome outcome = network.snap(List.of(visit), TravelProfile.CAR, distance / 2).get(0);

        SnapFailure failure = assertInstanceOf(SnapFailure.class, outcome);
        assertEquals(SnapFailure.Reason.TOO_FAR_FROM_ROAD, failure.reason());
        assertEquals(distance, failure.distanceMeters(), 1e-6);
        assertEquals("visit 0 is " + Math.round(distance) + " m from any road usable by car (limit "
                + Math.round(distance / 2) + " m)", failure.message());
    }

    @Test
    void invalidCoordinatesFailWithoutSinkingTheOthers() {
        List<Waypoint> points = List.of(new Waypoint("visit 1", 91, 0), new Waypoint("visit 2", Double.NaN, 0),
                TestCities.randomVisits(city, 1, 4).get(0));

        List<SnapOutcome> outcomes = network.snap(points, TravelProfile.FOOT, 500);

        assertEquals(SnapFailure.Reason.INVALID_COORDINATES, ((SnapFailure) outcomes.get(0)).reason());
        assertTrue(((SnapFailure) outcomes.get(0)).message().startsWith("visit 1 has invalid coordinates"));
        assertEquals(SnapFailure.Reason.INVALID_COORDINATES, ((SnapFailure) outcomes.get(1)).reason());
        assertInstanceOf(SnappedPoint.class, outcomes.get(2));
    }

    @Test
    void unknownProfileNamesAreRejectedWithTheKnownOnes() {
        UnknownProfileException e = assertThrows(UnknownProfileException.class, () -> TravelProfile.fromName("bicycle"));
        assertEquals("unknown travel profile 'bicycle'; use one of car, motorcycle, foot", e.getMessage());
        assertEquals(TravelProfile.MOTORCYCLE, TravelProfile.fromName(" Motorcycle "));
    }

    @Test
    void aProfileTheNetworkWasNotBuiltWithIsAnUnknownProfile() {
        UnknownProfileException e = assertThrows(UnknownProfileException.class,
                () -> network.snap(List.of(), TravelProfile.MOTORCYCLE, 100));
        assertTrue(e.getMessage().contains("'motorcycle' is not loaded"), e.getMessage());
        assertTrue(e.getMessage().contains("built with car, foot"), e.getMessage());
    }

    @Test
    void emptyRequestGivesEmptyResult() {
        assertEquals(List.of(), network.snap(List.of(), TravelProfile.CAR, 100));
    }

    @Test
    void profilesAreTheConfiguredOnes() {
        assertEquals(Set.of(TravelProfile.CAR, TravelProfile.FOOT), network.profiles());
        assertTrue(Files.isDirectory(network.graphFolder()));
    }
}
