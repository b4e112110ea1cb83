package io.campo.server.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.campo.server.http.Roles;
import io.campo.server.live.LiveSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A running day watched end to end: a plan of today for two agents of two teams, their phones' fixes over real MQTT
 * (20 minutes parked 500 m off the route on a dying battery, then walking back along the route past a debtor's door), a
 * visit over HTTP; every alert raised once — on the live feed, in {@code GET /api/alerts}, by e-mail to a real SMTP
 * server — and cleared when its condition ends; the arrival and departure at the door stored and on the feed.
 */
class WatchTheDayTest {

  static final double LAT = 19.4326;
  static final double LON = -99.1332;
  static final ZoneId ZONE = ZoneId.of("America/Mexico_City");
  static final String NORTE = "w-norte";
  static final String SUR = "w-sur";
  static final String SUPERVISOR = "supervisora.norte@agencia.example";

  static TestServer server;
  static GreenMail smtp;
  static Vertx vertx;
  static String norteToken;
  static String surToken;
  static String norteDevice;
  static String surDevice;
  static String norteJwt;
  static long start;

  static double east(double meters) {
    return LON + meters / (111_320.0 * Math.cos(Math.toRadians(LAT)));
  }

  static double north(double meters) {
    return LAT + meters / 110_574.0;
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @BeforeAll
  static void startServer() throws Exception {
    start = Devices.now();
    int smtpPort = freePort();
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    Map<String, String> env = new HashMap<>(TestServer.env(TestServer.freshDatabaseUrl()));
    env.put("CAMPO_WATCH_INTERVAL_SECONDS", "1");
    env.put("CAMPO_ALERT_EMAIL", "on");
    env.put("CAMPO_SMTP_HOST", "127.0.0.1");
    env.put("CAMPO_SMTP_PORT", Integer.toString(smtpPort));
    env.put("CAMPO_SMTP_STARTTLS", "disabled");
    env.put("CAMPO_SMTP_FROM", "campo@agencia.example");
    server = TestServer.start(env);
    vertx = Vertx.vertx();
    norteToken = server.officeUserInTeam("desp-norte", Roles.DISPATCHER, "norte");
    surToken = server.officeUserInTeam("desp-sur", Roles.DISPATCHER, "sur");
    norteDevice = createAgent(NORTE, "norte", SUPERVISOR);
    surDevice = createAgent(SUR, "sur", null);
    HttpResponse<String> login = server.request("POST", "/api/auth/device", null,
        new JsonObject().put("agentId", NORTE).put("deviceToken", norteDevice).encode());
    norteJwt = new JsonObject(login.body()).getString("token");

    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", "")) {
      debtor(c, "D1", LAT, east(1000));
      debtor(c, "D2", LAT, east(2000));
      debtor(c, "D3", LAT, east(3000));
      debtor(c, "D4", north(5000), LON);
      insertPlan(c);
    }
    assertEquals(4, server.server.features().watch().reloadGeofences());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (vertx != null) {
      vertx.close();
    }
    smtp.stop();
  }

  static String createAgent(String id, String team, String supervisorEmail) {
    JsonObject body = new JsonObject().put("id", id).put("name", "Agente " + id).put("team", team);
    if (supervisorEmail != null) {
      body.put("supervisorEmail", supervisorEmail);
    }
    HttpResponse<String> r = server.request("POST", "/api/agents", server.adminToken(), body.encode());
    assertEquals(201, r.statusCode(), r.body());
    return new JsonObject(r.body()).getString("deviceToken");
  }

  static void debtor(Connection c, String id, double lat, double lon) throws Exception {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO debtor (external_id, name) VALUES (?, ?)")) {
      ps.setString(1, id);
      ps.setString(2, "Deudor " + id);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO address (debtor_id, lat, lon, radius_m)"
        + " SELECT id, ?, ?, 75 FROM debtor WHERE external_id = ?")) {
      ps.setDouble(1, lat);
      ps.setDouble(2, lon);
      ps.setString(3, id);
      ps.executeUpdate();
    }
  }

  static JsonObject stop(String id, double lat, double lon, long arrival) {
    return new JsonObject().put("visitId", id).put("lat", lat).put("lon", lon).put("arrival", Devices.iso(arrival))
        .put("serviceStart", Devices.iso(arrival)).put("departure", Devices.iso(arrival + 600_000));
  }

  static JsonArray line(double[]... points) {
    JsonArray coordinates = new JsonArray();
    for (double[] p : points) {
      coordinates.add(new JsonArray().add(p[0]).add(p[1]));
    }
    return coordinates;
  }

  /**
   * Today's plan, as a planning job stores it: {@code w-norte} drives east along the parallel past D1, D2 (whose
   * window closed ten minutes ago) and D3; {@code w-sur} walks to D4.
   */
  static void insertPlan(Connection c) throws Exception {
    long now = Devices.now();
    JsonObject request = new JsonObject().put("date", LocalDate.now(ZONE).toString())
        .put("agents", new JsonArray().add(new JsonObject().put("id", NORTE).put("profile", "car"))
            .add(new JsonObject().put("id", SUR).put("profile", "foot")))
        .put("visits", new JsonArray().add(new JsonObject().put("id", "D2").put("windows", new JsonArray()
            .add(new JsonObject().put("start", Devices.iso(now - 3_600_000)).put("end", Devices.iso(now - 600_000))))));
    JsonObject norte = new JsonObject().put("agentId", NORTE).put("departure", Devices.iso(now - 3_600_000))
        .put("finish", Devices.iso(now + 4 * 3_600_000))
        .put("stops", new JsonArray().add(stop("D1", LAT, east(1000), now - 1_800_000))
            .add(stop("D2", LAT, east(2000), now - 1_200_000)).add(stop("D3", LAT, east(3000), now)))
        .put("geometry", new JsonObject().put("type", "LineString")
            .put("coordinates", line(new double[] {LON, LAT}, new double[] {east(3000), LAT})));
    JsonObject sur = new JsonObject().put("agentId", SUR).put("departure", Devices.iso(now - 3_600_000))
        .put("finish", Devices.iso(now + 3_600_000))
        .put("stops", new JsonArray().add(stop("D4", north(5000), LON, now + 600_000)))
        .put("geometry", new JsonObject().put("type", "LineString")
            .put("coordinates", line(new double[] {LON, north(4000)}, new double[] {LON, north(5000)})));
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO plan_job (plan_date, status, request, result, created_by, finished_at)"
        + " VALUES (?, 'done', ?::jsonb, ?::jsonb, 'admin', now())")) {
      ps.setObject(1, LocalDate.now(ZONE));
      ps.setString(2, request.encode());
      ps.setString(3, new JsonObject().put("routes", new JsonArray().add(norte).add(sur)).encode());
      ps.executeUpdate();
    }
  }

  static String fix(long ts, double lat, double lon, int battery) {
    return "{\"ts\":" + ts + ",\"lat\":" + lat + ",\"lon\":" + lon + ",\"acc\":8,\"bat\":" + battery + ",\"chg\":false}";
  }

  static void publish(String agent, String token, List<String> fixes) throws Exception {
    Mqtt5AsyncClient phone = Devices.mqtt5(server.server.mqttPort(), agent, token);
    try {
      phone.publishWith().topic(Devices.telemetryTopic(agent)).qos(Devices.QOS1)
          .payload(("[" + String.join(",", fixes) + "]").getBytes(StandardCharsets.UTF_8)).send().get(10, TimeUnit.SECONDS);
    } finally {
      phone.disconnect().get(10, TimeUnit.SECONDS);
    }
  }

  static JsonArray alerts(String token, String query) {
    HttpResponse<String> r = server.request("GET", "/api/alerts" + query, token, null);
    assertEquals(200, r.statusCode(), r.body());
    JsonObject body = new JsonObject(r.body());
    assertEquals("America/Mexico_City", body.getString("timeZone"));
    return body.getJsonArray("alerts");
  }

  static Set<String> keys(JsonArray alerts) {
    Set<String> keys = new TreeSet<>();
    alerts.forEach(a -> {
      JsonObject o = (JsonObject) a;
      keys.add(o.getString("agentId") + ":" + o.getString("kind") + (o.getString("subject") == null ? "" : "/" + o.getString("subject")));
    });
    return keys;
  }

  static Set<String> awaitOpen(String token, Set<String> wanted) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    Set<String> open;
    do {
      open = keys(alerts(token, ""));
      if (open.equals(wanted)) {
        return open;
      }
      Thread.sleep(200);
    } while (System.currentTimeMillis() < deadline);
    return open;
  }

  /** Every event the socket received, kept so that waiting for one does not lose the others. */
  static final class Feed {
    final LiveSocket socket;
    final List<JsonObject> events = new ArrayList<>();

    Feed(LiveSocket socket) {
      this.socket = socket;
    }

    JsonObject await(Predicate<JsonObject> wanted) throws InterruptedException {
      long deadline = System.currentTimeMillis() + 20_000;
      while (true) {
        for (JsonObject e : events) {
          if (wanted.test(e)) {
            return e;
          }
        }
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          throw new AssertionError("no such event within 20 s; seen: " + events.stream().map(e -> e.getString("type"))
              .collect(Collectors.toCollection(TreeSet::new)));
        }
        JsonObject m = socket.next(x -> true, left).message();
        if ("frame".equals(m.getString("type"))) {
          m.getJsonArray("events", new JsonArray()).forEach(e -> events.add((JsonObject) e));
        }
      }
    }
  }

  static Predicate<JsonObject> alertEvent(String type, String agent, String kind) {
    return e -> type.equals(e.getString("type")) && agent.equals(e.getJsonObject("alert").getString("agentId"))
        && kind.equals(e.getJsonObject("alert").getString("kind"));
  }

  @Test
  void everyAlertIsRaisedOnceOnTheFeedInTheListAndByEmailThenClearedWhenItsConditionEnds() throws Exception {
    try (LiveSocket norteLive = LiveSocket.connect(vertx, server.server.httpPort(), norteToken)) {
      norteLive.send("{\"type\":\"viewport\",\"bbox\":null}");
      Feed feed = new Feed(norteLive);
      long now = Devices.now();
      // Parked 500 m north of the route, 640 m from D1, for 20 minutes, on 10 % of battery.
      List<String> parked = new ArrayList<>();
      for (long t = now - 25 * 60_000; t <= now - 5 * 60_000; t += 30_000) {
        parked.add(fix(t, north(500) + (t / 30_000 % 2) * 1e-5, east(500), 10));
      }
      publish(NORTE, norteDevice, parked);
      publish(SUR, surDevice, List.of(fix(now - 60_000, north(4500), LON, 5)));

      Set<String> expected = Set.of(NORTE + ":idle", NORTE + ":late/D2", NORTE + ":low_battery", NORTE + ":off_route");
      assertEquals(expected, awaitOpen(norteToken, expected), "the norte dispatcher sees the four alerts of its agent only");
      assertEquals(Set.of(SUR + ":low_battery"), awaitOpen(surToken, Set.of(SUR + ":low_battery")));
      Set<String> all = new TreeSet<>(expected);
      all.add(SUR + ":low_battery");
      assertEquals(all, keys(alerts(server.adminToken(), "")));

      JsonObject late = feed.await(alertEvent("alert", NORTE, "late"));
      assertEquals("D2", late.getJsonObject("alert").getString("subject"));
      assertTrue(late.getJsonObject("alert").getJsonObject("detail").getLong("lateMinutes") >= 10, late.encode());
      JsonObject offRoute = feed.await(alertEvent("alert", NORTE, "off_route")).getJsonObject("alert").getJsonObject("detail");
      assertEquals(500, offRoute.getLong("meters"), 5, offRoute.encode());
      JsonObject idle = feed.await(alertEvent("alert", NORTE, "idle")).getJsonObject("alert").getJsonObject("detail");
      assertTrue(idle.getLong("minutes") >= 20, idle.encode());
      assertEquals(10, feed.await(alertEvent("alert", NORTE, "low_battery")).getJsonObject("alert").getJsonObject("detail")
          .getInteger("percent"));
      JsonObject eta = feed.await(e -> "eta".equals(e.getString("type")) && NORTE.equals(e.getString("agentId")));
      assertEquals(List.of("D1", "D2", "D3"), eta.getJsonArray("stops").stream().map(s -> ((JsonObject) s).getString("visitId")).toList());
      assertEquals("straight-line", eta.getString("source"), "no roads in this test server");
      List<Instant> etas = eta.getJsonArray("stops").stream().map(s -> Instant.parse(((JsonObject) s).getString("eta"))).toList();
      assertTrue(etas.get(0).isAfter(Instant.ofEpochMilli(now)) && etas.get(1).isAfter(etas.get(0)) && etas.get(2).isAfter(etas.get(1)),
          etas.toString());

      // No storm: the conditions still hold tick after tick, and each alert stays one row.
      Thread.sleep(3_000);
      assertEquals(4, server.count("SELECT count(*) FROM day_alert WHERE agent_id = '" + NORTE + "'"));
      assertTrue(smtp.waitForIncomingEmail(15_000, 4), "four alert e-mails");
      List<MimeMessage> mails = Arrays.stream(smtp.getReceivedMessages()).toList();
      assertEquals(4, mails.size(), "one e-mail per alert raised, none for the agent without a supervisor");
      for (MimeMessage m : mails) {
        assertEquals(SUPERVISOR, m.getAllRecipients()[0].toString());
        assertTrue(m.getSubject().startsWith("Alerta: Agente " + NORTE), m.getSubject());
      }
      List<String> subjects = new ArrayList<>();
      for (MimeMessage m : mails) {
        subjects.add(m.getSubject());
      }
      assertTrue(subjects.stream().anyMatch(s -> s.contains("llegará tarde a D2")), subjects.toString());

      // Back to the route and along it, past D1's door, charged; then the visit to D2.
      List<String> walk = new ArrayList<>();
      long t = now - 4 * 60_000;
      for (double m = 500; m >= 0; m -= 50, t += 5_000) {
        walk.add(fix(t, north(m), east(500), 60));
      }
      for (double m = 500; m <= 1400; m += 30, t += 5_000) {
        walk.add(fix(t, LAT, east(m), 60));
      }
      publish(NORTE, norteDevice, walk);
      HttpResponse<String> visit = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/visits"))
          .header("Authorization", "Bearer " + norteJwt).header("Content-Type", "application/json").header("Idempotency-Key", "v-d2")
          .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("debtor", "D2")
              .put("checkIn", new JsonObject().put("at", Devices.iso(t)).put("lat", LAT).put("lon", east(2000)).put("accuracy", 8))
              .put("outcome", new JsonObject().put("type", "NO_CONTACT")).encode())).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(201, visit.statusCode(), visit.body());

      assertEquals(Set.of(), awaitOpen(norteToken, Set.of()), "every condition ended");
      for (String kind : List.of("late", "off_route", "idle", "low_battery")) {
        assertNotNull(feed.await(alertEvent("alert.cleared", NORTE, kind)).getJsonObject("alert").getString("clearedAt"), kind);
      }
      String since = URLEncoder.encode(Instant.ofEpochMilli(start).toString(), StandardCharsets.UTF_8);
      JsonArray history = alerts(norteToken, "?since=" + since);
      assertEquals(expected, keys(history), "the cleared ones, listed with ?since");
      history.forEach(a -> assertNotNull(((JsonObject) a).getString("clearedAt"), a.toString()));
      assertEquals(Set.of(SUR + ":low_battery"), keys(alerts(surToken, "")), "another agent's alert is not cleared by this one's day");

      // The door of D1: one arrival, one departure, stored and on the feed.
      JsonObject arrival = feed.await(e -> "geofence.arrival".equals(e.getString("type"))).getJsonObject("event");
      assertEquals("D1", arrival.getJsonObject("debtor").getString("externalId"));
      assertEquals(NORTE, arrival.getString("agentId"));
      assertEquals(east(1000 - 75), arrival.getDouble("lon"), east(30) - LON, "at the edge of the 75 m circle");
      JsonObject departure = feed.await(e -> "geofence.departure".equals(e.getString("type"))).getJsonObject("event");
      assertEquals("D1", departure.getJsonObject("debtor").getString("externalId"));
      assertTrue(Instant.parse(departure.getString("at")).isAfter(Instant.parse(arrival.getString("at"))));
      assertEquals(List.of("arrival:D1", "departure:D1"), storedDoorEvents());

      // The phone sends the walk again (its PUBACK was lost): nothing is recorded twice.
      publish(NORTE, norteDevice, walk);
      Thread.sleep(1_000);
      assertEquals(List.of("arrival:D1", "departure:D1"), storedDoorEvents());
      assertEquals(4, server.count("SELECT count(*) FROM day_alert WHERE agent_id = '" + NORTE + "'"), "no alert raised again");
      assertTrue(feed.events.stream().noneMatch(e -> e.getJsonArray("agents", new JsonArray()).contains(SUR)),
          "the norte dispatcher's feed carries nothing about the sur agent");
    }
  }

  static List<String> storedDoorEvents() throws Exception {
    List<String> events = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", "");
        PreparedStatement ps = c.prepareStatement("SELECT e.kind, d.external_id FROM geofence_event e JOIN debtor d ON d.id = e.debtor_id"
            + " WHERE e.agent_id = ? ORDER BY e.at")) {
      ps.setString(1, NORTE);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          events.add(rs.getString(1) + ":" + rs.getString(2));
        }
      }
    }
    return events;
  }

  @Test
  void theListRefusesAMalformedOrTooDistantSinceAndAgentsTokens() {
    HttpResponse<String> malformed = server.request("GET", "/api/alerts?since=yesterday", norteToken, null);
    assertEquals(400, malformed.statusCode());
    assertTrue(malformed.body().contains("ISO-8601"), malformed.body());
    String old = URLEncoder.encode(Instant.now().minusSeconds(8 * 86_400).toString(), StandardCharsets.UTF_8);
    HttpResponse<String> tooOld = server.request("GET", "/api/alerts?since=" + old, norteToken, null);
    assertEquals(400, tooOld.statusCode());
    assertTrue(tooOld.body().contains("at most 7 days"), tooOld.body());
    assertEquals(403, server.request("GET", "/api/alerts", norteJwt, null).statusCode(), "an agent's token");
  }
}
