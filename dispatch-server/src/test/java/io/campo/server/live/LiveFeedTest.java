package io.campo.server.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.campo.server.auth.SigningKey;
import io.campo.server.auth.UserAccounts;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live feed end to end: real phones over MQTT, the real server and PostgreSQL, and a real WebSocket client. Each
 * test moves its own agents in its own part of the map, so the tests do not see each other's agents.
 */
class LiveFeedTest {

  static TestServer server;
  static Vertx clients;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    clients = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    clients.close().await();
    server.close();
  }

  static Mqtt5AsyncClient phone(String agentId) throws Exception {
    return Devices.mqtt5(server.server.mqttPort(), agentId, server.createAgent(agentId));
  }

  /** Publishes one fix and waits for its PUBACK, which comes after the fix is committed. */
  static void move(Mqtt5AsyncClient phone, String agentId, long deviceTime, double lat, double lon) throws Exception {
    phone.publishWith().topic(Devices.telemetryTopic(agentId)).qos(Devices.QOS1)
        .payload(Devices.fix(deviceTime, lat, lon, (int) (deviceTime % 100_000))).send().get(10, TimeUnit.SECONDS);
  }

  static LiveSocket connect() throws Exception {
    return LiveSocket.connect(clients, server.server.httpPort(), server.adminToken());
  }

  static boolean isFrame(JsonObject m) {
    return "frame".equals(m.getString("type"));
  }

  static Set<String> ids(JsonObject frame) {
    Set<String> ids = new TreeSet<>();
    frame.getJsonArray("agents").forEach(a -> ids.add(((JsonObject) a).getString("id")));
    return ids;
  }

  @Test
  void framesCarryOnlyTheAgentsThatMovedInTheViewportWithTheirDeviceTimeAtMostOneEvery250Ms() throws Exception {
    // Guadalajara: "gdl-centro" inside the viewport, "gdl-norte" 25 km north, outside it.
    Mqtt5AsyncClient centro = phone("gdl-centro");
    Mqtt5AsyncClient norte = phone("gdl-norte");
    long t0 = Devices.now() - 60_000;
    move(centro, "gdl-centro", t0, 20.67, -103.35);
    move(norte, "gdl-norte", t0, 20.90, -103.35);
    try (LiveSocket live = connect()) {
      JsonObject first = live.next(LiveFeedTest::isFrame, 5000).message();
      assertTrue(ids(first).containsAll(Set.of("gdl-centro", "gdl-norte")), "the first frame is a snapshot of everyone: " + first);

      live.send("{\"type\":\"viewport\",\"bbox\":[-103.45,20.6,-103.25,20.75]}");
      JsonObject snapshot = live.next(m -> isFrame(m) && !m.getJsonArray("agents").isEmpty(), 5000).message();
      assertEquals(Set.of("gdl-centro"), ids(snapshot), "after a viewport change, a snapshot of that area only");

      long start = System.nanoTime();
      for (int i = 1; i <= 8; i++) {
        move(centro, "gdl-centro", t0 + i * 1000L, 20.67 + i * 1e-4, -103.35);
        move(norte, "gdl-norte", t0 + i * 1000L, 20.90 + i * 1e-4, -103.35);
        Thread.sleep(150);
      }
      List<LiveSocket.Received> frames = live.during(800).stream().filter(r -> isFrame(r.message())).toList();
      double elapsedMillis = (System.nanoTime() - start) / 1e6;

      assertTrue(frames.size() >= 2, "fixes over more than a second arrive in several frames: " + frames.size());
      assertTrue(frames.size() <= elapsedMillis / 250 + 1, frames.size() + " frames in " + elapsedMillis + " ms");
      long seq = snapshot.getLong("seq");
      JsonObject lastCentro = null;
      for (LiveSocket.Received r : frames) {
        JsonObject frame = r.message();
        assertEquals(++seq, frame.getLong("seq"), "frames are numbered without gaps");
        assertEquals(Set.of("gdl-centro"), ids(frame), "only the moved agent inside the viewport: " + frame);
        lastCentro = frame.getJsonArray("agents").getJsonObject(0);
      }
      assertEquals(t0 + 8000, lastCentro.getLong("t"), "the newest fix, with its device time");
      assertEquals(20.67 + 8e-4, lastCentro.getDouble("lat"), 1e-9);
      assertEquals(77, lastCentro.getInteger("battery"));
      assertTrue(lastCentro.getBoolean("online"));
      for (int i = 1; i < frames.size(); i++) {
        // Sent at least 250 ms apart; loopback delivery can bunch two arrivals by a few milliseconds.
        double gapMillis = (frames.get(i).arrivedNanos() - frames.get(i - 1).arrivedNanos()) / 1e6;
        assertTrue(gapMillis >= 200, "two frames " + gapMillis + " ms apart");
      }
    } finally {
      centro.disconnect().get();
      norte.disconnect().get();
    }
  }

  @Test
  void aClientThatAcknowledgesFramesGetsTheNextOnlyAfterItAppliedTheLastAndThenTheNewestPositions() throws Exception {
    // Monterrey, in a viewport of its own.
    Mqtt5AsyncClient phone = phone("mty-lento");
    long t0 = Devices.now() - 60_000;
    move(phone, "mty-lento", t0, 25.67, -100.31);
    try (LiveSocket live = connect()) {
      live.send("{\"type\":\"viewport\",\"bbox\":[-100.4,25.6,-100.2,25.75]}");
      JsonObject snapshot = live.next(m -> isFrame(m) && ids(m).contains("mty-lento"), 5000).message();
      live.send("{\"type\":\"ack\",\"seq\":" + snapshot.getLong("seq") + "}");

      move(phone, "mty-lento", t0 + 1000, 25.671, -100.31);
      JsonObject first = live.next(m -> isFrame(m) && ids(m).contains("mty-lento"), 5000).message();
      // Not acknowledged: the client is busy. More fixes arrive, and no frame may be sent meanwhile.
      for (int i = 2; i <= 5; i++) {
        move(phone, "mty-lento", t0 + i * 1000L, 25.67 + i * 1e-3, -100.31);
      }
      List<LiveSocket.Received> whileBusy = live.during(900).stream().filter(r -> isFrame(r.message())).toList();
      assertEquals(List.of(), whileBusy, "no frame while the last one is unacknowledged");

      live.send("{\"type\":\"ack\",\"seq\":" + first.getLong("seq") + "}");
      JsonObject caughtUp = live.next(m -> isFrame(m) && ids(m).contains("mty-lento"), 5000).message();
      assertEquals(first.getLong("seq") + 1, caughtUp.getLong("seq"));
      JsonObject agent = caughtUp.getJsonArray("agents").getJsonObject(0);
      assertEquals(t0 + 5000, agent.getLong("t"), "the frames skipped were coalesced into the newest position");
    } finally {
      phone.disconnect().get();
    }
  }

  @Test
  void theSocketClosesWhenTheTokenItOpenedWithExpires() throws Exception {
    // A dispatcher's token valid for 2 seconds, signed with the server's own key (as login would sign it).
    byte[] key = SigningKey.loadOrCreate(server.server.database().dataSource());
    JWTAuth jwt = JWTAuth.create(clients, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(key))));
    long generation = new UserAccounts(server.server.database().dataSource()).account("admin").orElseThrow().generation();
    String shortLived = jwt.generateToken(new JsonObject().put("sub", "admin").put("role", "admin")
        .put(UserAccounts.GENERATION_CLAIM, generation), new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds(2));
    try (LiveSocket live = LiveSocket.connect(clients, server.server.httpPort(), shortLived)) {
      live.next(LiveFeedTest::isFrame, 5000);
      assertFalse(live.isClosed(), "open while the token is valid");
      long deadline = System.currentTimeMillis() + 6000;
      while (!live.isClosed() && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(live.isClosed(), "closed once the token expired");
    }
  }

  @Test
  void aRecordedVisitArrivesAsAnEventOfTheNextFrame() throws Exception {
    String deviceToken = server.createAgent("visita-1");
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("INSERT INTO debtor (external_id, name) VALUES ('LIVE-1', 'Rosa Méndez')");
      s.execute("INSERT INTO address (debtor_id, lat, lon, radius_m) SELECT id, 25.67, -100.31, 75 FROM debtor WHERE external_id = 'LIVE-1'");
    }
    HttpResponse<String> login = server.request("POST", "/api/auth/device", null,
        new JsonObject().put("agentId", "visita-1").put("deviceToken", deviceToken).encode());
    String agentJwt = new JsonObject(login.body()).getString("token");
    long t = Devices.now() - 10 * 60_000;
    JsonObject body = new JsonObject().put("debtor", "LIVE-1")
        .put("checkIn", new JsonObject().put("at", Instant.ofEpochMilli(t).toString()).put("lat", 25.67).put("lon", -100.31).put("accuracy", 8))
        .put("checkOutAt", Instant.ofEpochMilli(t + 300_000).toString())
        .put("outcome", new JsonObject().put("type", "NO_CONTACT"));

    try (LiveSocket live = connect()) {
      live.next(LiveFeedTest::isFrame, 5000);
      HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/visits"))
          .header("Authorization", "Bearer " + agentJwt).header("Content-Type", "application/json").header("Idempotency-Key", "live-visit-1")
          .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(201, posted.statusCode(), posted.body());
      long visitId = new JsonObject(posted.body()).getLong("id");

      JsonObject frame = live.next(m -> isFrame(m) && !m.getJsonArray("events").isEmpty(), 5000).message();
      JsonObject event = frame.getJsonArray("events").getJsonObject(0);
      assertEquals("visit", event.getString("type"));
      assertEquals(visitId, event.getJsonObject("visit").getLong("id"));
      assertEquals("visita-1", event.getJsonObject("visit").getString("agentId"));
      assertEquals("LIVE-1", event.getJsonObject("visit").getString("debtor"));
    }
  }

  @Test
  void aMalformedMessageGetsAnErrorFrameAndTheConnectionKeepsWorking() throws Exception {
    try (LiveSocket live = connect()) {
      live.next(LiveFeedTest::isFrame, 5000);
      live.send("{not json");
      JsonObject error = live.next(m -> !isFrame(m), 5000).message();
      assertEquals("error", error.getString("type"));
      assertTrue(error.getString("message").contains("not a JSON object"), error.encode());

      live.send("{\"type\":\"viewport\",\"bbox\":[-98,19,-99,20]}");
      JsonObject badBox = live.next(m -> !isFrame(m), 5000).message();
      assertEquals("error", badBox.getString("type"));
      assertTrue(badBox.getString("message").contains("min <= max"), badBox.encode());

      // Still connected and served: a valid viewport is answered with its snapshot.
      Mqtt5AsyncClient phone = phone("oax-1");
      move(phone, "oax-1", Devices.now() - 1000, 17.06, -96.72);
      live.send("{\"type\":\"viewport\",\"bbox\":[-96.8,17.0,-96.6,17.1]}");
      JsonObject snapshot = live.next(m -> isFrame(m) && !m.getJsonArray("agents").isEmpty(), 5000).message();
      assertEquals(Set.of("oax-1"), ids(snapshot));
      assertFalse(live.isClosed());
      phone.disconnect().get();
    }
  }

  @Test
  void aPhoneThatDisconnectsBecomesAnAgentStatusEvent() throws Exception {
    Mqtt5AsyncClient phone = phone("salida-1");
    try (LiveSocket live = connect()) {
      live.next(LiveFeedTest::isFrame, 5000);
      phone.disconnect().get();
      JsonObject frame = live.next(m -> isFrame(m) && !m.getJsonArray("events").isEmpty(), 5000).message();
      JsonArray events = frame.getJsonArray("events");
      assertEquals(new JsonObject().put("type", "agent.status").put("id", "salida-1").put("online", false), events.getJsonObject(0));
    }
  }
}
