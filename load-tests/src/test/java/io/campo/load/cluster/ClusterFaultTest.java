package io.campo.load.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.load.fleet.AgentCredentials;
import io.campo.load.fleet.MqttVersion;
import io.campo.load.fleet.Reconnections.Reconnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue #7's faults, with real processes on loopback: three {@code serve --cluster} JVMs on one PostgreSQL,
 * thirty phones spread over them publishing QoS 1 fixes the whole time. One node is killed with SIGKILL, the
 * database is restarted under load, the killed node comes back; at the end every fix a phone was acknowledged
 * must be in the database exactly once. The tests run in order on one cluster (starting three JVMs on two
 * cores is the expensive part); each asserts its own fault.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultTest {

  private static final int NODES = 3;
  private static final int AGENTS = 30;
  private static final Duration FIX_INTERVAL = Duration.ofMillis(200);
  private static final Duration RECONNECT_LIMIT = Duration.ofSeconds(10);
  private static final String PREFIX = "fault-";

  private ClusterProcesses cluster;
  private ClusterLoad load;
  private List<AgentCredentials> agents;
  private Set<String> agentIds;

  @BeforeAll
  void startClusterAndPhones() throws Exception {
    Path work = Files.createDirectories(Path.of("target", "cluster-faults")).resolve("run-" + System.currentTimeMillis());
    cluster = ClusterProcesses.start(work.toAbsolutePath(), NODES, true, true, 384);
    agents = cluster.createAgents(PREFIX, AGENTS);
    agentIds = agents.stream().map(AgentCredentials::agentId).collect(Collectors.toSet());
    load = ClusterLoad.start(agents, cluster.mqttEndpoints(), MqttVersion.V5, FIX_INTERVAL, 1, Duration.ofSeconds(30));
    awaitTrue("every node acknowledging fixes", Duration.ofSeconds(20),
        () -> load.acknowledgedByPort().keySet().containsAll(cluster.nodes().stream().map(NodeProcess::mqttPort).toList()));
  }

  @AfterAll
  void stop() throws Exception {
    if (load != null) {
      load.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void devicesOfAKilledNodeReconnectToSurvivorsWithinTenSecondsTheirDownlinkFollowsAndMapsSeeEveryAgent() throws Exception {
    NodeProcess victim = cluster.node(1);
    Set<String> onVictim = agentIds.stream()
        .filter(id -> Integer.valueOf(victim.mqttPort()).equals(load.reconnections().portOf(id)))
        .collect(Collectors.toSet());
    assertEquals(AGENTS / NODES, onVictim.size(), "devices spread evenly, a third on " + victim.name());

    // Dispatchers already watching on the nodes that will survive.
    List<LiveMapClient> maps = List.of(LiveMapClient.open(cluster.node(0).httpPort(), "admin", cluster.adminPassword()),
        LiveMapClient.open(cluster.node(2).httpPort(), "admin", cluster.adminPassword()));
    OfficeApi dispatcher = OfficeApi.login(cluster.node(0).httpPort(), "admin", cluster.adminPassword());
    String messaged = onVictim.iterator().next();
    long killedAtNanos = System.nanoTime();
    long killedAtMillis = System.currentTimeMillis();
    victim.kill();
    // Sent while its phone is cut off: queued in the database, delivered by whichever node the phone resumes its session on.
    long messageId = dispatcher.sendMessage(messaged, "Pasa por la sucursal al terminar");

    awaitTrue("every device of " + victim.name() + " reconnected", RECONNECT_LIMIT.plusSeconds(5),
        () -> load.reconnections().since(killedAtNanos).stream().map(Reconnection::agentId).collect(Collectors.toSet())
            .containsAll(onVictim));
    List<Reconnection> moved = load.reconnections().since(killedAtNanos).stream()
        .filter(r -> onVictim.contains(r.agentId())).toList();
    long slowest = moved.stream().mapToLong(Reconnection::millis).max().orElseThrow();
    assertTrue(slowest <= RECONNECT_LIMIT.toMillis(), "slowest reconnection took " + slowest + " ms");
    assertTrue(moved.stream().allMatch(r -> r.newPort() != victim.mqttPort()), "every device moved to a survivor: " + moved);

    awaitTrue("the message to " + messaged + " delivered on its new node", Duration.ofSeconds(10),
        () -> load.inboxOf(messaged).contains(messageId));

    // Each survivor's map sees every agent moving: its own devices, and the other survivor's through the clustered bus.
    try {
      for (LiveMapClient map : maps) {
        awaitTrue("the map on " + map.node() + " showing every agent's fixes taken after the kill", Duration.ofSeconds(10),
            () -> map.agentsMovedSince(killedAtMillis).containsAll(agentIds));
      }
    } finally {
      maps.forEach(LiveMapClient::close);
    }
  }

  @Test
  @Order(2)
  void postgresRestartedUnderLoadPausesIngestWhichThenResumes() throws Exception {
    SharedPostgres db = cluster.database();
    db.stop();
    // What was committed before the stop may still be acknowledged; after a second nothing can be.
    Thread.sleep(1_000);
    long acknowledgedDuringOutage = load.acknowledged();
    Thread.sleep(4_000);
    assertEquals(acknowledgedDuringOutage, load.acknowledged(), "no fix acknowledged while the database is down");
    assertTrue(load.pending() > 0, "phones kept publishing during the outage");

    db.start();
    long resumedFrom = load.acknowledged();
    awaitTrue("ingest resumed: every phone acknowledged again", Duration.ofSeconds(30),
        () -> load.acknowledged() > resumedFrom + 3L * AGENTS);
    assertEquals(0, load.failed(), "no publish given up: " + load.firstProblem());
    assertEquals(0, load.refused(), "no publish refused: " + load.firstProblem());
  }

  @Test
  @Order(3)
  void aKilledNodeThatRestartsRejoinsAndItsMapCatchesUp() throws Exception {
    NodeProcess returning = cluster.node(1);
    returning.start().awaitReady(ClusterProcesses.START_TIMEOUT);
    assertTrue(returning.loggedSinceStart().contains("in cluster"), "restarted as a cluster member:\n" + returning.loggedSinceStart());
    long rejoinedAtMillis = System.currentTimeMillis();
    try (LiveMapClient map = LiveMapClient.open(returning.httpPort(), "admin", cluster.adminPassword())) {
      // The snapshot from the database shows every agent at once; the live fixes come from the other nodes' devices.
      awaitTrue("the map on the restarted node showing every agent", Duration.ofSeconds(10), () -> map.agentsSeen().containsAll(agentIds));
      awaitTrue("the map on the restarted node showing every agent's fixes taken after it rejoined", Duration.ofSeconds(10),
          () -> map.agentsMovedSince(rejoinedAtMillis).containsAll(agentIds));
    }
  }

  @Test
  @Order(4)
  void everyAcknowledgedFixIsStoredExactlyOnce() throws Exception {
    assertTrue(load.stopAndSettle(Duration.ofSeconds(30)), "every publish answered; pending " + load.pending());
    assertEquals(0, load.failed(), "no publish given up: " + load.firstProblem());
    assertEquals(load.sent(), load.acknowledged(), "every fix sent was acknowledged in the end");
    StoredFixes stored = StoredFixes.check(cluster.database().dataSource(), PREFIX, load.acknowledgedSeqs());
    assertEquals(load.acknowledged(), stored.acknowledged());
    assertTrue(stored.exactlyOnce(), stored.toString());
    // The faults above take some 12 s of load on a quiet machine, 5 s of it with the database down.
    assertTrue(stored.acknowledged() > 10L * AGENTS, "the phones published throughout: " + stored);
  }

  private static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
      }
      Thread.sleep(100);
    }
  }
}
