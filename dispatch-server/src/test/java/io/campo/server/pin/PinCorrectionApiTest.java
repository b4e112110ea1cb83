package io.campo.server.pin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Address-pin corrections end to end: an agent proposes for a debtor of its recent plans, a dispatcher of the debtor's
 * team decides, and only an approval moves the geofence that visits are judged against.
 */
class PinCorrectionApiTest {

  static final double LAT = 19.4326;
  static final double LON = -99.1332;
  /** Where the house really is: 400 m east of the imported pin, far outside its 75 m circle. */
  static final double TRUE_LON = east(400);
  static TestServer server;
  static String deviceToken;
  static String agentJwt;
  static String otherAgentJwt;
  static String norte;
  static String sur;

  static double east(double meters) {
    return LON + meters / (111_320.0 * Math.cos(Math.toRadians(LAT)));
  }

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    norte = server.officeUserInTeam("pin-dispatcher-norte", "dispatcher", "pin-norte");
    sur = server.officeUserInTeam("pin-dispatcher-sur", "dispatcher", "pin-sur");
    deviceToken = server.createAgent("pin-agent", "pin-norte");
    String otherToken = server.createAgent("pin-other", "pin-norte");
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("INSERT INTO debtor (external_id, name, team_id) VALUES ('CR-P1', 'Rosa Díaz', 'pin-norte'),"
          + " ('CR-P2', 'Luis Mora', 'pin-norte'), ('CR-P3', 'Ana Gil', 'pin-norte'), ('CR-NOPLAN', 'Sin Plan', 'pin-norte'),"
          + " ('CR-OLD', 'Plan Viejo', 'pin-norte'), ('CR-OTHER', 'De Otro', 'pin-norte')");
      s.execute("INSERT INTO address (debtor_id, lat, lon, radius_m) SELECT id, " + LAT + ", " + LON + ", 75 FROM debtor"
          + " WHERE external_id LIKE 'CR-%'");
      s.execute("UPDATE address SET polygon = '{\"type\":\"Polygon\",\"coordinates\":[[[" + LON + "," + LAT + "],[" + east(30) + ","
          + LAT + "],[" + east(30) + "," + (LAT + 0.0003) + "],[" + LON + "," + LAT + "]]]}'"
          + " WHERE debtor_id = (SELECT id FROM debtor WHERE external_id = 'CR-P3')");
    }
    LocalDate today = LocalDate.now(ZoneId.of("America/Mexico_City"));
    plan(today, route("pin-agent", "CR-P1", "CR-P3"), route("pin-other", "CR-OTHER"));
    plan(today.minusDays(3), route("pin-agent", "CR-P2"));
    plan(today.minusDays(8), route("pin-agent", "CR-OLD"));
    agentJwt = deviceLogin("pin-agent", deviceToken);
    otherAgentJwt = deviceLogin("pin-other", otherToken);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String deviceLogin(String agent, String token) {
    HttpResponse<String> r = server.request("POST", "/api/auth/device", null,
        new JsonObject().put("agentId", agent).put("deviceToken", token).encode());
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body()).getString("token");
  }

  static JsonObject route(String agent, String... debtors) {
    JsonArray stops = new JsonArray();
    for (String d : debtors) {
      stops.add(new JsonObject().put("visitId", d).put("lat", LAT).put("lon", LON));
    }
    return new JsonObject().put("agentId", agent).put("stops", stops);
  }

  static void plan(LocalDate date, JsonObject... routes) throws Exception {
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", "");
        PreparedStatement ps = c.prepareStatement("INSERT INTO plan_job (plan_date, status, request, result, created_by, finished_at)"
            + " VALUES (?, 'done', '{}', ?::jsonb, 'admin', now())")) {
      ps.setObject(1, date);
      ps.setString(2, new JsonObject().put("routes", new JsonArray(List.of((Object[]) routes))).encode());
      ps.executeUpdate();
    }
  }

  static long addressOf(String debtor) throws Exception {
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", "");
        PreparedStatement ps = c.prepareStatement("SELECT a.id FROM address a JOIN debtor d ON d.id = a.debtor_id WHERE d.external_id = ?")) {
      ps.setString(1, debtor);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static double[] pinOf(String debtor) throws Exception {
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", "");
        PreparedStatement ps = c.prepareStatement("SELECT a.lat, a.lon, a.polygon IS NOT NULL FROM address a JOIN debtor d"
            + " ON d.id = a.debtor_id WHERE d.external_id = ?")) {
      ps.setString(1, debtor);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new double[] {rs.getDouble(1), rs.getDouble(2), rs.getBoolean(3) ? 1 : 0};
      }
    }
  }

  static JsonObject proposal(String debtor, double lon) throws Exception {
    return new JsonObject().put("debtor", debtor).put("addressId", addressOf(debtor)).put("lat", LAT).put("lon", lon)
        .put("accuracyMeters", 7.5).put("note", "la casa azul, a cuatro cuadras");
  }

  static HttpResponse<String> post(String path, String jwt, String key, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
        .header("Authorization", "Bearer " + jwt).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("Idempotency-Key", key);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> propose(String key, JsonObject body) throws Exception {
    return post("/api/me/address-corrections", agentJwt, key, body.encode());
  }

  /** The agent's phone at the true house: {@code minutes} of fixes every 30 s. */
  static void stayAtTheTrueHouse(long fromMillis, int minutes) throws Exception {
    Mqtt5AsyncClient phone = Devices.mqtt5(server.server.mqttPort(), "pin-agent", deviceToken);
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i <= minutes * 2; i++) {
      if (i > 0) batch.append(',');
      batch.append(Devices.fixJson(fromMillis + i * 30_000L, LAT + (i % 3) * 2e-6, TRUE_LON + (i % 2) * 2e-6, i));
    }
    phone.publishWith().topic(Devices.telemetryTopic("pin-agent")).qos(Devices.QOS1)
        .payload(batch.append(']').toString().getBytes(StandardCharsets.UTF_8)).send().get(10, TimeUnit.SECONDS);
    phone.disconnect().get();
  }

  static JsonObject visitAtTheTrueHouse(String key, long checkInMillis) throws Exception {
    JsonObject body = new JsonObject().put("debtor", "CR-P1")
        .put("checkIn", new JsonObject().put("at", Instant.ofEpochMilli(checkInMillis).toString()).put("lat", LAT).put("lon", TRUE_LON)
            .put("accuracy", 8))
        .put("checkOutAt", Instant.ofEpochMilli(checkInMillis + 300_000).toString())
        .put("outcome", new JsonObject().put("type", "NO_CONTACT"));
    HttpResponse<String> r = post("/api/visits", agentJwt, key, body.encode());
    assertEquals(201, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  static List<String> logKinds(String debtor) {
    JsonArray entries = new JsonObject(server.request("GET", "/api/debtors/" + debtor + "/log", server.adminToken(), null).body())
        .getJsonArray("entries");
    return entries.stream().map(e -> ((JsonObject) e).getString("kind")).toList();
  }

  @Test
  void theGeofenceMovesOnlyOnApprovalAndVisitsAreJudgedOnTheNewPinAfterwards() throws Exception {
    long t = Devices.now() - 20 * 60_000;
    stayAtTheTrueHouse(t - 120_000, 12);

    HttpResponse<String> proposed = propose("pin-key-1", proposal("CR-P1", TRUE_LON));
    assertEquals(201, proposed.statusCode(), proposed.body());
    JsonObject correction = new JsonObject(proposed.body());
    assertEquals("pending", correction.getString("status"));
    assertEquals("pin-agent", correction.getString("agentId"));
    assertEquals(400, correction.getLong("distanceMeters"), 2);
    long id = correction.getLong("id");
    assertEquals(LON, pinOf("CR-P1")[1], 1e-9, "a proposal moves nothing");

    JsonObject before = visitAtTheTrueHouse("pin-visit-before", t);
    assertEquals("REJECTED", before.getString("status"), "judged on the old pin: " + before.encodePrettily());

    HttpResponse<String> hidden = post("/api/address-corrections/" + id + "/approve", sur, null, "{}");
    assertEquals(404, hidden.statusCode(), "a dispatcher of another team: " + hidden.body());
    assertEquals(LON, pinOf("CR-P1")[1], 1e-9);

    HttpResponse<String> approved = post("/api/address-corrections/" + id + "/approve", norte, null, "{}");
    assertEquals(200, approved.statusCode(), approved.body());
    JsonObject decided = new JsonObject(approved.body());
    assertEquals("approved", decided.getString("status"));
    assertEquals("pin-dispatcher-norte", decided.getString("decidedBy"));
    assertEquals(TRUE_LON, pinOf("CR-P1")[1], 1e-9, "the pin moved on approval");

    JsonObject after = visitAtTheTrueHouse("pin-visit-after", t + 60_000);
    assertEquals("VALID", after.getString("status"), "judged on the new pin: " + after.encodePrettily());
    assertEquals("REJECTED", new JsonObject(server.request("GET", "/api/visits/" + before.getLong("id"), server.adminToken(), null)
        .body()).getString("status"), "a visit judged before the move keeps its verdict");

    HttpResponse<String> again = post("/api/address-corrections/" + id + "/approve", norte, null, "{}");
    assertEquals(409, again.statusCode(), again.body());
    assertTrue(again.body().contains("already approved by pin-dispatcher-norte"), again.body());
    assertEquals(409, post("/api/address-corrections/" + id + "/reject", server.adminToken(), null,
        "{\"reason\": \"demasiado tarde\"}").statusCode());

    List<String> kinds = logKinds("CR-P1");
    assertTrue(kinds.contains("pin_proposed") && kinds.contains("pin_approved"), kinds.toString());
    assertTrue(kinds.indexOf("pin_approved") > kinds.indexOf("pin_proposed"), kinds.toString());
  }

  @Test
  void aRejectionKeepsThePinAndTellsWhy() throws Exception {
    HttpResponse<String> proposed = propose("pin-key-reject", proposal("CR-P2", east(200)));
    assertEquals(201, proposed.statusCode(), proposed.body() + " (CR-P2 was planned 3 days ago)");
    long id = new JsonObject(proposed.body()).getLong("id");
    assertEquals(400, post("/api/address-corrections/" + id + "/reject", norte, null, "{}").statusCode(), "a reason is required");
    assertEquals(400, post("/api/address-corrections/" + id + "/reject", norte, null, "{\"reason\": \"no\"}").statusCode());
    assertEquals(404, post("/api/address-corrections/" + id + "/reject", sur, null, "{\"reason\": \"no es mío\"}").statusCode());
    HttpResponse<String> rejected = post("/api/address-corrections/" + id + "/reject", norte, null,
        "{\"reason\": \"el contrato dice esta casa; el agente fue a la vecina\"}");
    assertEquals(200, rejected.statusCode(), rejected.body());
    JsonObject r = new JsonObject(rejected.body());
    assertEquals("rejected", r.getString("status"));
    assertEquals("el contrato dice esta casa; el agente fue a la vecina", r.getString("reason"));
    assertEquals(LON, pinOf("CR-P2")[1], 1e-9, "the pin stays");
    assertEquals(409, post("/api/address-corrections/" + id + "/approve", norte, null, "{}").statusCode());
    assertEquals(LON, pinOf("CR-P2")[1], 1e-9);
    assertTrue(logKinds("CR-P2").contains("pin_rejected"), logKinds("CR-P2").toString());
  }

  @Test
  void approvingReplacesADrawnPolygonByTheCircleAroundTheNewPinAndTheLogKeepsIt() throws Exception {
    assertEquals(1, pinOf("CR-P3")[2]);
    HttpResponse<String> proposed = propose(null, proposal("CR-P3", east(150)));
    assertEquals(201, proposed.statusCode(), proposed.body());
    long id = new JsonObject(proposed.body()).getLong("id");
    assertEquals(200, post("/api/address-corrections/" + id + "/approve", server.adminToken(), null, "{}").statusCode());
    double[] pin = pinOf("CR-P3");
    assertEquals(east(150), pin[1], 1e-9);
    assertEquals(0, pin[2], "the polygon drawn around the wrong place is gone");
    JsonArray entries = new JsonObject(server.request("GET", "/api/debtors/CR-P3/log", server.adminToken(), null).body())
        .getJsonArray("entries");
    JsonObject approval = entries.stream().map(e -> (JsonObject) e).filter(e -> e.getString("kind").equals("pin_approved"))
        .findFirst().orElseThrow();
    assertEquals("Polygon", approval.getJsonObject("details").getJsonObject("droppedPolygon").getString("type"));
    assertEquals(LON, approval.getJsonObject("details").getJsonObject("from").getDouble("lon"), 1e-9);
  }

  @Test
  void aRetryIsTheSameProposalAndAReusedKeyIsRefused() throws Exception {
    JsonObject body = proposal("CR-P1", east(390));
    HttpResponse<String> first = propose("pin-key-retry", body);
    assertEquals(201, first.statusCode(), first.body());
    HttpResponse<String> retry = propose("pin-key-retry", body);
    assertEquals(200, retry.statusCode(), retry.body());
    assertEquals(new JsonObject(first.body()).getLong("id"), new JsonObject(retry.body()).getLong("id"));
    HttpResponse<String> reused = propose("pin-key-retry", proposal("CR-P1", east(10)));
    assertEquals(409, reused.statusCode(), reused.body());
    assertTrue(reused.body().contains("already used for a different correction"), reused.body());
    assertEquals(1, server.count("SELECT count(*) FROM address_correction WHERE idempotency_key = 'pin-key-retry'"));
    HttpResponse<String> unkeyed = propose(null, body);
    assertEquals(201, unkeyed.statusCode(), "without a key each call is a new proposal");
    assertNotEquals(new JsonObject(first.body()).getLong("id"), new JsonObject(unkeyed.body()).getLong("id"));
  }

  @Test
  void onlyTheAgentsOwnRecentDebtorsAndTheirOwnAddressesCanBeCorrected() throws Exception {
    long before = server.count("SELECT count(*) FROM address_correction");
    for (String debtor : List.of("CR-NOPLAN", "CR-OLD", "CR-OTHER")) {
      HttpResponse<String> r = propose(null, proposal(debtor, east(100)));
      assertEquals(404, r.statusCode(), debtor + ": " + r.body());
      assertTrue(r.body().contains("no debtor '" + debtor + "' on your plans of today or the last 7 days"), r.body());
    }
    HttpResponse<String> unknown = propose(null, proposal("CR-P1", east(100)).put("debtor", "CR-NADIE"));
    assertEquals(404, unknown.statusCode(), "an unknown debtor reads as one not planned: " + unknown.body());
    HttpResponse<String> foreignAddress = propose(null, proposal("CR-P1", east(100)).put("addressId", addressOf("CR-OTHER")));
    assertEquals(404, foreignAddress.statusCode(), foreignAddress.body());
    assertTrue(foreignAddress.body().contains("has no active address"), foreignAddress.body());
    HttpResponse<String> otherAgent = post("/api/me/address-corrections", otherAgentJwt, null, proposal("CR-P1", east(100)).encode());
    assertEquals(404, otherAgent.statusCode(), "CR-P1 is not on pin-other's plans: " + otherAgent.body());
    assertEquals(201, post("/api/me/address-corrections", otherAgentJwt, null, proposal("CR-OTHER", east(100)).encode()).statusCode());
    assertEquals(before + 1, server.count("SELECT count(*) FROM address_correction"), "nothing stored for the refused ones");
  }

  @Test
  void badInputIsRefusedWithItsReasonAndStoresNothing() throws Exception {
    long before = server.count("SELECT count(*) FROM address_correction");
    HttpResponse<String> coarse = propose(null, proposal("CR-P1", east(100)).put("accuracyMeters", 80));
    assertEquals(400, coarse.statusCode());
    assertTrue(coarse.body().contains("accurate to 80 m only") && coarse.body().contains("50 m"), coarse.body());
    assertEquals(400, propose(null, proposal("CR-P1", east(100)).put("lat", 200)).statusCode());
    assertEquals(400, propose(null, proposal("CR-P1", east(100)).put("lon", "oeste")).statusCode());
    assertEquals(400, propose(null, proposal("CR-P1", east(100)).put("lat", 0).put("lon", 0)).statusCode());
    assertEquals(400, propose(null, proposal("CR-P1", east(100)).put("note", "x".repeat(10_000))).statusCode());
    assertEquals(400, post("/api/me/address-corrections", agentJwt, null, "not json").statusCode());
    assertEquals(400, post("/api/me/address-corrections", agentJwt, null, "[1, 2]").statusCode());
    assertEquals(400, propose("k".repeat(129), proposal("CR-P1", east(100))).statusCode(), "an oversized Idempotency-Key");
    assertEquals(before, server.count("SELECT count(*) FROM address_correction"));
    assertEquals(404, post("/api/address-corrections/abc/approve", norte, null, "{}").statusCode());
    assertEquals(404, post("/api/address-corrections/99999999/approve", norte, null, "{}").statusCode());
    assertEquals(400, server.request("GET", "/api/address-corrections?status=maybe", norte, null).statusCode());
  }

  @Test
  void theListIsScopedByTheDebtorsTeam() throws Exception {
    HttpResponse<String> proposed = propose(null, proposal("CR-P1", east(380)));
    assertEquals(201, proposed.statusCode(), proposed.body());
    long id = new JsonObject(proposed.body()).getLong("id");
    JsonArray mine = new JsonArray(server.request("GET", "/api/address-corrections?status=pending", norte, null).body());
    assertTrue(mine.stream().anyMatch(c -> ((JsonObject) c).getLong("id") == id), mine.encodePrettily());
    assertTrue(mine.stream().allMatch(c -> ((JsonObject) c).getString("status").equals("pending")));
    JsonArray theirs = new JsonArray(server.request("GET", "/api/address-corrections", sur, null).body());
    assertEquals(0, theirs.size(), "pending by default, and none of another team's debtors: " + theirs.encodePrettily());
    JsonArray all = new JsonArray(server.request("GET", "/api/address-corrections?status=pending", server.adminToken(), null).body());
    assertTrue(all.stream().anyMatch(c -> ((JsonObject) c).getLong("id") == id), "an admin sees every team's");
    assertEquals(403, server.request("GET", "/api/address-corrections", agentJwt, null).statusCode());
  }
}
