package io.campo.load.bench.ingest;

import io.campo.load.fleet.AgentCredentials;
import io.campo.server.CampoServer;
import io.campo.server.agent.AgentRegistry;
import io.campo.server.config.CampoConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The real Campo server, in this JVM, as {@code ./campo serve} would run it: on a fresh
 * embedded PostgreSQL in a temporary folder (deleted afterwards), or on {@code CAMPO_DB_URL}
 * when it is set. The run's agents are created with ids of their own, so stored fixes are
 * counted for this run only even on a shared database.
 */
final class CampoTarget implements IngestTarget {

  private final CampoServer server;
  private final Path dataDir;
  private final boolean externalDatabase;
  private final String agentIdPrefix;
  private final List<AgentCredentials> devices;
  private final String name;

  private CampoTarget(String name, CampoServer server, Path dataDir, boolean externalDatabase, String agentIdPrefix,
      List<AgentCredentials> devices) {
    this.name = name;
    this.server = server;
    this.dataDir = dataDir;
    this.externalDatabase = externalDatabase;
    this.agentIdPrefix = agentIdPrefix;
    this.devices = devices;
  }

  /**
   * @param environment the process environment: its {@code CAMPO_*} settings apply (database,
   *     writer threads…) except the ports, the bind address and the data folder, which are the run's
   */
  static CampoTarget start(Map<String, String> environment, int agents, String runId) throws Exception {
    return start(environment, agents, runId, 0, true);
  }

  /**
   * @param geofences debtors' addresses to create over the devices' area before the load (0: none)
   * @param geofenceEvents whether the server evaluates arrivals and departures at ingest ({@code CAMPO_GEOFENCE_EVENTS})
   */
  static CampoTarget start(Map<String, String> environment, int agents, String runId, int geofences, boolean geofenceEvents)
      throws Exception {
    Map<String, String> env = new HashMap<>(environment);
    env.put("CAMPO_GEOFENCE_EVENTS", geofenceEvents ? "on" : "off");
    Path dataDir = Files.createTempDirectory("campo-bench-");
    env.put("CAMPO_DATA_DIR", dataDir.toString());
    env.put("CAMPO_BIND", HOST);
    env.put("CAMPO_HTTP_PORT", "0");
    // Every simulated phone connects from 127.0.0.1: no per-address cap here (docs/security.md).
    env.put("CAMPO_MQTT_MAX_CONNECTIONS_PER_ADDRESS", "0");
    env.put("CAMPO_MQTT_PORT", "0");
    env.put("CAMPO_MQTT_WS_PORT", "-1");
    env.put("CAMPO_OSMAND_PORT", "-1");
    // Set, so that the server does not generate and print a password nobody will use.
    env.put("CAMPO_ADMIN_PASSWORD", UUID.randomUUID().toString());
    // The ingest benchmark measures telemetry only: no road import competing for the cores.
    env.put("CAMPO_ROADS", "none");
    CampoConfig config = CampoConfig.from(env);
    String prefix = "bench-" + runId + "-";
    CampoServer server = null;
    boolean started = false;
    // finally, not catch: a server that cannot start must not leave its data folder behind, whatever it threw.
    try {
      server = CampoServer.start(config);
      AgentRegistry registry = new AgentRegistry(server.database().dataSource());
      List<AgentCredentials> devices = new ArrayList<>(agents);
      for (int i = 1; i <= agents; i++) {
        String id = String.format("%s%05d", prefix, i);
        devices.add(new AgentCredentials(id, registry.create(id, "Bench agent " + i).deviceToken()));
      }
      if (geofences > 0) {
        BenchGeofences.create(server.database().dataSource(), prefix, geofences);
        server.features().watch().reloadGeofences();
      }
      started = true;
      String name = geofences == 0 ? "Campo" : geofenceEvents ? "Campo, geofence events on" : "Campo, geofence events off";
      return new CampoTarget(name, server, dataDir, !config.embeddedDatabase(), prefix, devices);
    } finally {
      if (!started) {
        if (server != null) {
          server.close();
        }
        deleteRecursively(dataDir);
      }
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String durability() {
    return "durable: PUBACK only after the fix is committed to "
        + (externalDatabase ? "PostgreSQL at CAMPO_DB_URL" : "the embedded PostgreSQL on this machine");
  }

  @Override
  public int mqttPort() {
    return server.mqttPort();
  }

  @Override
  public List<AgentCredentials> devices() {
    return devices;
  }

  @Override
  public OptionalLong storedFixes() throws Exception {
    // The prefix holds no LIKE wildcard ('_' or '%'): agent ids here are letters, digits and '-'.
    try (Connection c = server.database().dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM telemetry WHERE agent_id LIKE ?")) {
      ps.setString(1, agentIdPrefix + "%");
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return OptionalLong.of(rs.getLong(1));
      }
    }
  }

  /** Mean ingest-thread time per fix of the arrival/departure check, in ns (NaN when it is off). */
  double geofenceNanosPerFix() {
    return server.features().watch().geofenceNanosPerFix();
  }

  /** Arrivals and departures stored for this run's agents. */
  long storedCrossings() throws Exception {
    try (Connection c = server.database().dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM geofence_event WHERE agent_id LIKE ?")) {
      ps.setString(1, agentIdPrefix + "%");
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Override
  public void close() {
    server.close();
    deleteRecursively(dataDir);
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("campo bench: could not delete " + dir + ": " + e.getMessage());
    }
  }
}
