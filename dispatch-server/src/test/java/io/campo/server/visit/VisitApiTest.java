package io.campo.server.visit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Visits from a phone, judged against the debtor's geofence and the agent's own stored track. */
class VisitApiTest {

  static final double LAT = 19.4326;
  static final double LON = -99.1332;
  static TestServer server;
  static String deviceToken;
  static String agentJwt;

  static double east(double meters) {
    return LON + meters / (111_320.0 * Math.cos(Math.toRadians(LAT)));
  }

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    deviceToken = server.createAgent("cobrador-1");
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("INSERT INTO debtor (external_id, name) VALUES ('CR-1', 'María López'), ('CR-2', 'Jorge Ruiz'), ('CR-3', 'Sin Dirección')");
      s.execute("INSERT INTO address (debtor_id, lat, lon, radius_m) SELECT id, " + LAT + ", " + LON + ", 75 FROM debtor"
          + " WHERE external_id IN ('CR-1', 'CR-2')");
    }
    HttpResponse<String> login = server.request("POST", "/api/auth/device", null,
        new JsonObject().put("agentId", "cobrador-1").put("deviceToken", deviceToken).encode());
    assertEquals(200, login.statusCode(), login.body());
    agentJwt = new JsonObject(login.body()).getString("token");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The agent's phone streams a stay at the address: {@code minutes} of fixes every 30 s, with GPS jitter. */
  static void stayAtTheAddress(long fromMillis, int minutes) throws Exception {
    Mqtt5AsyncClient phone = Devices.mqtt5(server.server.mqttPort(), "cobrador-1", deviceToken);
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i <= minutes * 2; i++) {
      if (i > 0) batch.append(',');
      batch.append(Devices.fixJson(fromMillis + i * 30_000L, LAT + (i % 3) * 2e-6, east(8 + (i % 2)), i));
    }
    phone.publishWith().topic(Devices.telemetryTopic("cobrador-1")).qos(Devices.QOS1)
        .payload(batch.append(']').toString().getBytes(StandardCharsets.UTF_8)).send().get(10, TimeUnit.SECONDS);
    phone.disconnect().get();
  }

  static JsonObject visit(String debtor, long checkInMillis, double lon, String outcomeJson) {
    return new JsonObject().put("debtor", debtor)
        .put("checkIn", new JsonObject().put("at", Instant.ofEpochMilli(checkInMillis).toString()).put("lat", LAT).put("lon", lon).put("accuracy", 8))
        .put("checkOutAt", Instant.ofEpochMilli(checkInMillis + 300_000).toString())
        .put("outcome", new JsonObject(outcomeJson));
  }

  static HttpResponse<String> post(String key, JsonObject body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/visits"))
        .header("Authorization", "Bearer " + agentJwt).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    if (key != null) {
      b.header("Idempotency-Key", key);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aProvenVisitIsValidAndARetryNeverCreatesASecondOne() throws Exception {
    long t = Devices.now() - 20 * 60_000;
    stayAtTheAddress(t - 120_000, 8);
    JsonObject body = visit("CR-1", t, east(10),
        "{\"type\": \"PAID\", \"amount\": \"1500.50\", \"currency\": \"MXN\", \"receipt\": \"R-0001\"}");
    HttpResponse<String> first = post("phone-key-1", body);
    assertEquals(201, first.statusCode(), first.body());
    JsonObject v = new JsonObject(first.body());
    assertEquals("VALID", v.getString("status"), v.encodePrettily());
    assertEquals("cobrador-1", v.getString("agentId"));
    assertEquals("1500.50", v.getJsonObject("outcome").getString("amount"));
    assertTrue(v.getJsonObject("validation").getLong("dwellSeconds") >= 120);

    HttpResponse<String> retry = post("phone-key-1", body);
    assertEquals(200, retry.statusCode());
    assertEquals(v.getLong("id"), new JsonObject(retry.body()).getLong("id"));
    assertEquals(1, server.count("SELECT count(*) FROM visit WHERE idempotency_key = 'phone-key-1'"));

    HttpResponse<String> reused = post("phone-key-1", visit("CR-1", t, east(10), "{\"type\": \"NO_CONTACT\"}"));
    assertEquals(409, reused.statusCode());
    assertTrue(reused.body().contains("already used for a different visit"));

    JsonObject log = new JsonObject(server.request("GET", "/api/debtors/CR-1/log", server.adminToken(), null).body());
    JsonArray entries = log.getJsonArray("entries");
    assertEquals(3, entries.size(), entries.encodePrettily());
    assertEquals("visit", entries.getJsonObject(0).getString("kind"));
    assertEquals("cobrador-1", entries.getJsonObject(0).getString("actor"));
    assertEquals("outcome", entries.getJsonObject(1).getString("kind"));
    assertTrue(entries.getJsonObject(1).getString("summary").contains("paid 1500.50 MXN, receipt R-0001"));
    assertEquals("payment", entries.getJsonObject(2).getString("kind"), "the PAID visit's field payment, in its transaction");
    assertEquals("visit-" + v.getLong("id"), entries.getJsonObject(2).getJsonObject("details").getString("reference"));
    assertEquals(1, server.count("SELECT count(*) FROM payment WHERE source = 'field' AND visit_id = " + v.getLong("id")
        + " AND amount = 1500.50"), "one field payment, not one per retry");
  }

  @Test
  void aVisitByAnAgentOutsideTheDispatchersTeamsIsNotFoundAndCannotBeOverridden() throws Exception {
    long t = Devices.now() - 80 * 60_000;
    stayAtTheAddress(t - 120_000, 8);
    HttpResponse<String> r = post("phone-key-scope", visit("CR-1", t, east(400), "{\"type\": \"NO_CONTACT\"}"));
    assertEquals(201, r.statusCode(), r.body());
    long visitId = new JsonObject(r.body()).getLong("id");
    String visitPath = "/api/visits/" + visitId;
    String admin = server.adminToken();
    assertEquals(201, server.request("POST", "/api/teams", admin, "{\"id\": \"visitas-norte\"}").statusCode());
    assertEquals(201, server.request("POST", "/api/users", admin, new JsonObject().put("username", "visit-dispatcher")
        .put("password", "visit-dispatcher-pw").put("role", "dispatcher").put("teams", new JsonArray().add("visitas-norte")).encode())
        .statusCode());
    String dispatcher = server.login("visit-dispatcher", "visit-dispatcher-pw");

    HttpResponse<String> hidden = server.request("GET", visitPath, dispatcher, null);
    assertEquals(404, hidden.statusCode());
    assertEquals(404, server.request("POST", visitPath + "/override", dispatcher,
        "{\"reason\": \"no es de mi equipo, pero lo intento\"}").statusCode());
    assertEquals(0, server.count("SELECT count(*) FROM visit_override WHERE visit_id = " + visitId), "nothing was written for the hidden visit");

    assertEquals(200, server.request("PUT", "/api/agents/cobrador-1/team", admin, "{\"team\": \"visitas-norte\"}").statusCode());
    assertEquals(200, server.request("GET", visitPath, dispatcher, null).statusCode());
    assertEquals(200, server.request("PUT", "/api/agents/cobrador-1/team", admin, "{\"team\": null}").statusCode());
  }

  @Test
  void aCheckInAwayFromTheAddressIsStoredRejectedWithItsReasonsAndCanBeOverridden() throws Exception {
    long t = Devices.now() - 50 * 60_000;
    stayAtTheAddress(t - 120_000, 8);
    HttpResponse<String> r = post("phone-key-2", visit("CR-2", t, east(400),
        "{\"type\": \"PROMISE\", \"date\": \"2030-01-15\", \"amount\": \"800\", \"currency\": \"MXN\"}"));
    assertEquals(201, r.statusCode(), r.body());
    JsonObject v = new JsonObject(r.body());
    assertEquals("REJECTED", v.getString("status"));
    JsonObject failure = v.getJsonObject("validation").getJsonArray("failures").getJsonObject(0);
    assertEquals("check_in_outside_geofence", failure.getString("reason"));
    assertEquals(325, failure.getDouble("measured"), 1, "400 m east of the centre of a 75 m circle");

    String visitPath = "/api/visits/" + v.getLong("id");
    assertEquals(400, server.request("POST", visitPath + "/override", server.adminToken(), "{\"reason\": \"ok\"}").statusCode());
    HttpResponse<String> overridden = server.request("POST", visitPath + "/override", server.adminToken(),
        "{\"reason\": \"El deudor salió a la esquina; confirmado por teléfono\"}");
    assertEquals(200, overridden.statusCode(), overridden.body());
    JsonObject after = new JsonObject(overridden.body());
    assertEquals("OVERRIDDEN", after.getString("status"));
    assertEquals("admin", after.getJsonObject("override").getString("by"));
    assertEquals(409, server.request("POST", visitPath + "/override", server.adminToken(),
        "{\"reason\": \"otra vez, por las dudas\"}").statusCode());

    JsonArray entries = new JsonObject(server.request("GET", "/api/debtors/CR-2/log", server.adminToken(), null).body()).getJsonArray("entries");
    assertEquals(4, entries.size(), entries.encodePrettily());
    assertTrue(entries.getJsonObject(0).getString("summary").contains("rejected: check_in_outside_geofence"));
    assertEquals("promise", entries.getJsonObject(2).getString("kind"));
    assertEquals("override", entries.getJsonObject(3).getString("kind"));
    assertEquals("admin", entries.getJsonObject(3).getString("actor"));

    SQLException appendOnly = assertThrows(SQLException.class, () -> {
      try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", ""); Statement s = c.createStatement()) {
        s.execute("DELETE FROM client_log");
      }
    });
    assertTrue(appendOnly.getMessage().contains("append-only"));
  }

  @Test
  void aVisitCapturedOfflineHoursAgoIsJudgedAgainstTheTrackOfThatTime() throws Exception {
    long hoursAgo = Devices.now() - 6 * 3_600_000L;
    stayAtTheAddress(hoursAgo - 120_000, 8);
    HttpResponse<String> r = post("offline-1", visit("CR-1", hoursAgo, east(5), "{\"type\": \"NO_CONTACT\", \"note\": \"nadie\"}"));
    assertEquals(201, r.statusCode(), r.body());
    assertEquals("VALID", new JsonObject(r.body()).getString("status"), r.body());

    HttpResponse<String> noTrack = post("offline-2", visit("CR-1", hoursAgo - 3 * 3_600_000L, east(5), "{\"type\": \"REFUSED\"}"));
    JsonObject rejected = new JsonObject(noTrack.body());
    assertEquals("REJECTED", rejected.getString("status"));
    assertEquals("no_track_near_check_in", rejected.getJsonObject("validation").getJsonArray("failures").getJsonObject(0).getString("reason"));

    HttpResponse<String> noAddress = post("offline-3", visit("CR-3", hoursAgo, east(5), "{\"type\": \"WRONG_ADDRESS\"}"));
    assertEquals("REJECTED", new JsonObject(noAddress.body()).getString("status"));
    assertTrue(noAddress.body().contains("no_address"));
  }

  @Test
  void badVisitsGetClearErrorsAndOnlyAgentsMaySubmit() throws Exception {
    long t = Devices.now() - 60_000;
    JsonObject ok = visit("CR-1", t, LON, "{\"type\": \"NO_CONTACT\"}");
    HttpResponse<String> noKey = post(null, ok);
    assertEquals(400, noKey.statusCode());
    assertTrue(noKey.body().contains("Idempotency-Key"));

    HttpResponse<String> bad = post("bad-1", visit("CR-1", t + 3_600_000, LON,
        "{\"type\": \"PAID\", \"amount\": \"-5\", \"currency\": \"XYZ\"}"));
    assertEquals(400, bad.statusCode());
    String error = new JsonObject(bad.body()).getString("error");
    assertTrue(error.contains("'checkIn.at'") && error.contains("in the future"), error);
    assertTrue(error.contains("'outcome.amount' must be positive"), error);
    assertTrue(error.contains("'outcome.currency' must be an ISO 4217 code"), error);
    assertTrue(error.contains("'outcome.receipt'"), error);

    assertEquals(400, post("bad-2", visit("CR-1", t, LON, "{\"type\": \"DANCED\"}")).statusCode());
    assertEquals(400, post("bad-3", new JsonObject().put("debtor", "CR-1")).statusCode());
    HttpResponse<String> unknown = post("bad-4", visit("NOBODY", t, LON, "{\"type\": \"NO_CONTACT\"}"));
    assertEquals(422, unknown.statusCode());
    assertTrue(unknown.body().contains("no debtor 'NOBODY'"));

    assertEquals(403, server.request("POST", "/api/visits", server.adminToken(), ok.encode()).statusCode());
    assertEquals(401, server.request("POST", "/api/auth/device", null,
        new JsonObject().put("agentId", "cobrador-1").put("deviceToken", "wrong").encode()).statusCode());
    assertEquals(404, server.request("GET", "/api/debtors/NOBODY/log", server.adminToken(), null).statusCode());
    assertEquals(404, server.request("GET", "/api/visits/123456", server.adminToken(), null).statusCode());
  }
}
