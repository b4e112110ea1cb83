package io.campo.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpApiTest {

  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonObject error(HttpResponse<String> r) {
    return new JsonObject(r.body());
  }

  @Test
  void healthAndMetricsNeedNoLogin() {
    HttpResponse<String> health = server.request("GET", "/health", null, null);
    assertEquals(200, health.statusCode());
    // Vert.x's health-check format; /health answers as /health/ready.
    JsonObject ready = new JsonObject(health.body());
    assertEquals("UP", ready.getString("status"));
    assertTrue(ready.getJsonArray("checks").stream().map(JsonObject.class::cast)
        .anyMatch(c -> "database".equals(c.getString("id")) && "UP".equals(c.getString("status"))), ready.encode());
    HttpResponse<String> metrics = server.request("GET", "/metrics", null, null);
    assertEquals(200, metrics.statusCode());
    assertTrue(metrics.body().contains("campo_fixes_stored_total"));
    assertTrue(metrics.body().contains("campo_devices_connected"));
  }

  @Test
  void loginGivesATokenAndRefusesWrongOrMalformedCredentials() {
    HttpResponse<String> ok = server.request("POST", "/api/auth/login", null,
        new JsonObject().put("username", "admin").put("password", TestServer.ADMIN_PASSWORD).encode());
    assertEquals(200, ok.statusCode());
    assertEquals("admin", new JsonObject(ok.body()).getString("role"));
    assertEquals("America/Mexico_City", new JsonObject(ok.body()).getString("timeZone"), "the agency's zone, for the pages' dates");

    HttpResponse<String> wrong = server.request("POST", "/api/auth/login", null,
        new JsonObject().put("username", "admin").put("password", "guess").encode());
    assertEquals(401, wrong.statusCode());
    assertEquals("wrong username or password", error(wrong).getString("error"));
    assertEquals(401, server.request("POST", "/api/auth/login", null,
        new JsonObject().put("username", "nobody").put("password", "guess").encode()).statusCode());

    HttpResponse<String> notJson = server.request("POST", "/api/auth/login", null, "{not json");
    assertEquals(400, notJson.statusCode());
    assertEquals(400, server.request("POST", "/api/auth/login", null, "{\"username\": 5}").statusCode());
  }

  @Test
  void apiRoutesNeedAValidToken() {
    for (String path : new String[] {"/api/agents", "/api/agents/x/track"}) {
      assertEquals(401, server.request("GET", path, null, null).statusCode(), path);
      assertEquals(401, server.request("GET", path, "not-a-jwt", null).statusCode(), path);
    }
    assertEquals(401, server.request("POST", "/api/agents", null, "{}").statusCode());
  }

  @Test
  void creatingAgentsValidatesIdsAndRefusesDuplicates() {
    String token = server.adminToken();
    HttpResponse<String> created = server.request("POST", "/api/agents", token,
        new JsonObject().put("id", "ana-01").put("name", "Ana Pérez").encode());
    assertEquals(201, created.statusCode());
    JsonObject body = new JsonObject(created.body());
    assertEquals("Ana Pérez", body.getString("name"));
    assertTrue(body.getString("deviceToken").length() >= 40);
    assertEquals(0, server.count("SELECT count(*) FROM agent WHERE device_token_hash = '" + body.getString("deviceToken") + "'"),
        "the token is stored only hashed");

    HttpResponse<String> again = server.request("POST", "/api/agents", token, new JsonObject().put("id", "ana-01").encode());
    assertEquals(409, again.statusCode());
    assertTrue(error(again).getString("error").contains("already exists"));

    HttpResponse<String> badId = server.request("POST", "/api/agents", token, new JsonObject().put("id", "ana 01/x").encode());
    assertEquals(400, badId.statusCode());
    assertTrue(error(badId).getString("error").contains("invalid"));
    assertEquals(400, server.request("POST", "/api/agents", token, "[]").statusCode());
  }

  @Test
  void theAgentListShowsLatestPositionBatteryAndPresence() throws Exception {
    String device = server.createAgent("luis-02");
    Mqtt5AsyncClient c = Devices.mqtt5(server.server.mqttPort(), "luis-02", device);
    long t = Devices.now() - 1000;
    c.publishWith().topic(Devices.telemetryTopic("luis-02")).qos(Devices.QOS1).payload(Devices.fix(t, 19.43, -99.13, 1))
        .send().get(10, TimeUnit.SECONDS);
    JsonArray agents = new JsonArray(server.request("GET", "/api/agents", server.adminToken(), null).body());
    JsonObject luis = agents.stream().map(JsonObject.class::cast).filter(a -> a.getString("id").equals("luis-02")).findFirst().orElseThrow();
    assertEquals(19.43, luis.getDouble("lat"));
    assertEquals(-99.13, luis.getDouble("lon"));
    assertEquals(77, luis.getInteger("battery"));
    assertEquals(false, luis.getBoolean("charging"));
    assertEquals(Instant.ofEpochMilli(t).toString(), luis.getString("lastSeen"));
    assertTrue(luis.getBoolean("connected"));
    assertTrue(luis.getBoolean("online"));
    c.disconnect().get();

    server.createAgent("silent-03");
    agents = new JsonArray(server.request("GET", "/api/agents", server.adminToken(), null).body());
    JsonObject silent = agents.stream().map(JsonObject.class::cast).filter(a -> a.getString("id").equals("silent-03")).findFirst().orElseThrow();
    assertNull(silent.getValue("lastSeen"));
    assertFalse(silent.getBoolean("online"));
  }

  @Test
  void trackIsGeoJsonInDeviceTimeOrderWithinTheRange() throws Exception {
    String device = server.createAgent("track-04");
    Mqtt5AsyncClient c = Devices.mqtt5(server.server.mqttPort(), "track-04", device);
    long t0 = Devices.now() - 600_000;
    // Published newest first: the track must still come out oldest first.
    for (int i = 9; i >= 0; i--) {
      c.publishWith().topic(Devices.telemetryTopic("track-04")).qos(Devices.QOS1).payload(Devices.fix(t0 + i * 1000L, 19.0 + i, -99.0, i))
          .send().get(10, TimeUnit.SECONDS);
    }
    c.disconnect().get();
    String from = Instant.ofEpochMilli(t0 + 2000).toString();
    String to = Instant.ofEpochMilli(t0 + 7000).toString();
    HttpResponse<String> r = server.request("GET", "/api/agents/track-04/track?from=" + from + "&to=" + to, server.adminToken(), null);
    assertEquals(200, r.statusCode(), r.body());
    JsonObject feature = new JsonObject(r.body());
    assertEquals("Feature", feature.getString("type"));
    assertEquals("LineString", feature.getJsonObject("geometry").getString("type"));
    JsonArray coords = feature.getJsonObject("geometry").getJsonArray("coordinates");
    assertEquals(5, coords.size());
    assertEquals(-99.0, coords.getJsonArray(0).getDouble(0), "GeoJSON is [lon, lat]");
    assertEquals(21.0, coords.getJsonArray(0).getDouble(1));
    assertEquals(25.0, coords.getJsonArray(4).getDouble(1));
    JsonArray times = feature.getJsonObject("properties").getJsonObject("coordinateProperties").getJsonArray("times");
    assertEquals(from, times.getString(0));

    HttpResponse<String> epoch = server.request("GET", "/api/agents/track-04/track?from=" + (t0 + 2000) + "&to=" + (t0 + 7000),
        server.adminToken(), null);
    assertEquals(5, new JsonObject(epoch.body()).getJsonObject("geometry").getJsonArray("coordinates").size());
  }

  @Test
  void trackRejectsBadRangesAndUnknownAgents() {
    String token = server.adminToken();
    server.createAgent("range-05");
    HttpResponse<String> bad = server.request("GET", "/api/agents/range-05/track?from=yesterday", token, null);
    assertEquals(400, bad.statusCode());
    assertTrue(error(bad).getString("error").contains("'from' must be an ISO-8601"));
    HttpResponse<String> reversed = server.request("GET",
        "/api/agents/range-05/track?from=2026-11-22T10:00:00Z&to=2026-11-22T09:00:00Z", token, null);
    assertEquals(400, reversed.statusCode());
    assertTrue(error(reversed).getString("error").contains("must be before"));
    assertEquals(400, server.request("GET", "/api/agents/range-05/track?from=2026-01-01T00:00:00Z&to=2026-11-22T00:00:00Z",
        token, null).statusCode());
    HttpResponse<String> unknown = server.request("GET", "/api/agents/ghost/track", token, null);
    assertEquals(404, unknown.statusCode());
    assertEquals("no agent 'ghost'", error(unknown).getString("error"));
  }

  @Test
  void hugeBodiesAndUnknownRoutesGetClearErrors() {
    String huge = "{\"id\": \"" + "x".repeat(11 * 1024 * 1024) + "\"}";
    HttpResponse<String> r = server.request("POST", "/api/agents", server.adminToken(), huge);
    assertEquals(413, r.statusCode());
    HttpResponse<String> missing = server.request("GET", "/api/nothing-here", server.adminToken(), null);
    assertEquals(404, missing.statusCode());
    assertNotEquals("", error(missing).getString("error"));
  }

  @Test
  void servesTheMapPageAndLeafletWithoutLogin() {
    HttpResponse<String> page = server.request("GET", "/", null, null);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<html lang=\"es\">"));
    assertEquals(200, server.request("GET", "/vendor/leaflet/leaflet.js", null, null).statusCode());
    assertEquals(200, server.request("GET", "/vendor/leaflet/images/marker-icon.png", null, null).statusCode());
  }
}
