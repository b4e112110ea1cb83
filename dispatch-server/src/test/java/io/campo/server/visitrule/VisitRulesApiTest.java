package io.campo.server.visitrule;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Visit rules set through the API judge real visits: a rural segment with a 300 m radius accepts what the default
 * rejects, a product's longer dwell rejects what the default accepts, each visit records the rules that judged it and
 * keeps them when the rules change, and bad rules are refused with nothing changed.
 */
class VisitRulesApiTest {

  static final double LAT = -33.4489;
  static final double LON = -70.6693;
  static TestServer server;
  static String deviceToken;
  static String agentJwt;
  static String admin;

  static double east(double meters) {
    return LON + meters / (111_320.0 * Math.cos(Math.toRadians(LAT)));
  }

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    admin = server.adminToken();
    deviceToken = server.createAgent("rural-1");
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("INSERT INTO debtor (external_id, name, segment) VALUES ('RU-1', 'Campo Abierto', 'rural'),"
          + " ('UR-1', 'Ciudad Centro', 'urbano'), ('PR-1', 'Agro Pyme', NULL)");
      s.execute("INSERT INTO address (debtor_id, lat, lon, radius_m) SELECT id, " + LAT + ", " + LON + ", 75 FROM debtor");
      s.execute("INSERT INTO debt (debtor_id, external_id, product, currency, principal, balance, due_date)"
          + " SELECT id, 'K-' || external_id, CASE external_id WHEN 'PR-1' THEN 'agro' ELSE 'consumo' END, 'CLP', 100000,"
          + " 50000, current_date - 10 FROM debtor");
    }
    HttpResponse<String> login = server.request("POST", "/api/auth/device", null,
        new JsonObject().put("agentId", "rural-1").put("deviceToken", deviceToken).encode());
    assertEquals(200, login.statusCode(), login.body());
    agentJwt = new JsonObject(login.body()).getString("token");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The agent waits {@code minutes} {@code metersEast} of the address, a fix every 30 s with GPS jitter. */
  static void stay(long fromMillis, int minutes, double metersEast) throws Exception {
    Mqtt5AsyncClient phone = Devices.mqtt5(server.server.mqttPort(), "rural-1", deviceToken);
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i <= minutes * 2; i++) {
      batch.append(i == 0 ? "" : ",").append(Devices.fixJson(fromMillis + i * 30_000L, LAT + (i % 3) * 2e-6,
          east(metersEast + (i % 2)), i));
    }
    phone.publishWith().topic(Devices.telemetryTopic("rural-1")).qos(Devices.QOS1)
        .payload(batch.append(']').toString().getBytes(StandardCharsets.UTF_8)).send().get(10, TimeUnit.SECONDS);
    phone.disconnect().get();
  }

  static JsonObject visit(String key, String debtor, long checkInMillis, double metersEast) throws Exception {
    JsonObject body = new JsonObject().put("debtor", debtor)
        .put("checkIn", new JsonObject().put("at", Instant.ofEpochMilli(checkInMillis).toString()).put("lat", LAT)
            .put("lon", east(metersEast)).put("accuracy", 8))
        .put("checkOutAt", Instant.ofEpochMilli(checkInMillis + 300_000).toString())
        .put("outcome", new JsonObject().put("type", "NO_CONTACT"));
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/visits"))
        .header("Authorization", "Bearer " + agentJwt).header("Content-Type", "application/json")
        .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
    HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(201, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  static List<String> reasons(JsonObject visit) {
    List<String> out = new ArrayList<>();
    visit.getJsonObject("validation").getJsonArray("failures").forEach(f -> out.add(((JsonObject) f).getString("reason")));
    return out;
  }

  static HttpResponse<String> putRules(String json) {
    return server.request("PUT", "/api/visit-rules", admin, json);
  }

  @Test
  void ruralRadiusProductDwellRecordedRulesAndOldVisitsKeptAsJudged() throws Exception {
    JsonObject builtIn = new JsonObject(server.request("GET", "/api/visit-rules", admin, null).body());
    assertEquals(0, builtIn.getLong("version"));
    assertEquals(120, builtIn.getJsonObject("default").getInteger("dwellSeconds"));
    assertEquals(5, builtIn.getJsonObject("default").getInteger("mockIdenticalFixes"));

    HttpResponse<String> put = putRules("{\"overrides\": [{\"segment\": \"rural\", \"radiusMeters\": 300},"
        + " {\"product\": \"agro\", \"dwellSeconds\": 600}]}");
    assertEquals(200, put.statusCode(), put.body());
    long version = new JsonObject(put.body()).getLong("version");
    assertTrue(version >= 1);
    assertEquals("admin", new JsonObject(put.body()).getString("createdBy"));

    // 200 m from the door: outside the default 75 m circle, inside the rural 300 m one.
    long t1 = Devices.now() - 100 * 60_000;
    stay(t1 - 120_000, 8, 200);
    JsonObject urban = visit("urban-200", "UR-1", t1, 200);
    assertEquals("REJECTED", urban.getString("status"), urban.encodePrettily());
    assertTrue(reasons(urban).contains("check_in_outside_geofence"), reasons(urban).toString());
    assertEquals(new JsonArray().add("default"), urban.getJsonObject("validation").getJsonObject("ruleSet").getJsonArray("applied"));

    long t2 = Devices.now() - 60 * 60_000;
    stay(t2 - 120_000, 8, 200);
    JsonObject rural = visit("rural-200", "RU-1", t2, 200);
    assertEquals("VALID", rural.getString("status"), rural.encodePrettily());
    JsonObject shown = new JsonObject(server.request("GET", "/api/visits/" + rural.getLong("id"), admin, null).body());
    JsonObject ruleSet = shown.getJsonObject("ruleSet");
    assertEquals(version, ruleSet.getLong("version"));
    assertEquals(new JsonArray().add("default").add("segment:rural"), ruleSet.getJsonArray("applied"));
    assertEquals(300.0, ruleSet.getJsonObject("values").getDouble("radiusMeters"));
    assertEquals(120, ruleSet.getJsonObject("values").getInteger("dwellSeconds"));

    // Eight minutes at the door: enough by default, not for the agro product's ten.
    long t3 = Devices.now() - 20 * 60_000;
    stay(t3 - 120_000, 8, 5);
    JsonObject agro = visit("agro-dwell", "PR-1", t3, 5);
    assertEquals("REJECTED", agro.getString("status"), agro.encodePrettily());
    assertEquals(List.of("insufficient_dwell"), reasons(agro));
    assertEquals(new JsonArray().add("default").add("product:agro"), agro.getJsonObject("validation").getJsonObject("ruleSet").getJsonArray("applied"));

    // A rural visit recorded before its track arrives awaits it, judged by the rules of its time.
    long t4 = Devices.now() - 140 * 60_000;
    JsonObject waiting = visit("rural-late", "RU-1", t4, 200);
    assertEquals(List.of("no_track_near_check_in"), reasons(waiting));

    // New rules never re-judge the visits already judged: the rural visit stays valid, by the version that judged it.
    HttpResponse<String> stricter = putRules("{\"default\": {\"radiusMeters\": 50}}");
    assertEquals(200, stricter.statusCode(), stricter.body());
    assertEquals(version + 1, new JsonObject(stricter.body()).getLong("version"));
    JsonObject again = new JsonObject(server.request("GET", "/api/visits/" + rural.getLong("id"), admin, null).body());
    assertEquals("VALID", again.getString("status"));
    assertEquals(version, again.getJsonObject("ruleSet").getLong("version"));
    // Its track arrives under the new rules (no rural override, 50 m): judged again by the rules it was recorded with.
    stay(t4 - 120_000, 8, 200);
    String path = "/api/visits/" + waiting.getLong("id");
    long deadline = System.currentTimeMillis() + 15_000;
    JsonObject late = new JsonObject(server.request("GET", path, admin, null).body());
    while (!"VALID".equals(late.getString("status")) && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      late = new JsonObject(server.request("GET", path, admin, null).body());
    }
    assertEquals("VALID", late.getString("status"), late.encodePrettily());
    assertEquals(version, late.getJsonObject("ruleSet").getLong("version"));
    assertEquals(300.0, late.getJsonObject("ruleSet").getJsonObject("values").getDouble("radiusMeters"));

    JsonObject now = new JsonObject(server.request("GET", "/api/visit-rules", admin, null).body());
    assertEquals(50.0, now.getJsonObject("default").getDouble("radiusMeters"));
    assertEquals(0, now.getJsonArray("overrides").size());
  }

  @Test
  void badRulesAreRefusedWithTheirReasonAndNothingChanges() {
    String before = server.request("GET", "/api/visit-rules", admin, null).body();
    String[][] cases = {
        {"{\"default\": {\"radiusMeters\": -5}}", "default.radiusMeters must be a number from 5 to 5000"},
        {"{\"default\": {\"dwellSeconds\": 100000}}", "default.dwellSeconds must be a whole number from 0 to 3600"},
        {"{\"default\": {\"dwellSeconds\": 90.5}}", "default.dwellSeconds must be a whole number"},
        {"{\"default\": {\"maxSpeedKmh\": \"fast\"}}", "default.maxSpeedKmh must be a number"},
        {"{\"default\": {\"radius\": 300}}", "unknown rule 'radius'"},
        {"{\"defaults\": {}}", "unknown member 'defaults'"},
        {"{\"overrides\": [{\"segment\": \"rural\", \"product\": \"agro\", \"radiusMeters\": 300}]}", "exactly one"},
        {"{\"overrides\": [{\"segment\": \"rural\"}]}", "changes no value"},
        {"{\"overrides\": [{\"segment\": \"rural\", \"radiusMeters\": 300}, {\"segment\": \"rural\", \"dwellSeconds\": 60}]}",
            "has an override already"},
        {"{\"overrides\": {\"segment\": \"rural\"}}", "'overrides' must be a list"},
        {"[]", "must be a JSON object"},
    };
    for (String[] c : cases) {
      HttpResponse<String> r = putRules(c[0]);
      assertEquals(400, r.statusCode(), c[0] + " -> " + r.body());
      assertTrue(r.body().contains(c[1]), c[0] + " -> " + r.body());
    }
    assertEquals(before, server.request("GET", "/api/visit-rules", admin, null).body(), "a refused body changes nothing");
  }
}
