package io.campo.server.visit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import static io.campo.server.visit.EvidencePhones.LAT;
import static io.campo.server.visit.EvidencePhones.LON;
import static io.campo.server.visit.EvidencePhones.east;

import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.campo.server.live.LiveSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Evidence that arrives late: a backlog from a phone that was offline proves a visit (flagged), before or after the
 * visit itself; a track uploaded while the phone was live elsewhere does not. Real MQTT publishes, real HTTP.
 */
class LateEvidenceApiTest {

  /** A fix is late here after 3 s, so that a planted track can be told apart without waiting minutes. */
  static final int LATE_AFTER_SECONDS = 3;
  static TestServer server;
  static Vertx clients;
  static EvidencePhones phones;

  @BeforeAll
  static void start() throws Exception {
    Map<String, String> env = TestServer.env(TestServer.freshDatabaseUrl());
    env.put("CAMPO_EVIDENCE_LATE_AFTER_SECONDS", String.valueOf(LATE_AFTER_SECONDS));
    server = TestServer.start(env);
    phones = new EvidencePhones(server);
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

  @Test
  void aVisitPostedBeforeItsBacklogIsJudgedAgainWhenTheBacklogArrivesAndTheMapHearsIt() throws Exception {
    EvidencePhones.Agent a = phones.agent("tarde-1");
    long t = Devices.now() - 10 * 60_000;
    try (LiveSocket live = LiveSocket.connect(clients, server.server.httpPort(), server.adminToken())) {
      HttpResponse<String> posted = phones.postVisit(a, "tarde-1-a", "LE-1", t, east(8), t + 240_000);
      assertEquals(201, posted.statusCode(), posted.body());
      JsonObject rejected = new JsonObject(posted.body());
      assertEquals("REJECTED", rejected.getString("status"));
      assertEquals(List.of("no_track_near_check_in"), EvidencePhones.reasons(rejected));
      assertFalse(rejected.getBoolean("lateEvidence"));

      // The phone comes back online: its backlog of the visit's minutes, ten minutes late.
      phones.publish(a, EvidencePhones.atTheDoor(t - 60_000, t + 240_000, 30_000));

      long id = rejected.getLong("id");
      JsonObject valid = phones.awaitVisit(id, v -> "VALID".equals(v.getString("status")), 15_000);
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
    JsonArray entries = phones.log("LE-1");
    assertTrue(entries.stream().map(JsonObject.class::cast).anyMatch(e -> e.getString("summary")
        .contains("judged again when its track arrived (was rejected: no_track_near_check_in): valid on late evidence")),
        entries.encodePrettily());
  }

  @Test
  void aBacklogThatArrivedFirstProvesTheVisitAtOnceFlaggedLate() throws Exception {
    EvidencePhones.Agent a = phones.agent("tarde-2");
    long t = Devices.now() - 30 * 60_000;
    phones.publish(a, EvidencePhones.atTheDoor(t - 60_000, t + 240_000, 30_000));
    HttpResponse<String> posted = phones.postVisit(a, "tarde-2-a", "LE-2", t, east(8), t + 240_000);
    assertEquals(201, posted.statusCode(), posted.body());
    JsonObject v = new JsonObject(posted.body());
    assertEquals("VALID", v.getString("status"), v.encodePrettily());
    assertTrue(v.getBoolean("lateEvidence"));
    assertTrue(v.getLong("evidenceDelaySeconds") >= 26 * 60, v.encodePrettily());
    assertNull(v.getJsonObject("validation").getString("rejudgedAt"), "judged once, when it arrived");
  }

  @Test
  void aTrackPlantedWhileThePhoneWasLiveElsewhereKeepsTheVisitRejectedAndSaysWhy() throws Exception {
    EvidencePhones.Agent a = phones.agent("tarde-3");
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
    HttpResponse<String> posted = phones.postVisit(a, "tarde-3-a", "LE-3", checkIn, east(8), null);
    assertEquals(201, posted.statusCode(), posted.body());
    JsonObject rejected = new JsonObject(posted.body());
    assertEquals(List.of("track_outside_geofence"), EvidencePhones.reasons(rejected));

    // Then a "backlog" of two and a half minutes at the door, uploaded after the fact.
    Thread.sleep((LATE_AFTER_SECONDS + 1) * 1000L);
    phone.publishWith().topic(Devices.telemetryTopic(a.id())).qos(Devices.QOS1)
        .payload(("[" + String.join(",", EvidencePhones.atTheDoor(checkIn - 150_000, checkIn, 10_000)) + "]").getBytes(StandardCharsets.UTF_8))
        .send().get(10, TimeUnit.SECONDS);
    phone.disconnect().get(10, TimeUnit.SECONDS);

    long id = rejected.getLong("id");
    JsonObject v = phones.awaitVisit(id, x -> x.getJsonObject("validation").containsKey("rejudgedAt"), 15_000);
    assertEquals("REJECTED", v.getString("status"), v.encodePrettily());
    assertTrue(EvidencePhones.reasons(v).contains("late_track_contradicts_live_track"), v.encodePrettily());
    String message = v.getJsonObject("validation").getJsonArray("failures").stream().map(JsonObject.class::cast)
        .filter(f -> f.getString("reason").equals("late_track_contradicts_live_track")).findFirst().orElseThrow().getString("message");
    assertTrue(message.contains("a track uploaded after the fact is not evidence"), message);
    assertTrue(message.contains("3.0 km"), message);
    assertTrue(v.getJsonObject("validation").getInteger("contradictedFixes") > 0);
    assertTrue(phones.log("LE-3").stream().map(JsonObject.class::cast).anyMatch(e -> e.getString("summary").contains("still rejected")
        && e.getString("summary").contains("late_track_contradicts_live_track")), phones.log("LE-3").encodePrettily());

    // The same visit posted now, with the planted track already stored, is refused as evidence at once.
    HttpResponse<String> again = phones.postVisit(a, "tarde-3-b", "LE-3", checkIn, east(8), null);
    assertEquals(201, again.statusCode(), again.body());
    JsonObject direct = new JsonObject(again.body());
    assertEquals("REJECTED", direct.getString("status"));
    assertTrue(EvidencePhones.reasons(direct).contains("late_track_contradicts_live_track"), direct.encodePrettily());
    assertTrue(direct.getJsonObject("validation").getInteger("contradictedFixes") > 0, direct.encodePrettily());
  }

  @Test
  void aVisitRejectedForItsCheckInIsNotJudgedAgainWhateverTrackArrives() throws Exception {
    EvidencePhones.Agent a = phones.agent("tarde-4");
    long t = Devices.now() - 50 * 60_000;
    HttpResponse<String> posted = phones.postVisit(a, "tarde-4-a", "LE-4", t, east(900), t + 240_000);
    assertEquals(201, posted.statusCode(), posted.body());
    JsonObject rejected = new JsonObject(posted.body());
    assertTrue(EvidencePhones.reasons(rejected).contains("check_in_outside_geofence"), rejected.encodePrettily());

    phones.publish(a, EvidencePhones.atTheDoor(t - 60_000, t + 240_000, 30_000));
    // A visit of the same agent that is re-judged by the same commit shows the hook has run.
    long t2 = Devices.now() - 15 * 60_000;
    HttpResponse<String> other = phones.postVisit(a, "tarde-4-b", "LE-4", t2, east(8), null);
    assertEquals("REJECTED", new JsonObject(other.body()).getString("status"));
    phones.publish(a, EvidencePhones.atTheDoor(t2 - 150_000, t2 + 30_000, 30_000));
    long otherId = new JsonObject(other.body()).getLong("id");
    assertEquals("VALID", phones.awaitVisit(otherId, v -> "VALID".equals(v.getString("status")), 15_000).getString("status"));

    JsonObject still = phones.visit(rejected.getLong("id"));
    assertEquals("REJECTED", still.getString("status"));
    assertFalse(still.getJsonObject("validation").containsKey("rejudgedAt"), still.encodePrettily());
  }

  @Test
  void aFixOlderThanTheMaximumBacklogIsNotStored() throws Exception {
    EvidencePhones.Agent a = phones.agent("tarde-5");
    long eightDaysAgo = Devices.now() - 8 * 86_400_000L;
    long sixDaysAgo = Devices.now() - 6 * 86_400_000L;
    phones.publish(a, List.of(Devices.fixJson(eightDaysAgo, LAT, LON, 1), Devices.fixJson(sixDaysAgo, LAT, LON, 2)));
    assertEquals(1, server.count("SELECT count(*) FROM telemetry WHERE agent_id = 'tarde-5'"), "only the six-day-old fix");
  }
}
