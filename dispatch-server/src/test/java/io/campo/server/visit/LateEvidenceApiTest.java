package io.campo.server.visit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.campo.server.live.LiveSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Evidence that arrives late: a backlog from a phone that was offline proves a visit (flagged), before or after the
 * visit itself; a track uploaded while the phone was live elsewhere does not. Real MQTT publishes, real HTTP.
 */
class LateEvidenceApiTest {

  static final double LAT = 20.6597;
  static final double LON = -103.3496;
  /** A fix is late here after 3 s, so that a planted track can be told apart without waiting minutes. */
  static final int LATE_AFTER_SECONDS = 3;
  static TestServer server;
  static Vertx clients;

  static double east(double meters) {
    return LON + meters / (111_320.0 * Math.cos(Math.toRadians(LAT)));
  }

  @BeforeAll
  static void start() throws Exception {
    Map<String, String> env = TestServer.env(TestServer.freshDatabaseUrl());
    env.put("CAMPO_EVIDENCE_LATE_AFTER_SECONDS", String.valueOf(LATE_AFTER_SECONDS));
    server = TestServer.start(env);
    clients = Vertx.vertx();
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("INSERT INTO debtor (external_id, name) VALUES ('LE-1', 'Ana Torres'), ('LE-2', 'Luis Vega'), ('LE-3', 'Eva Ríos'),"
          + " ('LE-4', 'Rita Paz'), ('LE-5', 'Omar Gil')");
      s.execute("INSERT INTO address (debtor_id, lat, lon, radius_m) SELECT id, " + LAT + ", " + LON + ", 75 FROM debtor");
    }
  }

  @AfterAll
  static void stop() {
    server.close();
    clients.close().await();
  }

  record Agent(String id, String deviceToken, String jwt) {}

  static Agent agent(String id) {
    String token = server.createAgent(id);
    HttpResponse<String> login = server.request("POST", "/api/auth/device", null,
        new JsonObject().put("agentId", id).put("deviceToken", token).encode());
    assertEquals(200, login.statusCode(), login.body());
    return new Agent(id, token, new JsonObject(login.body()).getString("token"));
  }

  static void publish(Agent a, List<String> fixes) throws Exception {
    Mqtt5AsyncClient phone = Devices.mqtt5(server.server.mqttPort(), a.id(), a.deviceToken());
    try {
      phone.publishWith().topic(Devices.telemetryTopic(a.id())).qos(Devices.QOS1)
          .payload(("[" + String.join(",", fixes) + "]").getBytes(StandardCharsets.UTF_8)).send().get(10, TimeUnit.SECONDS);
    } finally {
      phone.disconnect().get(10, TimeUnit.SECONDS);
    }
  }

  /** Fixes at the door every 30 s from {@code fromMillis} to {@code toMillis}, with GPS jitter. */
  static List<String> atTheDoor(long fromMillis, long toMillis, long everyMillis) {
    List<String> fixes = new ArrayList<>();
    int i = 0;
    for (long t = fromMillis; t <= toMillis; t += everyMillis, i++) {
      fixes.add(Devices.fixJson(t, LAT + (i % 3) * 2e-6, east(6 + i % 2), i));
    }
    return fixes;
  }

  static HttpResponse<String> postVisit(Agent a, String key, String debtor, long checkInMillis, double lon, Long checkOutMillis) {
    JsonObject body = new JsonObject().put("debtor", debtor)
        .put("checkIn", new JsonObject().put("at", Instant.ofEpochMilli(checkInMillis).toString()).put("lat", LAT).put("lon", lon).put("accuracy", 8))
        .put("outcome", new JsonObject().put("type", "NO_CONTACT"));
    if (checkOutMillis != null) {
      body.put("checkOutAt", Instant.ofEpochMilli(checkOutMillis).toString());
    }
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/visits"))
          .header("Authorization", "Bearer " + a.jwt()).header("Content-Type", "application/json").header("Idempotency-Key", key)
          .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonObject visit(long id) {
    HttpResponse<String> r = server.request("GET", "/api/visits/" + id, server.adminToken(), null);
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  static JsonObject awaitVisit(long id, Predicate<JsonObject> until, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    JsonObject v = visit(id);
    while (!until.test(v) && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      v = visit(id);
    }
    return v;
  }

  static List<String> reasons(JsonObject visit) {
    List<String> reasons = new ArrayList<>();
    visit.getJsonObject("validation").getJsonArray("failures").forEach(f -> reasons.add(((JsonObject) f).getString("reason")));
    return reasons;
  }

  static JsonArray log(String debtor) {
    return new JsonObject(server.request("GET", "/api/debtors/" + debtor + "/log", server.adminToken(), null).body())
        .getJsonArray("entries");
  }

  @Test
  void aVisitPostedBeforeItsBacklogIsJudgedAgainWhenTheBacklogArrivesAndTheMapHearsIt() throws Exception {
    Agent a = agent("tarde-1");
    long t = Devices.now() - 10 * 60_000;
    try (LiveSocket live = LiveSocket.connect(clients, server.server.httpPort(), server.adminToken())) {
      HttpResponse<String> posted = postVisit(a, "tarde-1-a", "LE-1", t, east(8), t + 240_000);
      assertEquals(201, posted.statusCode(), posted.body());
      JsonObject rejected = new JsonObject(posted.body());
      assertEquals("REJECTED", rejected.getString("status"));
      assertEquals(List.of("no_track_near_check_in"), reasons(rejected));
      assertFalse(rejected.getBoolean("lateEvidence"));

      // The phone comes back online: its backlog of the visit's minutes, ten minutes late.
      publish(a, atTheDoor(t - 60_000, t + 240_000, 30_000));

      long id = rejected.getLong("id");
      JsonObject valid = awaitVisit(id, v -> "VALID".equals(v.getString("status")), 15_000);
      assertEquals("VALID", valid.getString("status"), valid.encodePrettily());
      assertTrue(valid.getBoolean("lateEvidence"));
      assertEquals(new JsonArray().add("late_evidence"), valid.getJsonArray("flags"));
      assertTrue(valid.getLong("evidenceDelaySeconds") >= 6 * 60, valid.encodePrettily());
      assertTrue(valid.getJsonObject("validation").getInteger("lateFixes") >= 11);
      assertTrue(valid.getJsonObject("validation").containsKey("rejudgedAt"));

      JsonObject event = live.next(m -> m.getJsonArray("events", new JsonArray()).stream()
          .anyMatch(e -> "visit.rejudged".equals(((JsonObject) e).getString("type"))), 10_000).message();
      JsonObject rejudged = event.getJsonArray("events").stream().map(JsonObject.class::cast)
          .filter(e -> "visit.rejudged".equals(e.getString("type"))).findFirst().orElseThrow().getJsonObject("visit");
      assertEquals(id, rejudged.getLong("id"));
      assertEquals("VALID", rejudged.getString("status"));
      assertTrue(rejudged.getBoolean("lateEvidence"));
    }
    JsonArray entries = log("LE-1");
    assertTrue(entries.stream().map(JsonObject.class::cast).anyMatch(e -> e.getString("summary")
        .contains("judged again when its track arrived (was rejected: no_track_near_check_in): valid on late evidence")),
        entries.encodePrettily());
  }

  @Test
  void aBacklogThatArrivedFirstProvesTheVisitAtOnceFlaggedLate() throws Exception {
    Agent a = agent("tarde-2");
    long t = Devices.now() - 30 * 60_000;
    publish(a, atTheDoor(t - 60_000, t + 240_000, 30_000));
    HttpResponse<String> posted = postVisit(a, "tarde-2-a", "LE-2", t, east(8), t + 240_000);
    assertEquals(201, posted.statusCode(), posted.body());
    JsonObject v = new JsonObject(posted.body());
    assertEquals("VALID", v.getString("status"), v.encodePrettily());
    assertTrue(v.getBoolean("lateEvidence"));
    assertTrue(v.getLong("evidenceDelaySeconds") >= 26 * 60, v.encodePrettily());
    assertNull(v.getJsonObject("validation").getString("rejudgedAt"), "judged once, when it arrived");
  }

  @Test
  void aTrackPlantedWhileThePhoneWasLiveElsewhereKeepsTheVisitRejectedAndSaysWhy() throws Exception {
    Agent a = agent("tarde-3");
    // The phone is online at home, 3 km from the debtor's door, its fixes arriving as they are taken.
    Mqtt5AsyncClient phone = Devices.mqtt5(server.server.mqttPort(), a.id(), a.deviceToken());
    long first = Devices.now();
    for (int i = 0; i < 4; i++) {
      phone.publishWith().topic(Devices.telemetryTopic(a.id())).qos(Devices.QOS1)
          .payload(Devices.fix(Devices.now(), LAT + i * 2e-6, east(3_000), i)).send().get(10, TimeUnit.SECONDS);
      Thread.sleep(300);
    }
    long checkIn = first + 500;
    // A check-in "at the door" while the live track says home: rejected, and waiting for a track that could prove it.
    HttpResponse<String> posted = postVisit(a, "tarde-3-a", "LE-3", checkIn, east(8), null);
    assertEquals(201, posted.statusCode(), posted.body());
    JsonObject rejected = new JsonObject(posted.body());
    assertEquals(List.of("track_outside_geofence"), reasons(rejected));

    // Then a "backlog" of two and a half minutes at the door, uploaded after the fact.
    Thread.sleep((LATE_AFTER_SECONDS + 1) * 1000L);
    phone.publishWith().topic(Devices.telemetryTopic(a.id())).qos(Devices.QOS1)
        .payload(("[" + String.join(",", atTheDoor(checkIn - 150_000, checkIn, 10_000)) + "]").getBytes(StandardCharsets.UTF_8))
        .send().get(10, TimeUnit.SECONDS);
    phone.disconnect().get(10, TimeUnit.SECONDS);

    long id = rejected.getLong("id");
    JsonObject v = awaitVisit(id, x -> x.getJsonObject("validation").containsKey("rejudgedAt"), 15_000);
    assertEquals("REJECTED", v.getString("status"), v.encodePrettily());
    assertTrue(reasons(v).contains("late_track_contradicts_live_track"), v.encodePrettily());
    String message = v.getJsonObject("validation").getJsonArray("failures").stream().map(JsonObject.class::cast)
        .filter(f -> f.getString("reason").equals("late_track_contradicts_live_track")).findFirst().orElseThrow().getString("message");
    assertTrue(message.contains("a track uploaded after the fact is not evidence"), message);
    assertTrue(message.contains("3.0 km"), message);
    assertTrue(v.getJsonObject("validation").getInteger("contradictedFixes") > 0);
    assertTrue(log("LE-3").stream().map(JsonObject.class::cast).anyMatch(e -> e.getString("summary").contains("still rejected")
        && e.getString("summary").contains("late_track_contradicts_live_track")), log("LE-3").encodePrettily());

    // The same visit posted now, with the planted track already stored, is refused as evidence at once.
    HttpResponse<String> again = postVisit(a, "tarde-3-b", "LE-3", checkIn, east(8), null);
    assertEquals(201, again.statusCode(), again.body());
    JsonObject direct = new JsonObject(again.body());
    assertEquals("REJECTED", direct.getString("status"));
    assertTrue(reasons(direct).contains("late_track_contradicts_live_track"), direct.encodePrettily());
    assertTrue(direct.getJsonObject("validation").getInteger("contradictedFixes") > 0, direct.encodePrettily());
  }

  @Test
  void aVisitRejectedForItsCheckInIsNotJudgedAgainWhateverTrackArrives() throws Exception {
    Agent a = agent("tarde-4");
    long t = Devices.now() - 50 * 60_000;
    HttpResponse<String> posted = postVisit(a, "tarde-4-a", "LE-4", t, east(900), t + 240_000);
    assertEquals(201, posted.statusCode(), posted.body());
    JsonObject rejected = new JsonObject(posted.body());
    assertTrue(reasons(rejected).contains("check_in_outside_geofence"), rejected.encodePrettily());

    publish(a, atTheDoor(t - 60_000, t + 240_000, 30_000));
    // A visit of the same agent that is re-judged by the same commit shows the hook has run.
    long t2 = Devices.now() - 15 * 60_000;
    HttpResponse<String> other = postVisit(a, "tarde-4-b", "LE-4", t2, east(8), null);
    assertEquals("REJECTED", new JsonObject(other.body()).getString("status"));
    publish(a, atTheDoor(t2 - 150_000, t2 + 30_000, 30_000));
    long otherId = new JsonObject(other.body()).getLong("id");
    assertEquals("VALID", awaitVisit(otherId, v -> "VALID".equals(v.getString("status")), 15_000).getString("status"));

    JsonObject still = visit(rejected.getLong("id"));
    assertEquals("REJECTED", still.getString("status"));
    assertFalse(still.getJsonObject("validation").containsKey("rejudgedAt"), still.encodePrettily());
  }

  @Test
  void aFixOlderThanTheMaximumBacklogIsNotStored() throws Exception {
    Agent a = agent("tarde-5");
    long eightDaysAgo = Devices.now() - 8 * 86_400_000L;
    long sixDaysAgo = Devices.now() - 6 * 86_400_000L;
    publish(a, List.of(Devices.fixJson(eightDaysAgo, LAT, LON, 1), Devices.fixJson(sixDaysAgo, LAT, LON, 2)));
    assertEquals(1, server.count("SELECT count(*) FROM telemetry WHERE agent_id = 'tarde-5'"), "only the six-day-old fix");
  }
}
