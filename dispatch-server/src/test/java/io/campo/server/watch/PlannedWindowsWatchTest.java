package io.campo.server.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.campo.server.http.Roles;
import io.campo.server.live.LiveSocket;
import io.campo.server.planning.DemoCityPlanning;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The windows a plan was made with reach the day's watch through the real path: plans computed by the planner over HTTP
 * on the demo city's roads (one drawn from the portfolio with a window learned from the debtor's contact history, one of
 * several days), the phones' fixes over MQTT, the {@code late} alert on the alerts API and the live feed. The windows
 * are the current local hour (or the next): an agent at the door is in time for it, one 40 km away cannot be.
 *
 * <p>The server runs on the real clock (the phones' fixes are judged against it), so the test picks the agency's zone
 * instead: one in which it is mid-morning now, whatever the time of day in UTC. The window, the shift around it (4 h
 * before, 5 h after) and the contact history (3 h before) then all fall inside one local day; with America/Mexico_City
 * the window crossed midnight when the test ran between 23:00 and 24:00 there, and the plan had no such hour.
 */
class PlannedWindowsWatchTest {

  static final double LAT = 19.4326;
  static final double LON = -99.1332;
  /** Mid-morning local time when the test starts; a fixed offset, so no daylight-saving change moves its hours. */
  static final ZoneId ZONE = zoneWhereItIsNow(10);
  /** 40 km north: past the demo city's roads (straight-line legs), about 2.7 h away by car, past any window of the test. */
  static final double FAR_LAT = LAT + 40_000 / 110_574.0;

  @TempDir static Path dataDir;
  static TestServer server;
  static Vertx vertx;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.startWithDemoCity(dataDir, Map.of("CAMPO_WATCH_INTERVAL_SECONDS", "1", "CAMPO_TIME_ZONE", ZONE.getId()));
    vertx = Vertx.vertx();
    server.awaitRoads();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (vertx != null) {
      vertx.close();
    }
  }

  /** The whole-hour UTC offset at which the local hour is now {@code localHour}. */
  static ZoneId zoneWhereItIsNow(int localHour) {
    int utcHour = ZonedDateTime.now(ZoneOffset.UTC).getHour();
    return ZoneOffset.ofHours(Math.floorMod(localHour - utcHour + 12, 24) - 12);
  }

  /**
   * The window the test's debtor is learned to answer in: the current local hour, or the next one in the last quarter of
   * an hour (the test's passes take under a minute each, so the window never closes during the test).
   */
  record Hour(Instant start, Instant end) {
    static Hour now() {
      ZonedDateTime now = ZonedDateTime.now(ZONE);
      ZonedDateTime h = now.truncatedTo(ChronoUnit.HOURS).plusHours(now.getMinute() >= 45 ? 1 : 0);
      return new Hour(h.toInstant(), h.plusHours(1).toInstant());
    }
  }

  static String createAgent(String id, String team) {
    HttpResponse<String> r = server.request("POST", "/api/agents", server.adminToken(),
        new JsonObject().put("id", id).put("name", "Agente " + id).put("team", team).encode());
    assertEquals(201, r.statusCode(), r.body());
    return new JsonObject(r.body()).getString("deviceToken");
  }

  static String deviceJwt(String agent, String deviceToken) {
    HttpResponse<String> login = server.request("POST", "/api/auth/device", null,
        new JsonObject().put("agentId", agent).put("deviceToken", deviceToken).encode());
    assertEquals(200, login.statusCode(), login.body());
    return new JsonObject(login.body()).getString("token");
  }

  static void publish(String agent, String token, double lat, double lon, long at) throws Exception {
    Mqtt5AsyncClient phone = Devices.mqtt5(server.server.mqttPort(), agent, token);
    try {
      String fix = "{\"ts\":" + at + ",\"lat\":" + lat + ",\"lon\":" + lon + ",\"acc\":8,\"bat\":80,\"chg\":false}";
      phone.publishWith().topic(Devices.telemetryTopic(agent)).qos(Devices.QOS1)
          .payload(("[" + fix + "]").getBytes(StandardCharsets.UTF_8)).send().get(10, TimeUnit.SECONDS);
    } finally {
      phone.disconnect().get(10, TimeUnit.SECONDS);
    }
  }

  static JsonObject awaitPlan(long id, String token) throws InterruptedException {
    JsonObject job = DemoCityPlanning.awaitPlan(server, id, token);
    assertEquals("done", job.getString("status"), job.encodePrettily());
    return job;
  }

  /** The open {@code late} alerts of an agent, by subject. */
  static Map<String, JsonObject> openLate(String token, String agent) {
    HttpResponse<String> r = server.request("GET", "/api/alerts", token, null);
    assertEquals(200, r.statusCode(), r.body());
    Map<String, JsonObject> late = new HashMap<>();
    new JsonObject(r.body()).getJsonArray("alerts").forEach(a -> {
      JsonObject alert = (JsonObject) a;
      if (agent.equals(alert.getString("agentId")) && "late".equals(alert.getString("kind"))) {
        late.put(alert.getString("subject"), alert);
      }
    });
    return late;
  }

  static JsonObject onlyStop(JsonObject plan, String agent) {
    JsonObject route = plan.getJsonObject("result").getJsonArray("routes").stream().map(JsonObject.class::cast)
        .filter(r -> agent.equals(r.getString("agentId"))).findFirst().orElseThrow(() -> new AssertionError(plan.encodePrettily()));
    assertEquals(1, route.getJsonArray("stops").size(), route.encodePrettily());
    return route.getJsonArray("stops").getJsonObject(0);
  }

  static JsonObject window(Instant start, Instant end) {
    return new JsonObject().put("start", start.toString()).put("end", end.toString());
  }

  /** Contact history straight into the table: {@code count} visits on the same weekday of past weeks at a local time. */
  static void history(String debtor, ZonedDateTime at, String outcome, int count) throws Exception {
    for (int week = 1; week <= count; week++) {
      DemoCityPlanning.visit(server, "historia", debtor, at.minusWeeks(week).toOffsetDateTime(), outcome, new JsonObject());
    }
  }

  @Test
  void aPortfolioPlanCarriesItsLearnedWindowsToTheWatchTheAgentsDayAndTheReplan() throws Exception {
    String team = "ventanas";
    String dispatcher = server.officeUserInTeam("desp-ventanas", Roles.DISPATCHER, team);
    String agent = "w-ventanas";
    String device = createAgent(agent, team);
    double doorLat = LAT + 0.002;
    double doorLon = LON + 0.002;
    HttpResponse<String> imported = server.request("POST", "/api/debtors/import", server.adminToken(), new JsonArray()
        .add(new JsonObject().put("id", "VL-1").put("name", "Deudora con horario").put("segment", "ventanas-prueba")
            .put("lat", doorLat).put("lon", doorLon).put("product", "nómina").put("contract", "K-VL-1").put("currency", "MXN")
            .put("principal", "3000").put("balance", "3000").put("due_date", "2026-10-01").put("team", team)).encode());
    assertEquals(200, imported.statusCode(), imported.body());
    Hour hour = Hour.now();
    ZonedDateTime local = hour.start().atZone(ZONE);
    // Reached at this hour on this weekday for four weeks, never three hours earlier: the learned window is this hour.
    history("VL-1", local.plusMinutes(30), "PAID", 4);
    history("VL-1", local.minusHours(3).plusMinutes(10), "NO_CONTACT", 4);

    Instant shiftStart = hour.start().minus(4, ChronoUnit.HOURS);
    Instant shiftEnd = hour.start().plus(5, ChronoUnit.HOURS);
    JsonObject body = new JsonObject().put("date", LocalDate.now(ZONE).toString()).put("timeLimitSeconds", 1).put("team", team)
        .put("agents", new JsonArray().add(new JsonObject().put("id", agent).put("profile", "car")
            .put("shiftStart", shiftStart.toString()).put("shiftEnd", shiftEnd.toString())
            .put("start", new JsonObject().put("lat", LAT).put("lon", LON))))
        .put("portfolio", new JsonObject().put("segment", "ventanas-prueba"));
    HttpResponse<String> accepted = server.request("POST", "/api/plans", dispatcher, body.encode());
    assertEquals(202, accepted.statusCode(), accepted.body());
    assertEquals(1, new JsonObject(accepted.body()).getInteger("learnedWindows"), accepted.body());
    long planId = new JsonObject(accepted.body()).getLong("id");
    JsonObject stop = onlyStop(awaitPlan(planId, dispatcher), agent);
    assertEquals("VL-1", stop.getString("visitId"));
    assertEquals(new JsonArray().add(window(hour.start(), hour.end())), stop.getJsonArray("windows"),
        "the learned window, with the plan result: " + stop.encodePrettily());
    assertEquals(window(hour.start(), hour.end()), stop.getJsonObject("window"), "the one the service start is in");

    // The agent's own day shows the window too.
    HttpResponse<String> day = server.request("GET", "/api/me/day", deviceJwt(agent, device), null);
    assertEquals(200, day.statusCode(), day.body());
    assertEquals(window(hour.start(), hour.end()), new JsonObject(day.body()).getJsonArray("stops").getJsonObject(0).getJsonObject("window"));

    try (LiveSocket live = LiveSocket.connect(vertx, server.server.httpPort(), dispatcher)) {
      live.send("{\"type\":\"viewport\",\"bbox\":null}");
      WatchTheDayTest.Feed feed = new WatchTheDayTest.Feed(live);

      // 300 m from the door: in time for the window, so the ETA says so and no late alert is raised, pass after pass.
      long now = Devices.now();
      publish(agent, device, LAT, LON, now - 20_000);
      JsonObject inTime = feed.await(e -> "eta".equals(e.getString("type")) && agent.equals(e.getString("agentId"))
          && e.getJsonObject("from").getDouble("lat") == LAT);
      assertEquals(planId, inTime.getLong("planId"));
      JsonObject eta = inTime.getJsonArray("stops").getJsonObject(0);
      assertEquals("VL-1", eta.getString("visitId"));
      assertNotNull(eta.getLong("lateSeconds"), "the watch knows the stop's window: " + inTime.encode());
      assertTrue(eta.getLong("lateSeconds") < 0, inTime.encode());
      int seen = feed.events.size();
      feed.await(e -> feed.events.indexOf(e) >= seen && "eta".equals(e.getString("type")) && agent.equals(e.getString("agentId")));
      assertEquals(Map.of(), openLate(dispatcher, agent), "in time: no late alert");
      assertTrue(feed.events.stream().noneMatch(e -> "alert".equals(e.getString("type"))
          && "late".equals(e.getJsonObject("alert").getString("kind"))), "nor one on the feed");

      // A re-plan from here carries the window into its result, and the watch follows the re-plan.
      HttpResponse<String> replan = server.request("POST", "/api/plans/" + planId + "/replan", dispatcher, null);
      assertEquals(202, replan.statusCode(), replan.body());
      long replanId = new JsonObject(replan.body()).getLong("id");
      JsonObject again = onlyStop(awaitPlan(replanId, dispatcher), agent);
      assertEquals("VL-1", again.getString("visitId"));
      assertEquals(new JsonArray().add(window(hour.start(), hour.end())), again.getJsonArray("windows"), again.encodePrettily());
      feed.await(e -> "eta".equals(e.getString("type")) && agent.equals(e.getString("agentId")) && e.getLong("planId") == replanId);
      assertEquals(Map.of(), openLate(dispatcher, agent), "still in time");

      // Forty kilometres away: the window closes before the agent can be there.
      publish(agent, device, FAR_LAT, LON, Devices.now());
      JsonObject raised = feed.await(WatchTheDayTest.alertEvent("alert", agent, "late")).getJsonObject("alert");
      assertEquals("VL-1", raised.getString("subject"));
      assertEquals(hour.end().toString(), raised.getJsonObject("detail").getString("windowEnd"), raised.encode());
      assertTrue(raised.getJsonObject("detail").getLong("lateMinutes") > 5, raised.encode());
      assertEquals(List.of("VL-1"), List.copyOf(openLate(dispatcher, agent).keySet()), "on the alerts API");
    }
  }

  @Test
  void ofAPlanOfSeveralDaysTheWatchFollowsOnlyTodaysStopsWithTodaysWindows() throws Exception {
    String team = "dias";
    String dispatcher = server.officeUserInTeam("desp-dias", Roles.DISPATCHER, team);
    String agent = "w-dias";
    String device = createAgent(agent, team);
    Hour hour = Hour.now();
    LocalDate today = LocalDate.now(ZONE);
    // The same local hour yesterday, today and tomorrow: each visit can be made on its own day only.
    JsonArray visits = new JsonArray();
    Map<String, JsonObject> windowOf = new HashMap<>();
    String[] ids = {"MD-ayer", "MD-hoy", "MD-manana"};
    for (int d = -1; d <= 1; d++) {
      ZonedDateTime start = hour.start().atZone(ZONE).plusDays(d);
      JsonObject w = window(start.toInstant(), start.plusHours(1).toInstant());
      windowOf.put(ids[d + 1], w);
      visits.add(new JsonObject().put("id", ids[d + 1]).put("lat", LAT + 0.001 * (d + 2)).put("lon", LON + 0.002)
          .put("serviceMinutes", 10).put("windows", new JsonArray().add(w)));
    }
    JsonObject body = new JsonObject().put("date", today.minusDays(1).toString()).put("days", 3).put("timeLimitSeconds", 1)
        .put("team", team).put("agents", new JsonArray().add(new JsonObject().put("id", agent).put("profile", "car")
            .put("shiftStart", "00:00").put("shiftEnd", "23:59").put("start", new JsonObject().put("lat", LAT).put("lon", LON))))
        .put("visits", visits);
    HttpResponse<String> accepted = server.request("POST", "/api/plans", dispatcher, body.encode());
    assertEquals(202, accepted.statusCode(), accepted.body());
    JsonArray days = new JsonObject(accepted.body()).getJsonArray("days");
    assertEquals(3, days.size(), accepted.body());
    long todaysPlan = 0;
    for (int d = 0; d < 3; d++) {
      JsonObject job = awaitPlan(days.getJsonObject(d).getLong("id"), dispatcher);
      assertEquals(today.plusDays(d - 1).toString(), job.getString("date"));
      JsonObject stop = onlyStop(job, agent);
      assertEquals(ids[d], stop.getString("visitId"), "each visit on its own day");
      assertEquals(new JsonArray().add(windowOf.get(ids[d])), stop.getJsonArray("windows"));
      if (d == 1) {
        todaysPlan = job.getLong("id");
      }
    }

    try (LiveSocket live = LiveSocket.connect(vertx, server.server.httpPort(), dispatcher)) {
      live.send("{\"type\":\"viewport\",\"bbox\":null}");
      WatchTheDayTest.Feed feed = new WatchTheDayTest.Feed(live);
      publish(agent, device, FAR_LAT, LON, Devices.now());
      long watched = todaysPlan;
      JsonObject eta = feed.await(e -> "eta".equals(e.getString("type")) && agent.equals(e.getString("agentId")));
      assertEquals(watched, eta.getLong("planId"), "today's plan of the three: " + eta.encode());
      assertEquals(List.of("MD-hoy"), eta.getJsonArray("stops").stream().map(x -> ((JsonObject) x).getString("visitId")).toList());
      JsonObject raised = feed.await(WatchTheDayTest.alertEvent("alert", agent, "late")).getJsonObject("alert");
      assertEquals("MD-hoy", raised.getString("subject"));
      assertEquals(hour.end().toString(), raised.getJsonObject("detail").getString("windowEnd"), "today's window, not another day's");
      feed.await(e -> feed.events.indexOf(e) > feed.events.indexOf(eta) && "eta".equals(e.getString("type"))
          && agent.equals(e.getString("agentId")));
      assertEquals(List.of("MD-hoy"), List.copyOf(openLate(dispatcher, agent).keySet()), "nothing about yesterday or tomorrow");
    }
  }
}
