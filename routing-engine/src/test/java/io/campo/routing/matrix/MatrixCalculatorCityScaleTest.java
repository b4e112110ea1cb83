package io.campo.routing.matrix;

import io.campo.routing.api.TravelMatrix;

import com.graphhopper.GHRequest;
import com.graphhopper.GHResponse;
import io.campo.routing.TestCities;
import io.campo.routing.api.DemoCity;
import io.campo.routing.api.DemoCitySpec;
import io.campo.routing.api.SnapOutcome;
import io.campo.routing.api.SnappedPoint;
import io.campo.routing.api.TravelProfile;
import io.campo.routing.api.Waypoint;
import io.campo.routing.democity.DemoCityGenerator;
import io.campo.routing.network.RoadNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 1000 x 1000 on the full 8 x 8 km demo city: checks a sample against route queries and prints
 * the time (benchmarks proper live in load-tests; a timed assertion would only make CI flaky).
 */
class MatrixCalculatorCityScaleTest {

    @TempDir
    Path folder;

    @Test
    void thousandByThousandOnTheDemoCity() {
        DemoCity city = new DemoCityGenerator().generate(DemoCitySpec.mexicoCity(TestCities.SEED), folder.resolve("demo-city.osm.gz"));
        try (RoadNetwork network = TestCities.startedNetwork(city, folder, EnumSet.of(TravelProfile.CAR));
             MatrixCalculator calculator = new MatrixCalculator(network, 2)) {
            List<SnappedPoint> points = new ArrayList<>();
            for (SnapOutcome outcome : network.snap(TestCities.randomVisits(city, 1_000, 21), TravelProfile.CAR, 500))
                points.add((SnappedPoint) outcome);

            long[] nanos = new long[5];
            TravelMatrix matrix = null;
            for (int run = 0; run < nanos.length; run++) {
                long started = System.nanoTime();
                matrix = calculator.calculate(points, TravelProfile.CAR);
                nanos[run] = System.nanoTime() - started;
            }
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "matrix 1000x1000 car on the 8x8 km demo city, 2 threads: first %d ms, median %d ms,"
                    + " best %d ms%n", nanos[0] / 1_000_000, sorted[2] / 1_000_000, sorted[0] / 1_000_000);

            Random random = new Random(22);
            for (int k = 0; k < 100; k++) {
                int from = random.nextInt(points.size());
                int to = random.nextInt(points.size());
                Waypoint a = points.get(from).waypoint();
                Waypoint b = points.get(to).waypoint();
                GHResponse route = network.graphHopper().route(
                        new GHRequest(a.latitude(), a.longitude(), b.latitude(), b.longitude()).setProfile("car"));
                assertFalse(route.hasErrors(), route.getErrors().toString());
                assertEquals(route.getBest().getTime() / 1000.0, matrix.seconds(from, to), 1.0, a.name() + " -> " + b.name());
                assertEquals(route.getBest().getDistance(), matrix.meters(from, to), 1.0, a.name() + " -> " + b.name());
            }
            assertTrue(matrix.seconds(0, 1) > 0);
        }
    }
}
