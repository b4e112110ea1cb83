package io.campo.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.campo.server.live.LiveSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One stay at a debtor's door is one arrival and one departure, whichever of two clustered nodes ingests the phone's
 * fixes: where an agent is lives in the memory of the node ingesting it, so a phone that reconnects to the other node
 * "arrives" there again, and the node it left still believes the agent at the door. Real Hazelcast, real MQTT, one
 * shared PostgreSQL, the dispatcher's live feed on node A hearing both nodes.
 */
class DoorEventsAcrossNodesTest {

  static final double LAT = 19.4326;
  static final double LON = -99.1332;
  static final String AGENT = "puerta-1";

  static String dbUrl;
  static TestServer a;
  static TestServer b;
  static Vertx clients;
  static String deviceToken;

  static double east(double meters) {
    return LON + meters / (111_320.0 * Math.cos(Math.toRadians(LAT)));
  }

  @BeforeAll
  static void startTwoNodes() throws Exception {
    LoopbackCluster cluster = LoopbackCluster.prepare("campo-doors");
    dbUrl = cluster.dbUrl();
    a = cluster.startA();
    b = cluster.startB();
    clients = Vertx.vertx();
    deviceToken = a.createAgent(AGENT);
    try (Connection c = DriverManager.getConnection(dbUrl, "postgres", "")) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO debtor (external_id, name) VALUES ('PU-1', 'Deudor de la puerta')")) {
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO address (debtor_id, lat, lon, radius_m)"
          + " SELECT id, ?, ?, 75 FROM debtor WHERE external_id = 'PU-1'")) {
        ps.setDouble(1, LAT);
        ps.setDouble(2, east(1000));
        ps.executeUpdate();
      }
    }
    assertEquals(1, a.server.features().watch().reloadGeofences());
    assertEquals(1, b.server.features().watch().reloadGeofences());
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

  /** The phone connects to {@code node}, sends these fixes (one every 5 s from {@code from}) and disconnects. */
  static void walk(TestServer node, long from, double... metresEast) throws Exception {
    Mqtt5AsyncClient phone = Devices.mqtt5(node.server.mqttPort(), AGENT, deviceToken);
    try {
      List<String> fixes = new ArrayList<>();
      for (int i = 0; i < metresEast.length; i++) {
        fixes.add("{\"ts\":" + (from + i * 5_000L) + ",\"lat\":" + LAT + ",\"lon\":" + east(metresEast[i]) + ",\"acc\":8,\"bat\":70}");
      }
      phone.publishWith().topic(Devices.telemetryTopic(AGENT)).qos(Devices.QOS1)
          .payload(("[" + String.join(",", fixes) + "]").getBytes(StandardCharsets.UTF_8)).send().get(10, TimeUnit.SECONDS);
    } finally {
      phone.disconnect().get(10, TimeUnit.SECONDS);
    }
  }

  static List<String> stored() throws Exception {
    List<String> kinds = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(dbUrl, "postgres", "");
        PreparedStatement ps = c.prepareStatement("SELECT kind FROM geofence_event WHERE agent_id = ? ORDER BY at")) {
      ps.setString(1, AGENT);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          kinds.add(rs.getString(1));
        }
      }
    }
    return kinds;
  }

  /** The door events of the live feed, as "arrival"/"departure", kept across waits. */
  static final class DoorFeed {
    final LiveSocket socket;
    final List<String> kinds = new ArrayList<>();

    DoorFeed(LiveSocket socket) {
      this.socket = socket;
    }

    /** Waits until the feed has carried {@code n} events of this kind in all. */
    void await(String kind, int n) throws InterruptedException {
      long deadline = System.currentTimeMillis() + 20_000;
      while (kinds.stream().filter(kind::equals).count() < n) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          throw new AssertionError("the feed carried " + kinds + ", not " + n + " " + kind);
        }
        JsonObject m = socket.next(x -> true, left).message();
        if ("frame".equals(m.getString("type"))) {
          for (Object e : m.getJsonArray("events", new JsonArray())) {
            String type = ((JsonObject) e).getString("type", "");
            if (type.startsWith("geofence.")) {
              kinds.add(type.substring("geofence.".length()));
            }
          }
        }
      }
    }
  }

  @Test
  void aStayAtTheDoorIsOneArrivalAndOneDepartureWhicheverNodeSeesIt() throws Exception {
    try (LiveSocket live = LiveSocket.connect(clients, a.server.httpPort(), a.adminToken())) {
      live.send("{\"type\":\"viewport\",\"bbox\":null}");
      DoorFeed feed = new DoorFeed(live);
      long t = Devices.now() - 10 * 60_000;

      // On node A: up the street and into the 75 m circle.
      walk(a, t, 700, 850, 990, 1000);
      feed.await("arrival", 1);
      assertEquals(List.of("arrival"), stored());

      // The phone reconnects to node B, still at the door: B has never seen the agent, so its first fix there is an
      // "arrival" to B — the stay is open already, nothing is recorded or shown. Then the agent leaves: one departure.
      walk(b, t + 60_000, 1000, 1005, 1000, 1200, 1300);
      feed.await("departure", 1);
      assertEquals(List.of("arrival", "departure"), feed.kinds, "B's repeat arrival was neither shown (it would precede the departure)");
      assertEquals(List.of("arrival", "departure"), stored(), "nor stored");

      // Back to node A, which still believes the agent at the door: its "departure" closes nothing. The agent comes back
      // later: a new stay, a new arrival.
      walk(a, t + 120_000, 1300, 1250, 1100, 1000);
      feed.await("arrival", 2);
      assertEquals(List.of("arrival", "departure", "arrival"), feed.kinds, "A's stale departure was not shown");
      assertEquals(List.of("arrival", "departure", "arrival"), stored());
      assertEquals(1, TestServer.count(dbUrl, "SELECT count(*) FROM door_presence WHERE agent_id = '" + AGENT + "'"),
          "the agent is at the door again");
    }
  }

  @Test
  void aStayLeftOpenForHalfADayIsALostDepartureNotAnEndlessVisit() throws Exception {
    String agent = "puerta-olvidada";
    try (Connection c = DriverManager.getConnection(dbUrl, "postgres", "")) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO door_presence (agent_id, address_id, arrived_at)"
          + " SELECT ?, id, now() - interval '13 hours' FROM address")) {
        ps.setString(1, agent);
        assertEquals(1, ps.executeUpdate());
      }
    }
    String token = b.createAgent(agent);
    Mqtt5AsyncClient phone = Devices.mqtt5(b.server.mqttPort(), agent, token);
    try {
      phone.publishWith().topic(Devices.telemetryTopic(agent)).qos(Devices.QOS1)
          .payload(("[{\"ts\":" + (Devices.now() - 5_000) + ",\"lat\":" + LAT + ",\"lon\":" + east(1000) + ",\"acc\":8}]")
              .getBytes(StandardCharsets.UTF_8)).send().get(10, TimeUnit.SECONDS);
    } finally {
      phone.disconnect().get(10, TimeUnit.SECONDS);
    }
    long deadline = System.currentTimeMillis() + 20_000;
    while (TestServer.count(dbUrl, "SELECT count(*) FROM geofence_event WHERE agent_id = '" + agent + "'") == 0
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertEquals(1, TestServer.count(dbUrl, "SELECT count(*) FROM geofence_event WHERE agent_id = '" + agent + "' AND kind = 'arrival'"),
        "a new arrival, recorded");
    assertEquals(1, TestServer.count(dbUrl, "SELECT count(*) FROM door_presence WHERE agent_id = '" + agent + "'"
        + " AND arrived_at > now() - interval '1 hour'"), "the stay is the new one");
  }
}
