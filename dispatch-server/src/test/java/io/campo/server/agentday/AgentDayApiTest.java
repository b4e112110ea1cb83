package io.campo.server.agentday;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An agent's day two days ago: four debtors planned, the phone's two hours of fixes walking between
 * them, a paid visit, a promise checked in 400 m from the door (rejected), a no-contact at a drawn
 * polygon, one stop not visited, and a message in between.
 */
class AgentDayApiTest {

  static final double LAT = 19.4326;
  static final double LON = -99.1332;
  static final ZoneId ZONE = ZoneId.of("America/Mexico_City");
  static final LocalDate DAY = LocalDate.now(ZONE).minusDays(2);
  static final long T0 = DAY.atTime(LocalTime.of(10, 0)).atZone(ZONE).toInstant().toEpochMilli();
  static final int FIXES = 1200;
  static final long FIX_EVERY_MS = 6_000;
  static final List<String> DEBTORS = List.of("CR-PAID", "CR-PROM", "CR-NC", "CR-PEND");
  static TestServer server;
  static String agentJwt;
  static long planId;

  static double east(double meters) {
    return LON + meters / (111_320.0 * Math.cos(Math.toRadians(LAT)));
  }

  static double north(double meters) {
    return LAT + meters / 110_574.0;
  }

  /** Debtor k lives 300 m east of debtor k - 1. */
  static double addressLon(int k) {
    return east(300.0 * k);
  }

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    String deviceToken = server.createAgent("dia-1");
    server.createAgent("otro");
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", "")) {
      for (int k = 0; k < DEBTORS.size(); k++) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO debtor (external_id, name) VALUES (?, ?)")) {
          ps.setString(1, DEBTORS.get(k));
          ps.setString(2, "Deudor " + k);
          ps.executeUpdate();
        }
        String polygon = null;
        if (DEBTORS.get(k).equals("CR-NC")) {
          double w = east(300.0 * k - 60), e = east(300.0 * k + 60), s = north(-60), n = north(60);
          polygon = "{\"type\": \"Polygon\", \"coordinates\": [[[" + w + "," + s + "],[" + e + "," + s + "],[" + e + "," + n + "],["
              + w + "," + n + "],[" + w + "," + s + "]]]}";
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO address (debtor_id, lat, lon, radius_m, polygon)"
            + " SELECT id, ?, ?, 75, ?::jsonb FROM debtor WHERE external_id = ?")) {
          ps.setDouble(1, LAT);
          ps.setDouble(2, addressLon(k));
          ps.setString(3, polygon);
          ps.setString(4, DEBTORS.get(k));
          ps.executeUpdate();
        }
      }
      insertPlan(c, "done", 3_600, new JsonArray().add(route("dia-1", List.of("CR-PEND"))));
      planId = insertPlan(c, "done", 60, new JsonArray().add(route("otro", List.of("CR-PEND")))
          .add(route("dia-1", List.of("CR-PAID", "CR-PROM", "CR-NC", "CR-PEND", "lista-7"))));
      insertPlan(c, "failed", 10, null);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO agent_message (agent_id, text, sent_by, sent_at) VALUES ('dia-1', 'Vaya al 3', 'admin', ?)")) {
        ps.setTimestamp(1, new Timestamp(T0 + 45 * 60_000L));
        ps.executeUpdate();
      }
    }
    HttpResponse<String> login = server.request("POST", "/api/auth/device", null,
        new JsonObject().put("agentId", "dia-1").put("deviceToken", deviceToken).encode());
    agentJwt = new JsonObject(login.body()).getString("token");

    streamTheDay(deviceToken);
    visit("v-paid", "CR-PAID", 10, addressLon(0), "{\"type\": \"PAID\", \"amount\": \"500\", \"currency\": \"MXN\", \"receipt\": \"R-9\"}");
    visit("v-prom", "CR-PROM", 40, east(300 + 400), "{\"type\": \"PROMISE\", \"date\": \"2099-01-15\", \"amount\": \"800\", \"currency\": \"MXN\"}");
    visit("v-nc", "CR-NC", 70, addressLon(2), "{\"type\": \"NO_CONTACT\"}");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonObject route(String agent, List<String> visitIds) {
    JsonArray stops = new JsonArray();
    for (int i = 0; i < visitIds.size(); i++) {
      stops.add(new JsonObject().put("visitId", visitIds.get(i)).put("lat", LAT).put("lon", addressLon(i))
          .put("arrival", Instant.ofEpochMilli(T0 + i * 1_800_000L).toString()));
    }
    return new JsonObject().put("agentId", agent).put("departure", Instant.ofEpochMilli(T0).toString())
        .put("finish", Instant.ofEpochMilli(T0 + 7_200_000L).toString()).put("stops", stops)
        .put("geometry", new JsonObject().put("type", "LineString").put("coordinates", new JsonArray()
            .add(new JsonArray().add(LON).add(LAT)).add(new JsonArray().add(addressLon(3)).add(LAT))));
  }

  static long insertPlan(Connection c, String status, int finishedSecondsAgo, JsonArray routes) throws Exception {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO plan_job (plan_date, status, request, result, created_by, finished_at)"
        + " VALUES (?, ?, '{}', ?::jsonb, 'admin', now() - ? * interval '1 second') RETURNING id")) {
      ps.setObject(1, DAY);
      ps.setString(2, status);
      ps.setString(3, routes == null ? null : new JsonObject().put("routes", routes).encode());
      ps.setInt(4, finishedSecondsAgo);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Every 6 s for two hours: 20 minutes at each door, then 10 minutes walking 300 m east to the next. */
  static void streamTheDay(String deviceToken) throws Exception {
    Mqtt5AsyncClient phone = Devices.mqtt5(server.server.mqttPort(), "dia-1", deviceToken);
    for (int batch = 0; batch < 2; batch++) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = batch * FIXES / 2; i < (batch + 1) * FIXES / 2; i++) {
        int k = i / 300;
        int inSegment = i % 300;
        double meters = 300.0 * k + (k < 3 && inSegment >= 200 ? 300.0 * (inSegment - 200) / 100 : 0);
        double lat = LAT + (i % 2) * 1e-6;
        sb.append(i % (FIXES / 2) == 0 ? "" : ",").append("{\"ts\":").append(T0 + i * FIX_EVERY_MS).append(",\"lat\":").append(lat)
            .append(",\"lon\":").append(east(meters)).append(",\"acc\":6,\"bat\":").append(100 - i / 20).append(",\"chg\":false}");
      }
      phone.publishWith().topic(Devices.telemetryTopic("dia-1")).qos(Devices.QOS1)
          .payload(sb.append(']').toString().getBytes(StandardCharsets.UTF_8)).send().get(10, TimeUnit.SECONDS);
    }
    phone.disconnect().get();
    assertEquals(FIXES, server.count("SELECT count(*) FROM telemetry WHERE agent_id = 'dia-1'"));
  }

  static void visit(String key, String debtor, int minutes, double lon, String outcome) throws Exception {
    long at = T0 + minutes * 60_000L;
    JsonObject body = new JsonObject().put("debtor", debtor)
        .put("checkIn", new JsonObject().put("at", Instant.ofEpochMilli(at).toString()).put("lat", LAT).put("lon", lon).put("accuracy", 8))
        .put("checkOutAt", Instant.ofEpochMilli(at + 300_000).toString()).put("outcome", new JsonObject(outcome));
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/visits"))
        .header("Authorization", "Bearer " + agentJwt).header("Content-Type", "application/json").header("Idempotency-Key", key)
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(201, r.statusCode(), r.body());
  }

  static JsonObject get(String path) {
    HttpResponse<String> r = server.request("GET", path, server.adminToken(), null);
    assertEquals(200, r.statusCode(), path + " -> " + r.body());
    return new JsonObject(r.body());
  }

  @Test
  void theDayShowsTheNewestPlanWithEachStopColouredByItsVisitTheGeofencesAndTheTrail() {
    JsonObject day = get("/api/agents/dia-1/day?date=" + DAY);
    assertEquals("dia-1", day.getString("agentId"));
    assertEquals(DAY.toString(), day.getString("date"));
    assertEquals(planId, day.getLong("planId"), "the newest finished plan that routes this agent");
    JsonObject route = day.getJsonObject("route");
    assertEquals("LineString", route.getJsonObject("geometry").getString("type"));
    assertEquals(Instant.ofEpochMilli(T0).toString(), route.getString("departure"));
    JsonArray stops = route.getJsonArray("stops");
    assertEquals(List.of("paid", "rejected", "no_contact", "pending", "pending"),
        stops.stream().map(s -> ((JsonObject) s).getString("status")).collect(Collectors.toList()), stops.encodePrettily());
    assertEquals(List.of(1, 2, 3, 4, 5), stops.stream().map(s -> ((JsonObject) s).getInteger("seq")).collect(Collectors.toList()));

    JsonObject paid = stops.getJsonObject(0);
    assertEquals(new JsonObject().put("externalId", "CR-PAID").put("name", "Deudor 0"), paid.getJsonObject("debtor"));
    assertEquals("VALID", paid.getJsonObject("visit").getString("status"));
    assertEquals(new JsonArray(), paid.getJsonObject("visit").getJsonArray("failures"));
    assertEquals(LAT, paid.getDouble("lat"));
    assertNotNull(paid.getString("arrival"));

    JsonObject rejected = stops.getJsonObject(1).getJsonObject("visit");
    assertEquals("PROMISE", rejected.getString("outcome"));
    assertEquals("REJECTED", rejected.getString("status"));
    assertTrue(rejected.getJsonArray("failures").contains("check_in_outside_geofence"), rejected.encode());
    assertNull(stops.getJsonObject(3).getValue("visit"));
    assertNull(stops.getJsonObject(4).getValue("debtor"), "a listed visit that is no debtor of the portfolio");

    JsonArray features = day.getJsonObject("geofences").getJsonArray("features");
    assertEquals("FeatureCollection", day.getJsonObject("geofences").getString("type"));
    Map<String, JsonObject> byDebtor = features.stream().map(JsonObject.class::cast)
        .collect(Collectors.toMap(f -> f.getJsonObject("properties").getString("externalId"), f -> f));
    assertEquals(DEBTORS.stream().collect(Collectors.toSet()), byDebtor.keySet());
    assertEquals("Deudor 1", byDebtor.get("CR-PROM").getJsonObject("properties").getString("name"));
    assertEquals(25, ring(byDebtor.get("CR-PAID")).size(), "a circle drawn as a closed 24-gon");
    assertEquals(5, ring(byDebtor.get("CR-NC")).size(), "the drawn polygon as it was stored");

    JsonObject trail = day.getJsonObject("trail");
    assertEquals("LineString", trail.getString("type"));
    JsonArray coordinates = trail.getJsonArray("coordinates");
    // The walk runs along one street: what is left of 1200 fixes is its two ends and a few wobbles.
    assertTrue(coordinates.size() >= 2 && coordinates.size() < FIXES / 10, "simplified: " + coordinates.size());
    assertEquals(LON, coordinates.getJsonArray(0).getDouble(0), 1e-7);
    assertEquals(addressLon(3), coordinates.getJsonArray(coordinates.size() - 1).getDouble(0), 1e-6);
  }

  static JsonArray ring(JsonObject feature) {
    assertEquals("Polygon", feature.getJsonObject("geometry").getString("type"));
    return feature.getJsonObject("geometry").getJsonArray("coordinates").getJsonArray(0);
  }

  @Test
  void aDayWithoutAPlanOrFixesIsEmptyAndBadRequestsSayWhy() {
    JsonObject before = get("/api/agents/dia-1/day?date=" + DAY.minusDays(1));
    assertNull(before.getValue("planId"));
    assertNull(before.getValue("route"));
    assertEquals(0, before.getJsonObject("geofences").getJsonArray("features").size());
    assertEquals(0, before.getJsonObject("trail").getJsonArray("coordinates").size());
    assertEquals(LocalDate.now(ZONE).toString(), get("/api/agents/dia-1/day").getString("date"), "today in the agency's zone");

    assertEquals(404, server.request("GET", "/api/agents/nadie/day", server.adminToken(), null).statusCode());
    assertEquals(404, server.request("GET", "/api/agents/nadie/timeline", server.adminToken(), null).statusCode());
    HttpResponse<String> badDate = server.request("GET", "/api/agents/dia-1/day?date=27-11-2026", server.adminToken(), null);
    assertEquals(400, badDate.statusCode());
    assertTrue(badDate.body().contains("'date' must be a day like 2026-11-24"), badDate.body());
  }

  @Test
  void theTimelineSummarisesFixesDownsamplesTheBatteryAndOrdersVisitsAndMessages() {
    JsonObject timeline = get("/api/agents/dia-1/timeline?date=" + DAY);
    JsonObject fixes = timeline.getJsonObject("fixes");
    assertEquals(FIXES, fixes.getInteger("count"));
    assertEquals(Instant.ofEpochMilli(T0).toString(), fixes.getString("first"));
    assertEquals(Instant.ofEpochMilli(T0 + (FIXES - 1) * FIX_EVERY_MS).toString(), fixes.getString("last"));
    assertEquals(900, fixes.getInteger("distanceMeters"), 15, "three 300 m walks between the doors");

    JsonArray battery = timeline.getJsonArray("battery");
    assertEquals(200, battery.size(), "1200 readings downsampled");
    assertEquals(100, battery.getJsonObject(0).getInteger("level"));
    assertEquals(100 - (FIXES - 1) / 20, battery.getJsonObject(199).getInteger("level"));
    assertEquals(false, battery.getJsonObject(0).getBoolean("charging"));

    JsonArray events = timeline.getJsonArray("events");
    assertEquals(List.of("visit", "visit", "message", "visit"),
        events.stream().map(e -> ((JsonObject) e).getString("kind")).collect(Collectors.toList()), events.encodePrettily());
    JsonObject rejected = events.getJsonObject(1);
    assertEquals("CR-PROM", rejected.getString("debtor"));
    assertEquals("REJECTED", rejected.getString("status"));
    assertTrue(rejected.getJsonArray("failures").contains("check_in_outside_geofence"));
    assertEquals("Vaya al 3", events.getJsonObject(2).getJsonObject("message").getString("text"));
    assertEquals("NO_CONTACT", events.getJsonObject(3).getString("outcome"));
    for (int i = 1; i < events.size(); i++) {
      assertTrue(Instant.parse(events.getJsonObject(i).getString("t")).isAfter(Instant.parse(events.getJsonObject(i - 1).getString("t"))));
    }
  }
}
