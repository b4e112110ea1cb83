package io.campo.load.bench.routing;

import com.graphhopper.util.shapes.BBox;
import io.campo.load.bench.BenchArgumentException;
import io.campo.routing.api.DemoCitySpec;
import io.campo.routing.api.RoadNetworkConfig;
import io.campo.routing.api.TravelProfile;
import io.campo.routing.democity.DemoCityGenerator;
import io.campo.routing.network.RoadNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Random;

/**
 * The road network a road benchmark runs on: an OSM extract given with {@code --osm FILE}, or
 * {@code --osm demo} for the 8 x 8 km demo city (generated into the cache folder). Built graphs
 * are cached under {@code --cache} (default {@code .campo/graphs}), so the second run loads in
 * seconds; the import time is reported, never counted in the benchmark's figures.
 */
final class BenchNetwork {

  private BenchNetwork() {}

  static RoadNetwork start(String osm, Path cache, TravelProfile profile) throws Exception {
    Path osmFile;
    if (osm.equals("demo")) {
      Files.createDirectories(cache);
      osmFile = cache.resolve("demo-city.osm.gz");
      if (!Files.exists(osmFile)) {
        new DemoCityGenerator().generate(DemoCitySpec.mexicoCity(42), osmFile);
      }
    } else {
      osmFile = Path.of(osm);
      if (!Files.isRegularFile(osmFile)) {
        throw new BenchArgumentException("--osm " + osm + ": no such file (give an .osm, .osm.gz or .osm.pbf, or 'demo')");
      }
    }
    RoadNetwork network = new RoadNetwork(new RoadNetworkConfig(osmFile, cache, EnumSet.of(profile),
        RoadNetworkConfig.DEFAULT_MIN_NETWORK_SIZE));
    long started = System.nanoTime();
    network.start();
    System.out.printf("road network %s (%s) ready in %.1f s (import or cache load; not counted below)%n",
        osmFile.getFileName(), profile.profileName(), (System.nanoTime() - started) / 1e9);
    return network;
  }

  /** A uniformly random {latitude, longitude} inside the middle 80 % of the graph's bounding box. */
  static double[] randomCoordinate(RoadNetwork network, Random random) {
    BBox box = network.graphHopper().getBaseGraph().getBounds();
    double latMargin = (box.maxLat - box.minLat) * 0.1;
    double lonMargin = (box.maxLon - box.minLon) * 0.1;
    return new double[] {
        box.minLat + latMargin + random.nextDouble() * (box.maxLat - box.minLat - 2 * latMargin),
        box.minLon + lonMargin + random.nextDouble() * (box.maxLon - box.minLon - 2 * lonMargin)};
  }
}
