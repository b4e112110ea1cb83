package io.campo.routing.network;

import io.campo.routing.api.MapRoadClass;
import io.campo.routing.api.RoadExtract;
import io.campo.routing.api.RoadSegment;
import io.campo.routing.api.TravelProfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.routing.TestCities;
import io.campo.routing.api.DemoCity;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The basemap's roads read from the small demo city's graph. */
class RoadNetworkExtractTest {

    @TempDir
    static Path folder;
    static DemoCity city;
    static RoadNetwork network;
    static RoadNetworkExtract extract;

    @BeforeAll
    static void startNetwork() {
        city = TestCities.smallCity(folder);
        network = TestCities.startedNetwork(city, folder, EnumSet.of(TravelProfile.MOTORCYCLE, TravelProfile.FOOT));
        extract = new RoadNetworkExtract(network);
    }

    @AfterAll
    static void closeNetwork() {
        network.close();
    }

    /** A box of a quarter of the city around its centre. */
    static double[] centreBox() {
        double midLon = (city.west() + city.east()) / 2, midLat = (city.south() + city.north()) / 2;
        double w = (city.east() - city.west()) / 4, h = (city.north() - city.south()) / 4;
        return new double[] {midLon - w, midLat - h, midLon + w, midLat + h};
    }

    @Test
    void everyRoadReturnedEntersTheBoxAndTheCityHasItsArterialsAndStreets() {
        double[] b = centreBox();
        RoadExtract all = extract.roads(b[0], b[1], b[2], b[3], EnumSet.allOf(MapRoadClass.class), 100_000);
        assertFalse(all.truncated());
        assertTrue(all.segments().size() > 20, "a quarter of the city has many streets: " + all.segments().size());
        for (RoadSegment s : all.segments()) {
            assertTrue(s.lonLat().length >= 2);
            boolean inside = false;
            double minLon = Double.MAX_VALUE, maxLon = -Double.MAX_VALUE, minLat = Double.MAX_VALUE, maxLat = -Double.MAX_VALUE;
            for (double[] p : s.lonLat()) {
                minLon = Math.min(minLon, p[0]);
                maxLon = Math.max(maxLon, p[0]);
                minLat = Math.min(minLat, p[1]);
                maxLat = Math.max(maxLat, p[1]);
                inside |= p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3];
            }
            // Either a point is inside, or the edge spans the box (a long straight street crossing it).
            assertTrue(inside || (minLon <= b[2] && maxLon >= b[0] && minLat <= b[3] && maxLat >= b[1]), "edge outside the box");
        }
        Set<MapRoadClass> classes = all.segments().stream().map(RoadSegment::roadClass).collect(Collectors.toSet());
        assertTrue(classes.contains(MapRoadClass.RESIDENTIAL), classes.toString());

        RoadExtract whole = extract.roads(city.west() - 0.01, city.south() - 0.01, city.east() + 0.01, city.north() + 0.01,
                EnumSet.allOf(MapRoadClass.class), 1_000_000);
        Set<MapRoadClass> cityClasses = whole.segments().stream().map(RoadSegment::roadClass).collect(Collectors.toSet());
        assertTrue(cityClasses.containsAll(EnumSet.of(MapRoadClass.PRIMARY, MapRoadClass.SECONDARY, MapRoadClass.RESIDENTIAL)),
                cityClasses.toString());
        assertTrue(whole.segments().size() > all.segments().size());
    }

    @Test
    void onlyTheAskedClassesAreReturnedAndTheCapTruncates() {
        double[] b = {city.west(), city.south(), city.east(), city.north()};
        RoadExtract major = extract.roads(b[0], b[1], b[2], b[3], EnumSet.of(MapRoadClass.PRIMARY, MapRoadClass.SECONDARY), 100_000);
        assertFalse(major.segments().isEmpty());
        assertTrue(major.segments().stream().allMatch(s -> s.roadClass() == MapRoadClass.PRIMARY || s.roadClass() == MapRoadClass.SECONDARY));

        RoadExtract capped = extract.roads(b[0], b[1], b[2], b[3], EnumSet.allOf(MapRoadClass.class), 10);
        assertEquals(10, capped.segments().size());
        assertTrue(capped.truncated());
    }

    @Test
    void aBoxAwayFromTheCityIsEmptyAndAnEmptyBoxIsRefused() {
        RoadExtract none = extract.roads(10, 10, 10.01, 10.01, EnumSet.allOf(MapRoadClass.class), 100);
        assertEquals(0, none.segments().size());
        assertThrows(IllegalArgumentException.class, () -> extract.roads(1, 1, 0, 2, EnumSet.allOf(MapRoadClass.class), 10));
        double[] bounds = extract.bounds();
        assertTrue(bounds[0] < bounds[2] && bounds[1] < bounds[3]);
    }
}
