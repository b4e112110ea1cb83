package io.campo.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttClient;

import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.campo.server.live.LiveSocket;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two clustered servers in one JVM — real Hazelcast over loopback TCP, real MQTT sockets, one shared PostgreSQL — as
 * a load balancer would use them: a device on one node, a dispatcher's browser or request on the other.
 */
class TwoNodeClusterTest {

  static LoopbackCluster cluster;
  static String dbUrl;
  static TestServer a;
  static TestServer b;
  static Vertx clients;
  static long storedBeforeBStarted;

  @BeforeAll
  static void startTwoNodes() throws Exception {
    cluster = LoopbackCluster.prepare("campo-test");
    dbUrl = cluster.dbUrl();
    a = cluster.startA();
    // A fix stored before node B exists: B must know it from the database, not from the event bus.
    String token = a.createAgent("antes");
    Mqtt5AsyncClient phone = Devices.mqtt5(a.server.mqttPort(), "antes", token);
    storedBeforeBStarted = Devices.now() - 30_000;
    phone.publishWith().topic(Devices.telemetryTopic("antes")).qos(Devices.QOS1)
        .payload(Devices.fix(storedBeforeBStarted, 19.43, -99.13, 1)).send().get(10, TimeUnit.SECONDS);
    phone.disconnect().get(10, TimeUnit.SECONDS);
    b = cluster.startB();
    clients = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    if (clients != null) {
      clients.close().await();
    }
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
  }

  @Test
  void bothNodesAreMembersOfOneCluster() {
    assertEquals(2, a.server.node().members().size(), "A sees " + a.server.node().members());
    assertEquals(2, b.server.node().members().size(), "B sees " + b.server.node().members());
    assertEquals("node-b", b.server.nodeId());
    HttpResponse<String> metrics = b.request("GET", "/metrics", null, null);
    assertTrue(metrics.body().contains("campo_devices_connected{node=\"node-b\"}"), "metrics name their node");
    assertTrue(metrics.body().lines().anyMatch(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("node=\"node-b\"")),
        "and the JVM's");
    JsonObject ready = new JsonObject(b.request("GET", "/health/ready", null, null).body());
    JsonObject cluster = ready.getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(c -> "cluster".equals(c.getString("id"))).findFirst().orElseThrow(() -> new AssertionError(ready.encode()));
    assertEquals("UP", cluster.getString("status"));
    assertEquals(2, cluster.getJsonObject("data").getInteger("members"));
    assertTrue(b.request("GET", "/metrics", null, null).body().lines()
        .anyMatch(l -> l.startsWith("vertx_http_server_requests_total{") && l.contains("node=\"node-b\"")),
        "Vert.x's own metrics name their node too");
  }

  @Test
  void aThirdNodeJoinsWithoutHazelcastsPreJoinWaitAndLeavesTheClusterWhenItStops() throws Exception {
    TestServer c = cluster.startJoiningA("node-c");
    long planOfC;
    try {
      planOfC = insertRunningPlan("2031-02-01", c.server.node().nodeId());
      assertEquals(3, c.server.node().members().size(), "C met both: " + c.server.node().members());
      // ~0.3 s here; Hazelcast's default wait before joining alone would take 5 s. Generous for a loaded 2-core box.
      assertTrue(c.server.node().joinMillis() < 4000, "node C joined in " + c.server.node().joinMillis() + " ms");
    } finally {
      c.close();
    }
    long deadline = System.currentTimeMillis() + 2000;
    while (a.server.node().members().size() != 2 && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(2, a.server.node().members().size(), "a stopped node left at once, it was not left to time out");
    assertEquals("failed", a.server.features().planJobs().find(planOfC).orElseThrow().getString("status"),
        "a stopping node fails its own running planning jobs: their date may be planned again at once");
  }

  @Test
  void aNodeStartedAfterFixesWereStoredKnowsTheirLatestPositions() {
    JsonObject agent = agentOn(b, "antes");
    assertEquals(false, agent.getBoolean("connected"), "its device disconnected from A");
    assertEquals(Devices.iso(storedBeforeBStarted), agent.getString("lastSeen"));
    assertEquals(19.43, agent.getDouble("lat"), 1e-9);
  }

  @Test
  void aFixCommittedOnNodeAReachesALiveMapOnNodeBAndItsAgentList() throws Exception {
    String token = a.createAgent("movil-a");
    Mqtt5AsyncClient phone = Devices.mqtt5(a.server.mqttPort(), "movil-a", token);
    try (LiveSocket live = LiveSocket.connect(clients, b.server.httpPort(), b.adminToken())) {
      live.next(m -> "frame".equals(m.getString("type")), 5000);
      long t = Devices.now() - 1000;
      phone.publishWith().topic(Devices.telemetryTopic("movil-a")).qos(Devices.QOS1)
          .payload(Devices.fix(t, 20.67, -103.35, 7)).send().get(10, TimeUnit.SECONDS);
      JsonObject frame = live.next(m -> "frame".equals(m.getString("type")) && m.getJsonArray("agents").stream()
          .anyMatch(o -> "movil-a".equals(((JsonObject) o).getString("id"))), 5000).message();
      JsonObject moved = frame.getJsonArray("agents").stream().map(JsonObject.class::cast)
          .filter(o -> "movil-a".equals(o.getString("id"))).findFirst().orElseThrow();
      assertEquals(t, moved.getLong("t"));
      assertEquals(20.67, moved.getDouble("lat"), 1e-9);
      assertEquals(77, moved.getInteger("battery"), "the binary codec carried the optional fields across");
      JsonObject listedOnB = agentOn(b, "movil-a");
      assertEquals(Devices.iso(t), listedOnB.getString("lastSeen"), "B's latest positions moved too");
      assertEquals(true, listedOnB.getBoolean("connected"), "B knows the device is connected, to A: " + listedOnB);
    } finally {
      phone.disconnect().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aMessagePostedOnNodeAReachesADeviceConnectedToNodeB() throws Exception {
    String token = a.createAgent("en-b");
    BlockingQueue<Mqtt3Publish> inbox = new LinkedBlockingQueue<>();
    Mqtt3AsyncClient phone = Devices.persistentPhone(b.server.mqttPort(), "en-b", token, inbox);
    try {
      phone.subscribeWith().topicFilter("campo/agents/en-b/#").qos(Devices.QOS1).send().get(10, TimeUnit.SECONDS);
      HttpResponse<String> sent = a.request("POST", "/api/agents/en-b/messages", a.adminToken(), "{\"text\":\"Hola desde A\"}");
      assertEquals(201, sent.statusCode(), sent.body());
      Mqtt3Publish message = inbox.poll(10, TimeUnit.SECONDS);
      assertNotNull(message, "the device on B got the message posted on A");
      assertEquals("campo/agents/en-b/inbox", message.getTopic().toString());
      assertEquals("Hola desde A", new JsonObject(Devices.text(message)).getString("text"));

      // A plan stored by node A (as its planning job does) is sent retained by node B, which holds the device.
      a.server.downlink().retain("en-b", "plan", Buffer.buffer("{\"plan\":\"de A\"}")).await(10, TimeUnit.SECONDS);
      Mqtt3Publish plan = inbox.poll(10, TimeUnit.SECONDS);
      assertNotNull(plan, "the device on B got the plan stored on A");
      assertEquals("campo/agents/en-b/plan", plan.getTopic().toString());
      assertEquals("{\"plan\":\"de A\"}", Devices.text(plan));
    } finally {
      phone.disconnect().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aMessageForADeviceOfflineArrivesWhenItConnectsToTheOtherNode() throws Exception {
    String token = a.createAgent("viajero");
    BlockingQueue<Mqtt3Publish> inbox = new LinkedBlockingQueue<>();
    // The device's persistent session starts on A, then the device goes out of coverage.
    Mqtt3AsyncClient phone = Devices.persistentPhone(a.server.mqttPort(), "viajero", token, inbox);
    phone.subscribeWith().topicFilter("campo/agents/viajero/inbox").qos(Devices.QOS1).send().get(10, TimeUnit.SECONDS);
    phone.disconnect().get(10, TimeUnit.SECONDS);

    HttpResponse<String> sent = a.request("POST", "/api/agents/viajero/messages", a.adminToken(), "{\"text\":\"Cuando vuelvas\"}");
    assertEquals(201, sent.statusCode(), sent.body());
    // Back in coverage, the load balancer sends it to B: it resumes its session (no new SUBSCRIBE) and gets the message.
    phone = Devices.persistentPhone(b.server.mqttPort(), "viajero", token, inbox);
    try {
      Mqtt3Publish message = inbox.poll(10, TimeUnit.SECONDS);
      assertNotNull(message, "the message waited for the device and B delivered it");
      assertEquals("Cuando vuelvas", new JsonObject(Devices.text(message)).getString("text"));
    } finally {
      phone.disconnect().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aDeviceReconnectingToTheOtherNodeTakesItsSessionOverThere() throws Exception {
    String token = a.createAgent("cambia-red");
    BlockingQueue<Mqtt3Publish> oldInbox = new LinkedBlockingQueue<>();
    Mqtt3AsyncClient old = Devices.persistentPhone(a.server.mqttPort(), "cambia-red", token, oldInbox);
    old.subscribeWith().topicFilter("campo/agents/cambia-red/inbox").qos(Devices.QOS1).send().get(10, TimeUnit.SECONDS);
    // The phone changed networks: A still holds its old connection when the new one, same client id, reaches B.
    BlockingQueue<Mqtt3Publish> inbox = new LinkedBlockingQueue<>();
    Mqtt3AsyncClient phone = Devices.persistentPhone(b.server.mqttPort(), "cambia-red", token, inbox);
    try {
      long deadline = System.currentTimeMillis() + 5000;
      while (old.getState().isConnected() && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(!old.getState().isConnected(), "A closed the connection B took over");
      assertEquals(1, TestServer.count(a.dbUrl, "SELECT count(*) FROM mqtt_session WHERE client_id = 'cambia-red-phone'"
          + " AND disconnected_at IS NULL"), "the session is still connected (on B): A's close did not end it");
      HttpResponse<String> sent = a.request("POST", "/api/agents/cambia-red/messages", a.adminToken(), "{\"text\":\"Sigue\"}");
      assertEquals(201, sent.statusCode(), sent.body());
      Mqtt3Publish message = inbox.poll(10, TimeUnit.SECONDS);
      assertNotNull(message, "the resumed session on B got the message");
      assertEquals("Sigue", new JsonObject(Devices.text(message)).getString("text"));
      assertTrue(oldInbox.isEmpty(), "nothing went to the closed connection");
      assertEquals(true, agentOn(a, "cambia-red").getBoolean("connected"), "A knows the agent is connected, to B");
    } finally {
      phone.disconnect().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void theSubackWaitsForTheStoredSubscriptionSoTheOtherNodeResumesIt() throws Exception {
    String token = a.createAgent("al-vuelo");
    BlockingQueue<Mqtt3Publish> inbox = new LinkedBlockingQueue<>();
    Mqtt3AsyncClient old = Devices.persistentPhone(a.server.mqttPort(), "al-vuelo", token, inbox);
    CompletableFuture<?> subAck;
    // The session's row is held locked, as a busy database would: the write of the subscription waits, so must the SUBACK.
    try (Connection lock = DriverManager.getConnection(dbUrl, "postgres", "")) {
      lock.setAutoCommit(false);
      try (var ps = lock.prepareStatement("SELECT 1 FROM mqtt_session WHERE client_id = 'al-vuelo-phone' FOR UPDATE")) {
        ps.executeQuery().close();
      }
      subAck = old.subscribeWith().topicFilter("campo/agents/al-vuelo/inbox").qos(Devices.QOS1).send();
      Thread.sleep(1000);
      assertFalse(subAck.isDone(), "no SUBACK while the subscription is not stored");
      lock.rollback();
    }
    subAck.get(10, TimeUnit.SECONDS);
    // The moment it has its SUBACK the phone changes networks and reaches B, which resumes the stored session.
    Mqtt3AsyncClient phone = Devices.persistentPhone(b.server.mqttPort(), "al-vuelo", token, inbox);
    try {
      HttpResponse<String> sent = a.request("POST", "/api/agents/al-vuelo/messages", a.adminToken(), "{\"text\":\"Ya\"}");
      assertEquals(201, sent.statusCode(), sent.body());
      Mqtt3Publish message = inbox.poll(10, TimeUnit.SECONDS);
      assertNotNull(message, "B resumed the session with its subscription");
      assertEquals("Ya", new JsonObject(Devices.text(message)).getString("text"));
    } finally {
      phone.disconnect().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void anAgentConnectedToBothNodesGoesOfflineOnlyWhenItsLastConnectionCloses() throws Exception {
    String token = a.createAgent("doble");
    Mqtt5AsyncClient onA = Devices.mqtt5(a.server.mqttPort(), "doble", token);
    Mqtt3AsyncClient onB = Devices.mqtt3(b.server.mqttPort(), "doble", token);
    Mqtt3AsyncClient alsoOnB = MqttClient.builder().useMqttVersion3().identifier("doble-tablet").serverHost("127.0.0.1")
        .serverPort(b.server.mqttPort()).simpleAuth().username("doble").password(token.getBytes(StandardCharsets.UTF_8))
        .applySimpleAuth().buildAsync();
    alsoOnB.connect().get(10, TimeUnit.SECONDS);
    awaitHoldingNodes("doble", 2);
    try (LiveSocket liveOnA = LiveSocket.connect(clients, a.server.httpPort(), a.adminToken());
        LiveSocket liveOnB = LiveSocket.connect(clients, b.server.httpPort(), b.adminToken())) {
      liveOnA.next(m -> "frame".equals(m.getString("type")), 5000);
      liveOnB.next(m -> "frame".equals(m.getString("type")), 5000);
      onA.disconnect().get(10, TimeUnit.SECONDS);
      alsoOnB.disconnect().get(10, TimeUnit.SECONDS);
      assertTrue(offlineEvents("doble", liveOnA.during(1500)).isEmpty(), "still connected to B: not offline on A's map");
      assertTrue(offlineEvents("doble", liveOnB.during(0)).isEmpty(), "nor on B's");
      onB.disconnect().get(10, TimeUnit.SECONDS);
      liveOnA.next(m -> !offlineEvents("doble", List.of(new LiveSocket.Received(m, 0))).isEmpty(), 5000);
      liveOnB.next(m -> !offlineEvents("doble", List.of(new LiveSocket.Received(m, 0))).isEmpty(), 5000);
    }
  }

  @Test
  void theAgentsOfANodeThatDiesGoOfflineOnTheOthersMaps() throws Exception {
    TestServer c = cluster.startJoiningA("node-c");
    try (LiveSocket liveOnA = LiveSocket.connect(clients, a.server.httpPort(), a.adminToken())) {
      String token = a.createAgent("en-c");
      Mqtt5AsyncClient phone = Devices.mqtt5(c.server.mqttPort(), "en-c", token);
      awaitHoldingNodes("en-c", 1);
      liveOnA.next(m -> "frame".equals(m.getString("type")), 5000);
      // Node C crashes: its Hazelcast member is gone at once, its process (and the phone's socket to it) lingers.
      c.server.node().hazelcast().orElseThrow().getLifecycleService().terminate();
      liveOnA.next(m -> !offlineEvents("en-c", List.of(new LiveSocket.Received(m, 0))).isEmpty(), 20_000);
      phone.disconnect();
    } finally {
      c.close();
    }
  }

  @Test
  void aUserWhoseTeamsChangeOrWhoIsRemovedLosesTheirLiveSocketsOnEveryNode() throws Exception {
    String token = a.officeUserInTeam("vigia", "dispatcher", "vigilancia");
    try (LiveSocket onA = LiveSocket.connect(clients, a.server.httpPort(), token);
        LiveSocket onB = LiveSocket.connect(clients, b.server.httpPort(), token)) {
      onA.next(m -> "frame".equals(m.getString("type")), 5000);
      onB.next(m -> "frame".equals(m.getString("type")), 5000);
      HttpResponse<String> changed = a.request("PUT", "/api/users/vigia/teams", a.adminToken(), "{\"teams\":[]}");
      assertEquals(200, changed.statusCode(), changed.body());
      assertEquals((short) 4403, onA.awaitClose(5000), "teams changed: the socket on A closed, to reconnect in the new scope");
      assertEquals((short) 4403, onB.awaitClose(5000), "and the one on B");
    }
    // The token is still valid: the page reconnects.
    try (LiveSocket again = LiveSocket.connect(clients, b.server.httpPort(), token)) {
      again.next(m -> "frame".equals(m.getString("type")), 5000);
      assertEquals(200, b.request("GET", "/api/agents", token, null).statusCode(), "B has confirmed the account");
      HttpResponse<String> removed = a.request("DELETE", "/api/users/vigia", a.adminToken(), null);
      assertEquals(204, removed.statusCode(), removed.body());
      assertEquals((short) 4401, again.awaitClose(5000), "the user was removed on A: their socket on B closed");
    }
    // Nor does the token, valid for hours yet, open any API route on either node.
    HttpResponse<String> onB = b.request("GET", "/api/agents", token, null);
    assertEquals(401, onB.statusCode(), onB.body());
    assertTrue(onB.body().contains("removed or its password or role changed"), onB.body());
    assertEquals(401, a.request("GET", "/api/agents", token, null).statusCode());
    assertEquals(200, b.request("GET", "/api/agents", a.adminToken(), null).statusCode(), "other users go on");
    try (LiveSocket afterRemoval = LiveSocket.connect(clients, b.server.httpPort(), token)) {
      assertEquals((short) 4401, afterRemoval.awaitClose(5000), "a removed user's token opens no live socket");
    }
    assertEquals(404, a.request("DELETE", "/api/users/vigia", a.adminToken(), null).statusCode());
    assertEquals(409, a.request("DELETE", "/api/users/admin", a.adminToken(), null).statusCode(), "admins cannot remove themselves");
  }

  /** Waits (up to 5 s) until the cluster records the agent's devices on {@code nodes} nodes. */
  static void awaitHoldingNodes(String agentId, int nodes) throws InterruptedException {
    var nodesByAgent = a.server.node().hazelcast().orElseThrow().getMultiMap(AgentPresence.MAP);
    long deadline = System.currentTimeMillis() + 5000;
    while (nodesByAgent.valueCount(agentId) != nodes && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
  }

  static List<JsonObject> offlineEvents(String agentId, List<LiveSocket.Received> received) {
    return received.stream().map(LiveSocket.Received::message).filter(m -> "frame".equals(m.getString("type")))
        .flatMap(m -> m.getJsonArray("events").stream().map(JsonObject.class::cast))
        .filter(e -> "agent.status".equals(e.getString("type")) && agentId.equals(e.getString("id"))
            && Boolean.FALSE.equals(e.getBoolean("online")))
        .toList();
  }

  @Test
  void aJobOnceAcrossTheClusterRunsOnOneNodeOnly() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    OnceAcrossCluster onA = new OnceAcrossCluster(a.server.vertx(), Clock.systemUTC());
    OnceAcrossCluster onB = new OnceAcrossCluster(b.server.vertx(), Clock.systemUTC());
    java.util.concurrent.Callable<Void> job = () -> {
      runs.incrementAndGet();
      Thread.sleep(300);
      return null;
    };
    Duration period = Duration.ofSeconds(3);
    // Both nodes' timers fire together: one runs, the other finds the lock taken.
    Future<Boolean> ranOnA = onA.run("test-job", period, job);
    Future<Boolean> ranOnB = onB.run("test-job", period, job);
    boolean a1 = ranOnA.await(10, TimeUnit.SECONDS);
    boolean b1 = ranOnB.await(10, TimeUnit.SECONDS);
    long ended = System.currentTimeMillis();
    assertEquals(1, runs.get());
    assertTrue(a1 ^ b1, "exactly one node ran it: A " + a1 + ", B " + b1);
    OnceAcrossCluster other = a1 ? onB : onA;
    // Later in the same period, the other node's timer fires: the run is recorded cluster-wide, so it skips.
    assertEquals(false, other.run("test-job", period, job).await(10, TimeUnit.SECONDS));
    assertEquals(1, runs.get());
    // A period after that run ended, the other node may run it: the lock was released, cluster-wide.
    Thread.sleep(Math.max(0, ended + period.toMillis() - System.currentTimeMillis()));
    assertEquals(true, other.run("test-job", period, job).await(10, TimeUnit.SECONDS));
    assertEquals(2, runs.get());
  }

  @Test
  void onlyThePlanningJobsOfStoppedNodesAreFailed() throws Exception {
    String liveNode = b.server.node().nodeId();
    long running = insertRunningPlan("2031-01-01", liveNode);
    long orphaned = insertRunningPlan("2031-01-02", "a-node-that-crashed");
    assertEquals(1, a.server.features().planJobs().failOrphaned());
    assertEquals("running", a.server.features().planJobs().find(running).orElseThrow().getString("status"), "B is alive: its job is B's");
    JsonObject failed = a.server.features().planJobs().find(orphaned).orElseThrow();
    assertEquals("failed", failed.getString("status"));
    assertTrue(failed.getString("error").contains("submit the plan again"), failed.encode());
  }

  static long insertRunningPlan(String date, String nodeId) throws Exception {
    try (var c = a.server.database().dataSource().getConnection();
        var ps = c.prepareStatement("INSERT INTO plan_job (plan_date, status, request, created_by, node_id)"
            + " VALUES (?::date, 'running', '{\"agents\":[]}', 'test', ?) RETURNING id")) {
      ps.setString(1, date);
      ps.setString(2, nodeId);
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static JsonObject agentOn(TestServer node, String agentId) {
    HttpResponse<String> r = node.request("GET", "/api/agents", node.adminToken(), null);
    assertEquals(200, r.statusCode(), r.body());
    return new JsonArray(r.body()).stream().map(JsonObject.class::cast).filter(o -> agentId.equals(o.getString("id")))
        .findFirst().orElseThrow(() -> new AssertionError(agentId + " not listed: " + r.body()));
  }

  /** A lost phone cut off through node A is cut off on node B within 5 s: its connection, its JWT, its marker. */
  @Test
  void aTokenRotatedOrAnAgentDisabledOnNodeAIsCutOffOnNodeB() throws Exception {
    String token = a.createAgent("perdido-en-b");
    Mqtt5AsyncClient onB = Devices.mqtt5(b.server.mqttPort(), "perdido-en-b", token);
    HttpResponse<String> login = b.request("POST", "/api/auth/device", null,
        new JsonObject().put("agentId", "perdido-en-b").put("deviceToken", token).encode());
    assertEquals(200, login.statusCode(), login.body());
    String jwtFromB = new JsonObject(login.body()).getString("token");
    assertTrue(b.request("POST", "/api/visits", jwtFromB, "{}").statusCode() != 401, "the JWT works on B before");

    HttpResponse<String> rotated = a.request("POST", "/api/agents/perdido-en-b/token", a.adminToken(), null);
    assertEquals(200, rotated.statusCode(), rotated.body());
    long deadline = System.currentTimeMillis() + 5000;
    while ((onB.getState().isConnected() || b.request("POST", "/api/visits", jwtFromB, "{}").statusCode() != 401)
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(25);
    }
    assertFalse(onB.getState().isConnected(), "B closed the connection of the rotated token");
    assertEquals(401, b.request("POST", "/api/visits", jwtFromB, "{}").statusCode(), "B refuses the JWT issued before");
    String newToken = new JsonObject(rotated.body()).getString("deviceToken");

    Mqtt5AsyncClient again = Devices.mqtt5(b.server.mqttPort(), "perdido-en-b", newToken);
    try (LiveSocket liveOnB = LiveSocket.connect(clients, b.server.httpPort(), b.adminToken())) {
      liveOnB.next(m -> "frame".equals(m.getString("type")), 5000);
      assertEquals(200, a.request("PUT", "/api/agents/perdido-en-b/active", a.adminToken(), "{\"active\": false}").statusCode());
      liveOnB.next(m -> io.campo.server.agent.DeviceCredentialsTest.hasEvent(m, "perdido-en-b", false), 5000);
      long until = System.currentTimeMillis() + 5000;
      while (again.getState().isConnected() && System.currentTimeMillis() < until) {
        Thread.sleep(25);
      }
      assertFalse(again.getState().isConnected(), "B closed the disabled agent's connection");
      assertEquals(false, agentOn(b, "perdido-en-b").getBoolean("active"), "B lists the agent as disabled");
    }
  }

  /** A client id held on node A by one agent is refused to another agent connecting to node B. */
  @Test
  void aColleaguesClientIdHeldOnNodeAIsRefusedOnNodeB() throws Exception {
    String ownerToken = a.createAgent("titular");
    String otherToken = a.createAgent("suplente");
    BlockingQueue<Mqtt3Publish> inbox = new LinkedBlockingQueue<>();
    Mqtt3AsyncClient owner = Devices.persistentPhone(a.server.mqttPort(), "titular", ownerToken, inbox);
    owner.subscribeWith().topicFilter("campo/agents/titular/inbox").qos(Devices.QOS1).send().get(10, TimeUnit.SECONDS);
    try {
      Mqtt3AsyncClient intruder = MqttClient.builder().useMqttVersion3().identifier("titular-phone").serverHost("127.0.0.1")
          .serverPort(b.server.mqttPort()).simpleAuth().username("suplente").password(otherToken.getBytes(StandardCharsets.UTF_8))
          .applySimpleAuth().buildAsync();
      java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
          java.util.concurrent.ExecutionException.class,
          () -> intruder.connectWith().cleanSession(false).send().get(10, TimeUnit.SECONDS));
      assertEquals(com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode.IDENTIFIER_REJECTED,
          ((com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException) e.getCause()).getMqttMessage().getReturnCode());
      Thread.sleep(500);
      assertTrue(owner.getState().isConnected(), "the owner on A was not kicked");
      HttpResponse<String> sent = b.request("POST", "/api/agents/titular/messages", b.adminToken(), "{\"text\":\"Sigue\"}");
      assertEquals(201, sent.statusCode(), sent.body());
      Mqtt3Publish message = inbox.poll(10, TimeUnit.SECONDS);
      assertNotNull(message, "the owner keeps its subscription and downlink");
    } finally {
      owner.disconnect().get(10, TimeUnit.SECONDS);
    }
  }
  /** Work-hours-only tracking (issue #17): a schedule changed on one node is in force on the other within 5 s. */
  @Test
  void aScheduleChangedOnNodeAStopsStorageOfFixesSentToNodeBWithinFiveSeconds() throws Exception {
    String token = a.createAgent("turno");
    Mqtt5AsyncClient phone = Devices.mqtt5(b.server.mqttPort(), "turno", token);
    long t = Devices.now();
    phone.publishWith().topic(Devices.telemetryTopic("turno")).qos(Devices.QOS1).payload(Devices.fix(t, 19.4, -99.1, 1))
        .send().get(10, TimeUnit.SECONDS);
    assertEquals(1, a.count("SELECT count(*) FROM telemetry WHERE agent_id = 'turno'"), "tracked at all hours at first");
    HttpResponse<String> put = a.request("PUT", "/api/agents/turno/schedule", a.adminToken(), "{\"weekly\":[]}");
    assertEquals(200, put.statusCode(), put.body());
    long changedAt = System.nanoTime();
    // Every fix is acknowledged; the one that is not stored shows B knows the schedule.
    long stored = 1;
    int seq = 2;
    while (true) {
      phone.publishWith().topic(Devices.telemetryTopic("turno")).qos(Devices.QOS1)
          .payload(Devices.fix(Devices.now() + seq, 19.4, -99.1, seq)).send().get(10, TimeUnit.SECONDS);
      seq++;
      long now = a.count("SELECT count(*) FROM telemetry WHERE agent_id = 'turno'");
      if (now == stored) {
        break;
      }
      stored = now;
      assertTrue(System.nanoTime() - changedAt < TimeUnit.SECONDS.toNanos(5), "node B still stores fixes 5 s after the change");
      Thread.sleep(50);
    }
    assertTrue(agentOn(b, "turno").getBoolean("onDuty") == Boolean.FALSE, "B's agent list says fuera de turno");
    phone.disconnect().get(10, TimeUnit.SECONDS);
  }
}
