package io.campo.routing;

import io.campo.routing.api.DemoCity;
import io.campo.routing.api.DemoCitySpec;
import io.campo.routing.api.RoadNetworkConfig;
import io.campo.routing.api.TravelProfile;
import io.campo.routing.api.Waypoint;
import io.campo.routing.democity.DemoCityGenerator;
import io.campo.routing.network.RoadNetwork;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Small road networks that tests build for themselves from the demo-city generator. */
public final class TestCities {

    public static final long SEED = 42;

    private TestCities() {
    }

    /** Writes the 2 x 2 km demo city into {@code folder}. */
    public static DemoCity smallCity(Path folder) {
        return new DemoCityGenerator().generate(DemoCitySpec.small(SEED), folder.resolve("small-city.osm"));
    }

    /** Writes the small city and starts a road network on it with the given profiles, cached under {@code folder}. */
    public static RoadNetwork startedNetwork(DemoCity city, Path folder, Set<TravelProfile> profiles) {
        RoadNetwork network = new RoadNetwork(
                RoadNetworkConfig.allProfiles(city.osmFile(), folder.resolve("graph-cache")).withProfiles(profiles));
        network.start();
        return network;
    }

    /** {@code count} random waypoints inside the city, named "visit 0", "visit 1", ... */
    public static List<Waypoint> randomVisits(DemoCity city, int count, long seed) {
        Random random = new Random(seed);
        List<Waypoint> visits = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double[] coordinate = city.randomCoordinate(random);
            visits.add(new Waypoint("visit " + i, coordinate[0], coordinate[1]));
        }
        return visits;
    }
}
