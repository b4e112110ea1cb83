package io.campo.load.cluster;

import io.campo.load.fleet.AgentCredentials;
import io.campo.load.fleet.MqttEndpoints;
import io.campo.server.agent.AgentRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A Campo cluster on loopback made of real processes: one {@link SharedPostgres} and N {@link NodeProcess}es
 * ({@code serve --cluster}, or standalone servers on the same database), each on ports of its own that stay
 * the same across a kill and restart. The fault tests and {@code ./campo bench cluster} drive it.
 *
 * <p>Not thread-safe.
 */
public final class ClusterProcesses implements AutoCloseable {

  /** Starting on two busy cores: a node's JVM, its pool, its migrations check and, clustered, its join. */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  /** Ports for the nodes and the database: below the ephemeral range (see {@link #freePort}). */
  private static final int FIRST_PORT = 20_000;
  private static final int LAST_PORT = 32_000;
  private static final Random RANDOM = new Random();
  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  private final Path workDir;
  private final SharedPostgres database;
  private final List<NodeProcess> nodes = new ArrayList<>();
  private final String adminPassword = UUID.randomUUID().toString();

  private final Thread killNodesOnExit = new Thread(this::killNodes, "campo-cluster-kill-nodes");

  private ClusterProcesses(Path workDir, SharedPostgres database) {
    this.workDir = workDir;
    this.database = database;
    // Child processes outlive a JVM that exits without closing them (a test run interrupted with Ctrl-C).
    Runtime.getRuntime().addShutdownHook(killNodesOnExit);
  }

  private void killNodes() {
    for (NodeProcess n : nodes) {
      try {
        n.kill();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Starts the database and {@code nodeCount} nodes. The first node starts alone (it creates the schema, the
   * admin and the token signing key); the others then start together.
   *
   * @param workDir the database's folder, the nodes' logs ({@code node-N.log}) and data folders
   */
  public static ClusterProcesses start(Path workDir, int nodeCount, boolean clustered, boolean quickJit, int heapMegabytes)
      throws Exception {
    Files.createDirectories(workDir);
    SharedPostgres db = new SharedPostgres(workDir.resolve("pg"), freePort()).start();
    ClusterProcesses cluster = new ClusterProcesses(workDir, db);
    try {
      List<NodeSettings> all = new ArrayList<>();
      for (int i = 1; i <= nodeCount; i++) {
        all.add(new NodeSettings("node-" + i, clustered, freePort(), freePort(), freePort(), workDir.resolve("node-" + i + ".log"),
            heapMegabytes, quickJit));
      }
      for (NodeSettings s : all) {
        Path dataDir = Files.createDirectories(workDir.resolve(s.name()));
        cluster.nodes.add(new NodeProcess(s, NodeProcess.environmentOf(s, db, cluster.adminPassword, all, dataDir)));
      }
      cluster.nodes.get(0).start().awaitReady(START_TIMEOUT);
      for (NodeProcess n : cluster.nodes.subList(1, nodeCount)) {
        n.start();
      }
      for (NodeProcess n : cluster.nodes.subList(1, nodeCount)) {
        n.awaitReady(START_TIMEOUT);
      }
      return cluster;
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  public List<NodeProcess> nodes() {
    return nodes;
  }

  public NodeProcess node(int index) {
    return nodes.get(index);
  }

  public SharedPostgres database() {
    return database;
  }

  public String adminPassword() {
    return adminPassword;
  }

  public Path workDir() {
    return workDir;
  }

  /** Every node's MQTT port, in node order, as a device's list of servers. */
  public MqttEndpoints mqttEndpoints() {
    return new MqttEndpoints("127.0.0.1", nodes.stream().map(NodeProcess::mqttPort).toList(), 0);
  }

  /** Creates {@code count} agents named {@code prefix00001}… in the shared database, with their device tokens. */
  public List<AgentCredentials> createAgents(String prefix, int count) throws Exception {
    AgentRegistry registry = new AgentRegistry(database.dataSource());
    List<AgentCredentials> agents = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      String id = String.format("%s%05d", prefix, i);
      agents.add(new AgentCredentials(id, registry.create(id, "Agent " + i).deviceToken()));
    }
    return agents;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    for (NodeProcess n : nodes) {
      n.stop(Duration.ofSeconds(10));
    }
    database.close();
    try {
      Runtime.getRuntime().removeShutdownHook(killNodesOnExit);
    } catch (IllegalStateException exiting) {
      // Already shutting down: the hook is running or has run.
    }
    // The logs stay for whoever reads a failure; the database's files (tens of MB per run) do not.
    try (Stream<Path> files = Files.walk(workDir.resolve("pg"))) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /**
   * A port free now, below Linux's ephemeral range (32768 and up), handed out once per run. A port the kernel picks
   * (bind to 0) is an ephemeral one, and between picking it and the node binding it, another node's outgoing cluster
   * connections may take it as their local port: node-2 once died with "Address already in use" that way.
   */
  static synchronized int freePort() throws IOException {
    for (int attempt = 0; attempt < 1_000; attempt++) {
      int port = FIRST_PORT + RANDOM.nextInt(LAST_PORT - FIRST_PORT + 1);
      if (!HANDED_OUT.add(port)) {
        continue;
      }
      try (ServerSocket s = new ServerSocket(port)) {
        return s.getLocalPort();
      } catch (IOException taken) {
        // in use: try another
      }
    }
    throw new IOException("no free port between " + FIRST_PORT + " and " + LAST_PORT);
  }
}
