package io.campo.server.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Planning through the HTTP API on a small generated demo city, with the plan arriving on a device. */
class PlanApiTest {

  static final double LAT = 19.4326;
  static final double LON = -99.1332;
  /** Plans drawn from the portfolio are one team's; an admin names it. */
  static final String TEAM = "centro";
  @TempDir static Path dataDir;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.startWithDemoCity(dataDir);
    assertEquals(201, server.request("POST", "/api/teams", server.adminToken(), new JsonObject().put("id", TEAM).encode()).statusCode());
    server.awaitRoads();
    JsonObject roads = new JsonObject(server.request("GET", "/health/ready", null, null).body()).getJsonArray("checks").stream()
        .map(JsonObject.class::cast).filter(c -> "road-network".equals(c.getString("id"))).findFirst().orElseThrow();
    assertEquals("ready", roads.getJsonObject("data").getString("planning"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonObject agent(String id) {
    return new JsonObject().put("id", id).put("profile", "motorcycle").put("shiftStart", "08:00").put("shiftEnd", "17:00")
        .put("start", new JsonObject().put("lat", LAT).put("lon", LON))
        .put("break", new JsonObject().put("earliest", "13:00").put("latest", "14:00").put("minutes", 30));
  }

  static JsonObject visit(String id, double lat, double lon) {
    return new JsonObject().put("id", id).put("lat", lat).put("lon", lon).put("serviceMinutes", 15).put("value", 1000)
        .put("windows", new JsonArray().add(new JsonObject().put("start", "09:00").put("end", "16:00")));
  }

  JsonObject awaitPlan(long id) throws InterruptedException {
    return DemoCityPlanning.awaitPlan(server, id, server.adminToken());
  }

  @Test
  void aPlannedDayHasRoutesOnTheRoadsReasonsForWhatDidNotFitAndReachesTheDevice() throws Exception {
    String token = server.createAgent("ruta-1");
    server.createAgent("ruta-2");
    BlockingQueue<Mqtt5Publish> plans = new LinkedBlockingQueue<>();
    Mqtt5AsyncClient phone = MqttClient.builder().useMqttVersion5().identifier("ruta-1-phone").serverHost("127.0.0.1")
        .serverPort(server.server.mqttPort()).simpleAuth().username("ruta-1").password(token.getBytes(StandardCharsets.UTF_8))
        .applySimpleAuth().buildAsync();
    phone.connect().get(10, TimeUnit.SECONDS);
    phone.subscribeWith().topicFilter("campo/agents/ruta-1/plan").qos(Devices.QOS1).callback(plans::add).send().get(10, TimeUnit.SECONDS);

    Random random = new Random(3);
    JsonArray visits = new JsonArray();
    for (int i = 0; i < 16; i++) {
      visits.add(visit("v" + i, LAT + (random.nextDouble() - 0.5) * 0.02, LON + (random.nextDouble() - 0.5) * 0.02));
    }
    visits.add(visit("far-away", 20.6, -103.3));
    visits.add(visit("needs-notary", LAT + 0.001, LON).put("skills", new JsonArray().add("notary")));
    // windows on another day than the plan's: explained, not dropped from the plan unseen
    visits.add(visit("next-week", LAT + 0.002, LON).put("windows", new JsonArray().add(new JsonObject()
        .put("start", "2026-12-08T09:00:00-06:00").put("end", "2026-12-08T16:00:00-06:00"))));
    JsonObject body = new JsonObject().put("date", "2026-12-01").put("timeLimitSeconds", 2)
        .put("agents", new JsonArray().add(agent("ruta-1")).add(agent("ruta-2"))).put("visits", visits);

    HttpResponse<String> accepted = server.request("POST", "/api/plans", server.adminToken(), body.encode());
    assertEquals(202, accepted.statusCode(), accepted.body());
    long id = new JsonObject(accepted.body()).getLong("id");
    HttpResponse<String> again = server.request("POST", "/api/plans", server.adminToken(), body.encode());
    assertEquals(409, again.statusCode(), "one planning job per date at a time");

    JsonObject job = awaitPlan(id);
    assertEquals("done", job.getString("status"), job.encodePrettily());
    JsonObject result = job.getJsonObject("result");
    assertEquals(new JsonArray(), result.getJsonArray("violations"), "the independent route checker found nothing");

    Map<String, String> unassigned = result.getJsonArray("unassigned").stream().map(JsonObject.class::cast)
        .collect(Collectors.toMap(u -> u.getString("visitId"), u -> u.getString("reason")));
    assertEquals("UNREACHABLE_LOCATION", unassigned.get("far-away"));
    assertEquals("MISSING_SKILL", unassigned.get("needs-notary"));
    assertEquals("WINDOW_UNREACHABLE", unassigned.get("next-week"));
    int assigned = 0;
    for (Object o : result.getJsonArray("routes")) {
      JsonObject route = (JsonObject) o;
      assigned += route.getJsonArray("stops").size();
      for (Object stop : route.getJsonArray("stops")) {
        JsonObject visit = visits.stream().map(JsonObject.class::cast)
            .filter(v -> v.getString("id").equals(((JsonObject) stop).getString("visitId"))).findFirst().orElseThrow();
        assertEquals(visit.getDouble("lat"), ((JsonObject) stop).getDouble("lat"), "each stop carries its visit's coordinates");
        assertEquals(visit.getDouble("lon"), ((JsonObject) stop).getDouble("lon"));
      }
      if (!route.getJsonArray("stops").isEmpty()) {
        assertEquals("LineString", route.getJsonObject("geometry").getString("type"));
        assertTrue(route.getJsonObject("geometry").getJsonArray("coordinates").size() >= 2);
        assertTrue(route.getLong("travelMeters") > 0);
      }
    }
    assertEquals(19, assigned + unassigned.size(), "every visit is either planned or explained");
    assertTrue(assigned >= 10, "most of the 16 reachable visits fit two agents' day, had " + assigned);

    Mqtt5Publish onDevice = plans.poll(10, TimeUnit.SECONDS);
    JsonObject devicePlan = new JsonObject(new String(onDevice.getPayloadAsBytes(), StandardCharsets.UTF_8));
    assertEquals(id, devicePlan.getLong("planId"));
    assertEquals("ruta-1", devicePlan.getString("agentId"));
    assertTrue(onDevice.isRetain());
    phone.disconnect().get();
  }

  @Test
  void aShiftPastMidnightServesAVisitWhoseWindowIsAfterIt() throws Exception {
    server.createAgent("noche-1");
    JsonObject night = agent("noche-1").put("shiftStart", "2026-12-09T18:00:00-06:00").put("shiftEnd", "2026-12-10T03:00:00-06:00");
    night.remove("break");
    JsonArray visits = new JsonArray()
        .add(visit("after-midnight", LAT + 0.003, LON).put("windows", new JsonArray().add(new JsonObject()
            .put("start", "2026-12-10T01:00:00-06:00").put("end", "2026-12-10T02:00:00-06:00"))))
        .add(visit("evening", LAT - 0.003, LON).put("windows", new JsonArray().add(new JsonObject()
            .put("start", "2026-12-09T19:00:00-06:00").put("end", "2026-12-09T21:00:00-06:00"))));
    JsonObject body = new JsonObject().put("date", "2026-12-09").put("timeLimitSeconds", 1)
        .put("agents", new JsonArray().add(night)).put("visits", visits);

    HttpResponse<String> accepted = server.request("POST", "/api/plans", server.adminToken(), body.encode());
    assertEquals(202, accepted.statusCode(), accepted.body());
    assertEquals(2, new JsonObject(accepted.body()).getInteger("visits"), "both visits are the day's");
    JsonObject job = awaitPlan(new JsonObject(accepted.body()).getLong("id"));
    assertEquals("done", job.getString("status"), job.encodePrettily());
    JsonObject result = job.getJsonObject("result");
    assertEquals(new JsonArray(), result.getJsonArray("unassigned"), result.encodePrettily());
    JsonArray stops = result.getJsonArray("routes").getJsonObject(0).getJsonArray("stops");
    assertEquals(java.util.List.of("evening", "after-midnight"),
        stops.stream().map(o -> ((JsonObject) o).getString("visitId")).toList());
  }

  /** Visits straight into the table, {@code count} per outcome at {@code localTime} on successive days (the triggers keep the rollup). */
  static void history(String debtor, String localTime, String outcome, int count) throws Exception {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(server.dbUrl, "postgres", "");
        java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO visit (agent_id, idempotency_key, request_hash, debtor_id,"
            + " check_in_at, check_in_lat, check_in_lon, check_in_accuracy, outcome, outcome_details, status, validation)"
            + " VALUES ('historia', gen_random_uuid()::text, 'test', (SELECT id FROM debtor WHERE external_id = ?),"
            + " ('2026-11-02'::date + ? + ?::time) AT TIME ZONE 'America/Mexico_City', 19.43, -99.13, 8, ?, '{}', 'VALID', '{}')")) {
      for (int i = 0; i < count; i++) {
        ps.setString(1, debtor);
        ps.setInt(2, i);
        ps.setString(3, localTime);
        ps.setString(4, outcome);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  @Test
  void portfolioVisitsGetTheWindowsTheirHistoryLearnedAndArePlannedInside() throws Exception {
    JsonArray debtors = new JsonArray();
    for (String id : new String[] {"E-evening", "E-twice", "E-never"}) {
      int i = debtors.size();
      debtors.add(new JsonObject().put("id", id).put("name", "Asalariado " + i).put("segment", "asalariado-prueba")
          .put("lat", LAT + (i - 1) * 0.002).put("lon", LON + 0.002).put("product", "nómina").put("contract", "K-" + id)
          .put("currency", "MXN").put("principal", "3000").put("balance", "3000").put("due_date", "2026-10-01").put("team", TEAM));
    }
    HttpResponse<String> imported = server.request("POST", "/api/debtors/import", server.adminToken(), debtors.encode());
    assertEquals(200, imported.statusCode(), imported.body());
    // E-evening: reached 4 times each at 18, 19 and 20 h, never at 10 h. E-twice: reached twice at 19 h, which
    // also makes the segment's prior at 19 h (2 + 1) / (2 + 2) = 0.75 for E-evening.
    for (String time : new String[] {"18:30", "19:30", "20:30"}) {
      history("E-evening", time, "PAID", 4);
    }
    history("E-evening", "10:15", "NO_CONTACT", 4);
    history("E-twice", "19:10", "PROMISE", 2);

    server.createAgent("tarde-1", TEAM);
    JsonObject lateShift = agent("tarde-1").put("shiftStart", "08:00").put("shiftEnd", "21:00");
    lateShift.remove("break");
    JsonObject body = new JsonObject().put("date", "2026-12-07").put("timeLimitSeconds", 2).put("team", TEAM)
        .put("agents", new JsonArray().add(lateShift))
        .put("portfolio", new JsonObject().put("segment", "asalariado-prueba"));
    HttpResponse<String> accepted = server.request("POST", "/api/plans", server.adminToken(), body.encode());
    assertEquals(202, accepted.statusCode(), accepted.body());
    assertEquals(3, new JsonObject(accepted.body()).getInteger("visits"));
    assertEquals(1, new JsonObject(accepted.body()).getInteger("learnedWindows"), "only E-evening has history enough: " + accepted.body());
    JsonObject job = awaitPlan(new JsonObject(accepted.body()).getLong("id"));
    assertEquals("done", job.getString("status"), job.encodePrettily());
    JsonObject result = job.getJsonObject("result");
    assertEquals(new JsonArray(), result.getJsonArray("violations"));
    Map<String, java.time.LocalTime> starts = new HashMap<>();
    result.getJsonArray("routes").forEach(r -> ((JsonObject) r).getJsonArray("stops").forEach(stop -> starts.put(
        ((JsonObject) stop).getString("visitId"), java.time.Instant.parse(((JsonObject) stop).getString("serviceStart"))
            .atZone(java.time.ZoneId.of("America/Mexico_City")).toLocalTime())));
    assertEquals(java.util.Set.of("E-evening", "E-twice", "E-never"), starts.keySet(), result.encodePrettily());
    java.time.LocalTime evening = starts.get("E-evening");
    assertTrue(!evening.isBefore(java.time.LocalTime.of(18, 0)) && !evening.isAfter(java.time.LocalTime.of(21, 0)),
        "the learned window is 18:00-21:00, service started at " + evening);

    HttpResponse<String> off = server.request("POST", "/api/plans", server.adminToken(), body.copy().put("date", "2026-12-08")
        .put("portfolio", new JsonObject().put("segment", "asalariado-prueba").put("useContactWindows", false)).encode());
    assertEquals(202, off.statusCode(), off.body());
    assertEquals(0, new JsonObject(off.body()).getInteger("learnedWindows"), off.body());
    assertEquals("done", awaitPlan(new JsonObject(off.body()).getLong("id")).getString("status"));

    HttpResponse<String> bad = server.request("POST", "/api/plans", server.adminToken(), body.copy().put("date", "2026-12-09")
        .put("portfolio", new JsonObject().put("useContactWindows", "yes")).encode());
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("'useContactWindows' must be true or false"), bad.body());
  }

  @Test
  void badRequestsNameTheOffendingItem() {
    String token = server.adminToken();
    HttpResponse<String> shape = server.request("POST", "/api/plans", token, new JsonObject()
        .put("date", "24/11/2026").put("agents", new JsonArray().add(agent("x").put("profile", "helicopter").putNull("start")))
        .put("visits", new JsonArray().add(new JsonObject().put("id", "v9").put("lat", 95).put("lon", 0))).encode());
    assertEquals(400, shape.statusCode());
    String error = new JsonObject(shape.body()).getString("error");
    assertTrue(error.contains("'date' must be a day like 2026-11-24"), error);
    assertTrue(error.contains("agents[0] (id 'x'): unknown travel profile 'helicopter'"), error);
    assertTrue(error.contains("agents[0] (id 'x').start: coordinates are required"), error);
    assertTrue(error.contains("visits[0] (id 'v9'): lat 95, lon 0 is not a position on Earth"), error);

    JsonObject duplicates = new JsonObject().put("date", "2026-12-02")
        .put("agents", new JsonArray().add(agent("dup")).add(agent("dup")))
        .put("visits", new JsonArray().add(visit("v1", LAT, LON)));
    HttpResponse<String> dup = server.request("POST", "/api/plans", token, duplicates.encode());
    assertEquals(400, dup.statusCode());
    assertTrue(new JsonObject(dup.body()).getString("error").contains("dup"), dup.body());

    JsonObject backwards = new JsonObject().put("date", "2026-12-03")
        .put("agents", new JsonArray().add(agent("night").put("shiftStart", "18:00").put("shiftEnd", "08:00")))
        .put("visits", new JsonArray().add(visit("v1", LAT, LON)));
    HttpResponse<String> shift = server.request("POST", "/api/plans", token, backwards.encode());
    assertEquals(400, shift.statusCode());
    assertTrue(new JsonObject(shift.body()).getString("error").contains("night"), shift.body());

    assertEquals(400, server.request("POST", "/api/plans", token, "[]").statusCode());
    assertEquals(401, server.request("POST", "/api/plans", null, duplicates.encode()).statusCode());
    assertEquals(404, server.request("GET", "/api/plans/999999", token, null).statusCode());
    assertEquals(404, server.request("GET", "/api/plans/abc", token, null).statusCode());
  }

  @Test
  void aPlanCanDrawItsVisitsFromThePortfolioMostValuableFirst() throws Exception {
    JsonArray debtors = new JsonArray();
    for (int i = 0; i < 12; i++) {
      debtors.add(new JsonObject().put("id", "P-" + i).put("name", "Deudor " + i)
          .put("lat", LAT + (i % 4 - 1.5) * 0.003).put("lon", LON + (i / 4 - 1) * 0.003)
          .put("product", "consumo").put("contract", "K-" + i).put("currency", "MXN")
          .put("principal", "20000").put("balance", Integer.toString(1000 + i * 1000)).put("due_date", "2026-10-01").put("team", TEAM));
    }
    debtors.add(new JsonObject().put("id", "P-paid").put("name", "Al corriente").put("lat", LAT).put("lon", LON)
        .put("product", "consumo").put("contract", "K-paid").put("currency", "MXN").put("principal", "5000").put("balance", "0")
        .put("due_date", "2026-10-01").put("team", TEAM));
    debtors.add(new JsonObject().put("id", "P-novisits").put("name", "Sin visitas").put("lat", LAT).put("lon", LON)
        .put("consent_visits", "no").put("product", "consumo").put("contract", "K-nv").put("currency", "MXN")
        .put("principal", "90000").put("balance", "90000").put("due_date", "2026-10-01").put("team", TEAM));
    HttpResponse<String> imported = server.request("POST", "/api/debtors/import", server.adminToken(), debtors.encode());
    assertEquals(200, imported.statusCode(), imported.body());

    server.createAgent("cartera-1", TEAM);
    server.createAgent("cartera-2", TEAM);
    JsonObject body = new JsonObject().put("date", "2026-12-05").put("timeLimitSeconds", 2).put("team", TEAM)
        .put("agents", new JsonArray().add(agent("cartera-1")).add(agent("cartera-2")))
        .put("portfolio", new JsonObject().put("maxVisits", 8).put("minDaysPastDue", 30));
    HttpResponse<String> accepted = server.request("POST", "/api/plans", server.adminToken(), body.encode());
    assertEquals(202, accepted.statusCode(), accepted.body());
    assertEquals(8, new JsonObject(accepted.body()).getInteger("visits"), "the 8 most valuable debtors that may be visited");
    JsonObject job = awaitPlan(new JsonObject(accepted.body()).getLong("id"));
    assertEquals("done", job.getString("status"), job.encodePrettily());
    java.util.Set<String> planned = new java.util.HashSet<>();
    job.getJsonObject("result").getJsonArray("routes").forEach(r -> ((JsonObject) r).getJsonArray("stops")
        .forEach(stop -> planned.add(((JsonObject) stop).getString("visitId"))));
    job.getJsonObject("result").getJsonArray("unassigned").forEach(u -> planned.add(((JsonObject) u).getString("visitId")));
    assertEquals(java.util.Set.of("P-4", "P-5", "P-6", "P-7", "P-8", "P-9", "P-10", "P-11"), planned,
        "highest balances first; no paid-up debtor, none who refused visits");

    HttpResponse<String> bad = server.request("POST", "/api/plans", server.adminToken(),
        body.copy().put("date", "2026-12-06").put("portfolio", new JsonObject().put("maxVisits", 0)).encode());
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("portfolio: 'maxVisits'"), bad.body());
  }
}
