package io.campo.routing.matrix;

import io.campo.routing.api.RoadNetworkConfig;
import io.campo.routing.api.SnapOutcome;
import io.campo.routing.api.SnappedPoint;
import io.campo.routing.api.TravelMatrix;
import io.campo.routing.api.TravelProfile;
import io.campo.routing.api.Waypoint;
import io.campo.routing.network.RoadNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pairs without a route, on a hand-written map of two separate streets and a one-way spur. */
class MatrixCalculatorUnreachableTest {

    /**
     * Avenida Norte (nodes 1-2-3) and, 1 km south, Avenida Sur (4-5-6), never connected;
     * Callejón (7 -> 2) is one-way into Avenida Norte, so nothing on the avenue can reach it.
     */
    private static final String TWO_ISLANDS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <osm version="0.6">
              <node id="1" lat="-12.0400" lon="-77.0500"/>
              <node id="2" lat="-12.0400" lon="-77.0450"/>
              <node id="3" lat="-12.0400" lon="-77.0400"/>
              <node id="4" lat="-12.0490" lon="-77.0500"/>
              <node id="5" lat="-12.0490" lon="-77.0450"/>
              <node id="6" lat="-12.0490" lon="-77.0400"/>
              <node id="7" lat="-12.0440" lon="-77.0450"/>
              <way id="1"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="secondary"/><tag k="name" v="Avenida Norte"/></way>
              <way id="2"><nd ref="4"/><nd ref="5"/><nd ref="6"/><tag k="highway" v="secondary"/><tag k="name" v="Avenida Sur"/></way>
              <way id="3"><nd ref="7"/><nd ref="2"/><tag k="highway" v="residential"/><tag k="oneway" v="yes"/><tag k="name" v="Callejón"/></way>
            </osm>
            """;

    @TempDir
    Path folder;

    @Test
    void pairsWithoutARouteAreMarkedUnreachable() throws IOException {
        Path osm = Files.writeString(folder.resolve("lima-islands.osm"), TWO_ISLANDS);
        // islands are kept (minimum size 0) so that points can snap onto both of them
        RoadNetworkConfig config = new RoadNetworkConfig(osm, folder.resolve("cache"), EnumSet.of(TravelProfile.CAR), 0);
        try (RoadNetwork network = new RoadNetwork(config); MatrixCalculator calculator = new MatrixCalculator(network, 2)) {
            network.start();
            List<Waypoint> visits = List.of(
                    new Waypoint("north 1", -12.0401, -77.0480),
                    new Waypoint("north 2", -12.0401, -77.0420),
                    new Waypoint("south", -12.0489, -77.0470),
                    new Waypoint("alley", -12.0430, -77.0451));
            List<SnappedPoint> points = new ArrayList<>();
            for (SnapOutcome outcome : network.snap(visits, TravelProfile.CAR, 200)) points.add((SnappedPoint) outcome);

            TravelMatrix matrix = calculator.calculate(points, TravelProfile.CAR);

            assertTrue(matrix.isReachable(0, 1) && matrix.isReachable(1, 0));
            assertFalse(matrix.isReachable(0, 2));
            assertFalse(matrix.isReachable(2, 1));
            assertEquals(Double.POSITIVE_INFINITY, matrix.seconds(2, 0));
            assertEquals(Double.POSITIVE_INFINITY, matrix.meters(0, 2));
            assertTrue(matrix.isReachable(3, 0), "the alley leads onto the avenue");
            assertFalse(matrix.isReachable(0, 3), "but the avenue cannot enter the one-way alley");
            assertTrue(matrix.isReachable(2, 2));
        }
    }
}
