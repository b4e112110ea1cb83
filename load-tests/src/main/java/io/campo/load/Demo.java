package io.campo.load;

import io.campo.load.demo.DemoAgents;
import io.campo.load.fleet.AgentCredentials;
import io.campo.load.fleet.FleetSettings;
import io.campo.load.fleet.LatLon;
import io.campo.load.fleet.MqttVersion;
import io.campo.load.fleet.SimulatedFleet;
import io.campo.server.CampoMain;
import io.campo.server.CampoServer;
import io.campo.server.agent.AgentRegistry;
import io.campo.server.config.CampoConfig;
import io.campo.server.config.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./campo demo}: the real server (embedded PostgreSQL in {@code .campo/} unless {@code
 * CAMPO_DB_URL} says otherwise) and 50 simulated agents walking and riding around Mexico City's
 * centre, one fix every 5 seconds each, until Ctrl-C.
 */
public final class Demo {

  private static final Duration PUBLISH_INTERVAL = Duration.ofSeconds(5);
  private static final double RADIUS_METRES = 3_000;
  // Fixed, so that each run's agents start from the same streets.
  private static final long SEED = 19_4326;

  private Demo() {}

  public static void main(String[] args) throws Exception {
    CampoConfig config;
    try {
      config = CampoConfig.fromEnvironment();
    } catch (ConfigException e) {
      System.err.println("campo demo: " + e.getMessage());
      System.exit(2);
      return;
    }
    CampoServer server = CampoServer.start(config);
    SimulatedFleet fleet;
    try {
      List<AgentCredentials> agents = new DemoAgents(new AgentRegistry(server.database().dataSource()), config.dataDir()).ensure();
      fleet = SimulatedFleet.start(
          new FleetSettings("127.0.0.1", server.mqttPort(), MqttVersion.V5, PUBLISH_INTERVAL, LatLon.MEXICO_CITY, RADIUS_METRES, SEED),
          agents);
    } catch (Exception e) {
      server.close();
      throw e;
    }
    // The fleet first: its clients disconnect while the server can still answer them.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      fleet.close();
      server.close();
    }, "campo-demo-shutdown"));
    CampoMain.printBanner(server);
    System.out.println("  fleet     : " + fleet.size() + " simulated agents around Mexico City's centre, one fix every "
        + PUBLISH_INTERVAL.toSeconds() + " s each (Ctrl-C stops the demo)");
    System.out.println();
    new CountDownLatch(1).await();
  }
}
