package io.campo.server.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.campo.server.live.LiveSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/plans/{id}/replan} on a small generated demo city: the done visit stays first, the rest of the day
 * starts from the agent's live position, the phone's retained plan and {@code /api/me/day} change, the map hears of it;
 * and the refusals (another team's plan, a plan still running or failed, a day that is over).
 */
class ReplanApiTest {

  static final double LAT = 19.4326;
  static final double LON = -99.1332;
  static final ZoneId ZONE = ZoneId.of("America/Mexico_City");
  @TempDir static Path dataDir;
  static TestServer server;
  static String dispatcher;
  static String deviceToken;
  static Vertx clients;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.startWithDemoCity(dataDir);
    clients = Vertx.vertx();
    dispatcher = server.officeUserInTeam("disp-ruta", "dispatcher", "ruta");
    server.officeUserInTeam("disp-otro", "dispatcher", "otro");
    deviceToken = server.createAgent("r1", "ruta");
    JsonArray debtors = new JsonArray();
    for (int i = 0; i < 6; i++) {
      debtors.add(new JsonObject().put("id", "R-" + i).put("name", "Deudor " + i).put("team", "ruta")
          .put("lat", LAT + (i % 3 - 1) * 0.003).put("lon", LON + (i / 3 - 0.5) * 0.004).put("product", "consumo")
          .put("contract", "K-R" + i).put("currency", "MXN").put("principal", "9000").put("balance", Integer.toString(1000 + i * 100))
          .put("due_date", "2026-10-01"));
    }
    assertEquals(200, server.request("POST", "/api/debtors/import", server.adminToken(), debtors.encode()).statusCode());
    server.awaitRoads();
  }

  @AfterAll
  static void stop() {
    clients.close();
    server.close();
  }

  static JsonObject body(LocalDate day) {
    JsonObject depot = new JsonObject().put("lat", LAT).put("lon", LON);
    return new JsonObject().put("date", day.toString()).put("timeLimitSeconds", 2)
        .put("agents", new JsonArray().add(new JsonObject().put("id", "r1").put("profile", "motorcycle").put("shiftStart", "08:00")
            .put("shiftEnd", "17:00").put("start", depot).put("end", depot)))
        .put("portfolio", new JsonObject().put("maxVisits", 6).put("minDaysPastDue", 1));
  }

  static JsonObject awaitPlan(long id) throws InterruptedException {
    return DemoCityPlanning.awaitPlan(server, id, dispatcher);
  }

  static long planned(LocalDate day) throws InterruptedException {
    HttpResponse<String> accepted = server.request("POST", "/api/plans", dispatcher, body(day).encode());
    assertEquals(202, accepted.statusCode(), accepted.body());
    JsonObject job = awaitPlan(new JsonObject(accepted.body()).getLong("id"));
    assertEquals("done", job.getString("status"), job.encodePrettily());
    return job.getLong("id");
  }

  static void visitRecorded(String debtor, LocalDate day) throws Exception {
    DemoCityPlanning.visit(server, "r1", debtor, day.atTime(9, 0).atZone(ZONE).toOffsetDateTime(), "NO_CONTACT", new JsonObject());
  }

  static double meters(double lat1, double lon1, double lat2, double lon2) {
    double x = Math.toRadians(lon2 - lon1) * Math.cos(Math.toRadians((lat1 + lat2) / 2));
    double y = Math.toRadians(lat2 - lat1);
    return Math.sqrt(x * x + y * y) * 6_371_000;
  }

  @Test
  void aReplanKeepsTheDoneVisitFirstStartsFromTheLivePositionAndReachesThePhoneAndTheMap() throws Exception {
    LocalDate day = LocalDate.now(ZONE).plusDays(10);
    long original = planned(day);
    JsonObject before = awaitPlan(original).getJsonObject("result").getJsonArray("routes").getJsonObject(0);
    List<String> stops = before.getJsonArray("stops").stream().map(s -> ((JsonObject) s).getString("visitId")).toList();
    assertTrue(stops.size() >= 3, before.encode());
    String done = stops.get(0);
    visitRecorded(done, day);

    // The phone reports from 1.1 km north of the depot, nowhere near a door.
    double liveLat = LAT + 0.010;
    Mqtt5AsyncClient phone = Devices.mqtt5(server.server.mqttPort(), "r1", deviceToken);
    BlockingQueue<Mqtt5Publish> plans = new LinkedBlockingQueue<>();
    phone.subscribeWith().topicFilter("campo/agents/r1/plan").qos(Devices.QOS1).callback(plans::add).send().get(10, TimeUnit.SECONDS);
    phone.publishWith().topic(Devices.telemetryTopic("r1")).qos(Devices.QOS1).payload(Devices.fix(Devices.now(), liveLat, LON, 1))
        .send().get(10, TimeUnit.SECONDS);
    plans.poll(5, TimeUnit.SECONDS);   // the retained morning plan
    plans.clear();

    try (LiveSocket live = LiveSocket.connect(clients, server.server.httpPort(), dispatcher)) {
      HttpResponse<String> accepted = server.request("POST", "/api/plans/" + original + "/replan", dispatcher, null);
      assertEquals(202, accepted.statusCode(), accepted.body());
      JsonObject answer = new JsonObject(accepted.body());
      assertEquals(original, answer.getLong("replanOf"));
      assertEquals(new JsonObject().put("r1", 1), answer.getJsonObject("kept"));
      long replanned = answer.getLong("id");
      JsonObject job = awaitPlan(replanned);
      assertEquals("done", job.getString("status"), job.encodePrettily());
      assertEquals(original, job.getLong("replanOf"));
      JsonObject result = job.getJsonObject("result");
      assertEquals(new JsonArray(), result.getJsonArray("violations"));
      JsonObject route = result.getJsonArray("routes").getJsonObject(0);
      JsonArray after = route.getJsonArray("stops");
      assertEquals(done, after.getJsonObject(0).getString("visitId"), "the done visit stays first");
      assertEquals("done", after.getJsonObject(0).getString("status"));
      Set<String> rest = new HashSet<>();
      for (int i = 1; i < after.size(); i++) {
        assertTrue(rest.add(after.getJsonObject(i).getString("visitId")));
        assertFalse(after.getJsonObject(i).containsKey("status"), "planned anew");
      }
      result.getJsonArray("unassigned").forEach(u -> rest.add(((JsonObject) u).getString("visitId")));
      assertFalse(rest.contains(done), "a done visit is not planned again");
      assertEquals(new HashSet<>(stops.subList(1, stops.size())), rest.stream().filter(stops::contains).collect(java.util.stream.Collectors.toSet()));
      JsonArray start = route.getJsonObject("geometry").getJsonArray("coordinates").getJsonArray(0);
      assertTrue(meters(liveLat, LON, start.getDouble(1), start.getDouble(0)) < 300,
          "the road path starts at the live position: " + start);
      JsonArray morning = before.getJsonObject("geometry").getJsonArray("coordinates").getJsonArray(0);
      assertTrue(meters(LAT, LON, morning.getDouble(1), morning.getDouble(0)) < 300, "the morning's started at the depot");

      JsonObject event = null;
      long deadline = System.currentTimeMillis() + 10_000;
      while (event == null && System.currentTimeMillis() < deadline) {
        JsonObject frame = live.next(m -> "frame".equals(m.getString("type")) && !m.getJsonArray("events").isEmpty(), 10_000).message();
        event = frame.getJsonArray("events").stream().map(JsonObject.class::cast)
            .filter(e -> "plan.replanned".equals(e.getString("type"))).findFirst().orElse(null);
      }
      assertTrue(event != null, "the map hears of the re-plan");
      assertEquals(replanned, event.getLong("planId"));
      assertEquals(original, event.getLong("replanOf"));

      Mqtt5Publish onPhone = plans.poll(10, TimeUnit.SECONDS);
      assertTrue(onPhone != null, "the phone gets the new plan");
      JsonObject devicePlan = new JsonObject(new String(onPhone.getPayloadAsBytes(), StandardCharsets.UTF_8));
      assertEquals(replanned, devicePlan.getLong("planId"));
      assertEquals("done", devicePlan.getJsonArray("stops").getJsonObject(0).getString("status"));
      phone.disconnect().get(5, TimeUnit.SECONDS);

      // A phone connecting later gets the new plan retained, and the app's day is the new plan.
      BlockingQueue<Mqtt5Publish> retained = new LinkedBlockingQueue<>();
      Mqtt5AsyncClient later = Devices.mqtt5(server.server.mqttPort(), "r1", deviceToken);
      later.subscribeWith().topicFilter("campo/agents/r1/plan").qos(Devices.QOS1).callback(retained::add).send().get(10, TimeUnit.SECONDS);
      Mqtt5Publish kept = retained.poll(10, TimeUnit.SECONDS);
      assertTrue(kept != null && kept.isRetain());
      assertEquals(replanned, new JsonObject(new String(kept.getPayloadAsBytes(), StandardCharsets.UTF_8)).getLong("planId"));
      later.disconnect().get(5, TimeUnit.SECONDS);
      HttpResponse<String> login = server.request("POST", "/api/auth/device", null,
          new JsonObject().put("agentId", "r1").put("deviceToken", deviceToken).encode());
      assertEquals(200, login.statusCode(), login.body());
      JsonObject me = new JsonObject(server.request("GET", "/api/me/day?date=" + day, new JsonObject(login.body()).getString("token"), null)
          .body());
      assertEquals(replanned, me.getLong("planId"), me.encodePrettily());
      assertEquals(done, me.getJsonArray("stops").getJsonObject(0).getString("stopId"));

      // A re-plan of the re-plan starts from the request it stored: the same visits, the done one still first.
      HttpResponse<String> again = server.request("POST", "/api/plans/" + replanned + "/replan", dispatcher, null);
      assertEquals(202, again.statusCode(), again.body());
      JsonObject third = awaitPlan(new JsonObject(again.body()).getLong("id"));
      assertEquals("done", third.getString("status"), third.encodePrettily());
      JsonArray thirdStops = third.getJsonObject("result").getJsonArray("routes").getJsonObject(0).getJsonArray("stops");
      assertEquals(done, thirdStops.getJsonObject(0).getString("visitId"));
      Set<String> offeredAgain = new HashSet<>();
      third.getJsonObject("result").getJsonArray("routes").getJsonObject(0).getJsonArray("stops")
          .forEach(s -> offeredAgain.add(((JsonObject) s).getString("visitId")));
      third.getJsonObject("result").getJsonArray("unassigned").forEach(u -> offeredAgain.add(((JsonObject) u).getString("visitId")));
      assertTrue(offeredAgain.containsAll(stops), "no visit lost on the way: " + offeredAgain);
    }
  }

  @Test
  void aReplanIsRefusedForAnotherTeamsPlanAPlanNotFinishedAndADayThatIsOver() throws Exception {
    LocalDate day = LocalDate.now(ZONE).plusDays(20);
    long plan = planned(day);
    String other = server.login("disp-otro", "disp-otro-password");
    HttpResponse<String> foreign = server.request("POST", "/api/plans/" + plan + "/replan", other, null);
    assertEquals(404, foreign.statusCode(), "another team's plan is not there: " + foreign.body());
    assertEquals(404, server.request("POST", "/api/plans/987654/replan", dispatcher, null).statusCode());
    assertEquals(404, server.request("POST", "/api/plans/abc/replan", dispatcher, null).statusCode());

    HttpResponse<String> running = server.request("POST", "/api/plans", dispatcher, body(day.plusDays(1)).put("timeLimitSeconds", 6).encode());
    assertEquals(202, running.statusCode(), running.body());
    long runningId = new JsonObject(running.body()).getLong("id");
    HttpResponse<String> early = server.request("POST", "/api/plans/" + runningId + "/replan", dispatcher, null);
    assertEquals(409, early.statusCode(), early.body());
    assertTrue(early.body().contains("still being computed"), early.body());
    awaitPlan(runningId);

    long failed = server.count("INSERT INTO plan_job (plan_date, status, request, created_by, team_id, error) VALUES ('" + day
        + "', 'failed', '{\"agents\": [{\"id\": \"r1\"}]}', 'test', 'ruta', 'roads') RETURNING id");
    HttpResponse<String> failedReplan = server.request("POST", "/api/plans/" + failed + "/replan", dispatcher, null);
    assertEquals(409, failedReplan.statusCode());
    assertTrue(failedReplan.body().contains("failed"), failedReplan.body());

    long yesterday = planned(LocalDate.now(ZONE).minusDays(1));
    HttpResponse<String> over = server.request("POST", "/api/plans/" + yesterday + "/replan", dispatcher, null);
    assertEquals(409, over.statusCode(), over.body());
    assertTrue(over.body().contains("the day is over"), over.body());
    assertEquals(0, server.count("SELECT count(*) FROM plan_job WHERE replan_of IS NOT NULL AND plan_date <> '"
        + LocalDate.now(ZONE).plusDays(10) + "'"), "no refused re-plan left a job behind");
  }
}
