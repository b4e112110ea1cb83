package io.campo.server.planning;

import io.campo.routing.api.DemoCitySpec;
import io.campo.routing.api.RoadNetworkConfig;
import io.campo.routing.api.RoutingEngine;
import io.campo.server.api.ApiException;
import io.campo.server.config.CampoConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The road network and the day planner of this server, loaded in the background at start so
 * that telemetry is accepted at once while a large extract is still importing. Until it is
 * ready, planning answers 503 with the reason.
 */
public final class PlanningEngine implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PlanningEngine.class);
  /** The demo city is generated from a fixed seed so every installation plans on the same streets. */
  static final long DEMO_CITY_SEED = 2026;

  private final CampoConfig config;
  private volatile String unavailable;
  private volatile RoutingEngine routing;

  private PlanningEngine(CampoConfig config) {
    this.config = config;
  }

  /** Starts loading unless planning is disabled ({@code CAMPO_ROADS=none}). */
  public static PlanningEngine start(CampoConfig config) {
    PlanningEngine engine = new PlanningEngine(config);
    if (config.roads().equals("none")) {
      engine.unavailable = "planning is disabled on this server (CAMPO_ROADS=none)";
    } else {
      engine.unavailable = "the road network is still loading; try again in a moment";
      Thread loader = new Thread(engine::load, "campo-roads-loader");
      loader.setDaemon(true);
      loader.start();
    }
    return engine;
  }

  private void load() {
    try {
      Path osm = osmFile();
      long t0 = System.nanoTime();
      routing = RoutingEngine.start(RoadNetworkConfig.allProfiles(osm, config.dataDir().resolve("roads").resolve("graphs")),
          Math.max(1, Runtime.getRuntime().availableProcessors()));
      unavailable = null;
      log.info("road network ready for planning: {} ({} ms)", osm, (System.nanoTime() - t0) / 1_000_000);
    } catch (RuntimeException e) {
      unavailable = "the road network could not be loaded: " + e.getMessage();
      log.error("road network failed to load", e);
    }
  }

  private Path osmFile() throws RuntimeException {
    if (!config.roads().equals("demo")) {
      return Path.of(config.roads());
    }
    double meters = config.demoCityKm() * 1000.0;
    Path file = config.dataDir().resolve("roads").resolve("demo-city-" + config.demoCityKm() + "km.osm");
    if (!Files.exists(file)) {
      try {
        Files.createDirectories(file.getParent());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot create " + file.getParent(), e);
      }
      RoutingEngine.writeDemoCity(DemoCitySpec.mexicoCity(DEMO_CITY_SEED).withSize(meters, meters), file);
    }
    return file;
  }

  /**
   * The loaded roads with their matrices and planner.
   *
   * @throws ApiException 503 while loading, disabled or failed, with the reason
   */
  public RoutingEngine routing() {
    RoutingEngine r = routing;
    if (r == null) {
      throw new ApiException(503, unavailable);
    }
    return r;
  }

  /** Null when ready, else why planning is unavailable. */
  public String unavailableReason() {
    return unavailable;
  }

  @Override
  public void close() {
    if (routing != null) {
      routing.close();
    }
  }
}
