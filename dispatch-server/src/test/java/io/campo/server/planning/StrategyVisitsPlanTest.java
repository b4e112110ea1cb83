package io.campo.server.planning;

import static io.campo.server.planning.DemoCityPlanning.motorcycleAgent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.TestServer;
import io.campo.server.outreach.campaign.Campaigns;
import io.campo.server.outreach.strategy.Strategies;
import io.campo.server.portfolio.StrategyVisitPool;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strategy steps that add field visits (issue #15 item 5) and the contact gate on planned visits (item 6), through the
 * real planner: {@code POST /api/strategies} with {@code "kind": "visit"}, the daily run, then {@code POST /api/plans}
 * drawing from the portfolio on a generated demo city. The agency's contact hours are 09:00-16:00 and Sunday is a rest
 * day, so that the clipping and the rest day are visible against agents working 08:00-17:00.
 */
class StrategyVisitsPlanTest {

  static final double LAT = 19.4326;
  static final double LON = -99.1332;
  static final ZoneId ZONE = ZoneId.of("America/Mexico_City");
  /** The last Tuesday before today: payments may not be dated in the future. */
  static final LocalDate DAY = LocalDate.now(ZONE).with(java.time.temporal.TemporalAdjusters.previous(java.time.DayOfWeek.TUESDAY));
  @TempDir static Path dataDir;
  static TestServer server;
  static String dispatcher;
  static Strategies strategies;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.startWithDemoCity(dataDir, Map.of("CAMPO_CONTACT_HOURS", "09:00-16:00", "CAMPO_CONTACT_REST_DAYS", "7"));
    dispatcher = server.officeUserInTeam("disp-centro", "dispatcher", "centro");
    server.createAgent("c1", "centro");
    server.createAgent("c2", "centro");
    JsonArray debtors = new JsonArray();
    String due7 = DAY.minusDays(7).toString();
    // Pairs alike in all but the segment: the strategies select "temprana" only, so "otro" shows the value unraised.
    debtors.add(debtor("D-due7", "temprana", due7, 0)).add(debtor("C-due7", "otro", due7, 1));
    debtors.add(debtor("D-due7-paid", "temprana", due7, 2)).add(debtor("D-due7-part", "temprana", due7, 3));
    debtors.add(debtor("D-broken", "temprana", "2026-10-01", 4)).add(debtor("C-broken", "otro", "2026-10-01", 5));
    debtors.add(debtor("D-old", "temprana", "2026-10-01", 6));
    debtors.add(debtor("G-no-consent", "otro", "2026-10-01", 7).put("consent_visits", false));
    debtors.add(debtor("G-weekly", "otro", "2026-10-01", 8));
    HttpResponse<String> imported = server.request("POST", "/api/debtors/import", server.adminToken(), debtors.encode());
    assertEquals(200, imported.statusCode(), imported.body());
    // Broken promises (dated 3 days before the plan, past the 2 days' grace), and a debtor at the weekly cap of 3
    // visits whose last visit is past the 3 days' cool-down.
    JsonObject promise = new JsonObject().put("date", DAY.minusDays(3).toString()).put("amount", "500");
    visit("D-broken", DAY.minusDays(6).atTime(12, 0), "PROMISE", promise);
    visit("C-broken", DAY.minusDays(6).atTime(12, 0), "PROMISE", promise);
    for (int d = 6; d >= 4; d--) {
      visit("G-weekly", DAY.minusDays(d).atTime(12, 0), "NO_CONTACT", new JsonObject());
    }
    strategies = new Strategies(server.server.database().dataSource(), new Campaigns(server.server.database().dataSource()));
    server.awaitRoads();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonObject debtor(String id, String segment, String dueDate, int i) {
    return new JsonObject().put("id", id).put("name", "Deudor " + id).put("team", "centro").put("segment", segment)
        .put("lat", LAT + (i % 3 - 1) * 0.002).put("lon", LON + (i / 3 - 1) * 0.002).put("product", "consumo")
        .put("contract", "K-" + id).put("currency", "MXN").put("principal", "20000").put("balance", "5000")
        .put("due_date", dueDate);
  }

  static void visit(String debtor, java.time.LocalDateTime at, String outcome, JsonObject details) throws Exception {
    DemoCityPlanning.visit(server, "c1", debtor, at.atZone(ZONE).toOffsetDateTime(), outcome, details);
  }

  static JsonObject plan(LocalDate day) {
    return new JsonObject().put("date", day.toString()).put("timeLimitSeconds", 2)
        .put("agents", new JsonArray().add(motorcycleAgent("c1")).add(motorcycleAgent("c2")))
        .put("portfolio", new JsonObject().put("maxVisits", 50).put("useContactWindows", false));
  }

  /** By visit id: the visits the plan offered the solver, as stored with the job. */
  static Map<String, JsonObject> offered(long planId) {
    JsonObject job = new JsonObject(server.request("GET", "/api/plans/" + planId, server.adminToken(), null).body());
    Map<String, JsonObject> out = new HashMap<>();
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", "");
        PreparedStatement ps = c.prepareStatement("SELECT request->'visits' FROM plan_job WHERE id = ?")) {
      ps.setLong(1, planId);
      try (var rs = ps.executeQuery()) {
        rs.next();
        new JsonArray(rs.getString(1)).forEach(v -> out.put(((JsonObject) v).getString("id"), (JsonObject) v));
      }
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
    assertTrue(job.containsKey("status"), job.encode());
    return out;
  }

  static JsonObject awaitPlan(long id) throws InterruptedException {
    return DemoCityPlanning.awaitPlan(server, id, server.adminToken());
  }

  static void payment(String debtor, String amount, String reference, Instant paidAt) {
    JsonObject p = new JsonObject().put("debtor", debtor).put("amount", amount).put("currency", "MXN")
        .put("paidAt", paidAt.toString()).put("reference", reference).put("source", "transfer");
    HttpResponse<String> r = server.request("POST", "/api/payments", server.adminToken(), p.encode());
    assertEquals(201, r.statusCode(), r.body());
  }

  @Test
  void visitStepsRaiseTheirDebtorsInThePlansDrawUntilPaidOrVisitedAndTheGateDecidesWhoIsDrawnAndWhen() throws Exception {
    // Bad steps are refused with every reason, and nothing is stored.
    HttpResponse<String> bad = server.request("POST", "/api/strategies", dispatcher, new JsonObject().put("name", "mala")
        .put("rule", "promise_broken").put("offsetDays", 0).put("kind", "visit").put("valueFactor", 11)
        .put("channel", "sms").put("mustVisit", "sí").encode());
    assertEquals(400, bad.statusCode(), bad.body());
    for (String reason : List.of("offsetDays of promise_broken must be at least 1", "valueFactor must be a number from 1 to 10",
        "a visit step sends no message", "mustVisit must be true or false")) {
      assertTrue(bad.body().contains(reason), reason + " in " + bad.body());
    }
    assertEquals(400, server.request("POST", "/api/strategies", dispatcher, new JsonObject().put("name", "mala")
        .put("rule", "days_from_due").put("kind", "llamada").encode()).statusCode());
    assertEquals(400, server.request("POST", "/api/strategies", dispatcher, new JsonObject().put("name", "mala")
        .put("rule", "days_from_due").put("kind", "visit").put("valueFactor", "1e1").encode()).statusCode());
    HttpResponse<String> mixed = server.request("POST", "/api/strategies", dispatcher, new JsonObject().put("name", "mala")
        .put("rule", "days_from_due").put("channel", "sms").put("template", "x").put("valueFactor", 2).encode());
    assertEquals(400, mixed.statusCode());
    assertTrue(mixed.body().contains("valueFactor and mustVisit belong to visit steps"), mixed.body());
    assertEquals(0, server.count("SELECT count(*) FROM outreach_strategy"));

    HttpResponse<String> due7 = server.request("POST", "/api/strategies", dispatcher, new JsonObject().put("name", "vencido + 7")
        .put("segment", "temprana").put("rule", "days_from_due").put("offsetDays", 7).put("kind", "visit")
        .put("valueFactor", 2).put("mustVisit", true).encode());
    assertEquals(201, due7.statusCode(), due7.body());
    JsonObject step = new JsonObject(due7.body());
    assertEquals("visit", step.getString("kind"));
    assertEquals("2.00", step.getString("valueFactor"));
    assertFalse(step.containsKey("channel"));
    HttpResponse<String> broken = server.request("POST", "/api/strategies", dispatcher, new JsonObject().put("name", "promesa rota")
        .put("segment", "temprana").put("rule", "promise_broken").put("offsetDays", 3).put("kind", "visit")
        .put("valueFactor", "3").encode());
    assertEquals(201, broken.statusCode(), broken.body());
    assertTrue(new JsonObject(broken.body()).getBoolean("mustVisit"), "a broken promise is a must-visit unless the step says no");
    assertEquals(409, server.request("POST", "/api/strategies", dispatcher, new JsonObject().put("name", "promesa rota")
        .put("rule", "promise_broken").put("offsetDays", 3).put("kind", "visit").encode()).statusCode());
    JsonArray listed = new JsonObject(server.request("GET", "/api/strategies", dispatcher, null).body()).getJsonArray("strategies");
    assertEquals(2, listed.size());

    // The day's run, twice (another node, a restart): each debtor once per strategy and day, logged once.
    Instant ranAt = DAY.atTime(LocalTime.of(0, 30)).atZone(ZONE).toInstant();
    assertEquals(2, strategies.runDay(DAY, ranAt));
    assertEquals(0, strategies.runDay(DAY, ranAt));
    assertEquals(4, server.count("SELECT count(*) FROM strategy_visit"), "D-due7, -paid, -part and D-broken");
    assertEquals(0, server.count("SELECT count(*) FROM campaign"), "a visit step sends no message");
    JsonObject log = new JsonObject(server.request("GET", "/api/debtors/D-due7/log", dispatcher, null).body());
    assertEquals(1, log.getJsonArray("entries").stream().filter(e -> ((JsonObject) e).getString("kind").equals("visit_queued")).count(),
        log.encodePrettily());

    // After the run: D-due7-paid pays all, D-due7-part a little (either clears the step's visit).
    payment("D-due7-paid", "5000.00", "T-paid", ranAt.plusSeconds(3600));
    payment("D-due7-part", "100.00", "T-part", ranAt.plusSeconds(3600));

    HttpResponse<String> accepted = server.request("POST", "/api/plans", dispatcher, plan(DAY).encode());
    assertEquals(202, accepted.statusCode(), accepted.body());
    JsonObject answer = new JsonObject(accepted.body());
    JsonObject contact = answer.getJsonObject("portfolio").getJsonObject("contact");
    assertEquals(new JsonObject().put("no_consent", 1).put("weekly_limit", 1).put("rest_day", 0), contact, accepted.body());
    assertEquals(3, answer.getJsonObject("portfolio").getInteger("mustVisits"), "D-due7 by its step, both broken promises");
    JsonObject job = awaitPlan(answer.getLong("id"));
    assertEquals("done", job.getString("status"), job.encodePrettily());
    Map<String, JsonObject> offered = offered(answer.getLong("id"));
    assertEquals(java.util.Set.of("D-due7", "C-due7", "D-due7-part", "D-broken", "C-broken", "D-old"), offered.keySet(),
        "not the one who paid all, nor the gate's");
    assertEquals(2 * offered.get("C-due7").getLong("value"), offered.get("D-due7").getLong("value"), offered.toString());
    assertTrue(offered.get("D-due7").getBoolean("mustVisit") && !offered.get("C-due7").getBoolean("mustVisit"));
    assertTrue(offered.get("D-due7-part").getLong("value") <= offered.get("C-due7").getLong("value"),
        "paid since the step: no raise any more " + offered);
    assertFalse(offered.get("D-due7-part").getBoolean("mustVisit"));
    // C-broken gets the broken commitment's raise (x1.5); D-broken the step's larger one (x3), not both.
    assertEquals(2 * offered.get("C-broken").getLong("value"), offered.get("D-broken").getLong("value"), 1, offered.toString());
    // Every drawn visit may start only within 09:00-15:45 (15 minutes of service end by 16:00), never at 08:00.
    Instant opens = DAY.atTime(9, 0).atZone(ZONE).toInstant();
    Instant lastStart = DAY.atTime(15, 45).atZone(ZONE).toInstant();
    for (JsonObject v : offered.values()) {
      JsonArray windows = v.getJsonArray("windows");
      assertFalse(windows.isEmpty(), v.encode());
      windows.forEach(w -> {
        assertFalse(Instant.parse(((JsonObject) w).getString("start")).isBefore(opens), v.encode());
        assertFalse(Instant.parse(((JsonObject) w).getString("end")).isAfter(lastStart), v.encode());
      });
    }
    job.getJsonObject("result").getJsonArray("routes").forEach(r -> ((JsonObject) r).getJsonArray("stops").forEach(s -> {
      Instant start = Instant.parse(((JsonObject) s).getString("serviceStart"));
      assertFalse(start.isBefore(opens) || start.isAfter(lastStart), s.toString());
    }));

    // A visit closes the step's visit too (the next day's pool no longer raises D-due7).
    visit("D-due7", DAY.atTime(10, 0), "NO_CONTACT", new JsonObject());
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", "")) {
      Map<Long, StrategyVisitPool.Raise> open = StrategyVisitPool.open(c, DAY.plusDays(1));
      assertEquals(1, open.size(), "only D-broken's is open: " + open);
      assertEquals(0, StrategyVisitPool.open(c, DAY.minusDays(1)).size(), "not before the day it was added");
      assertEquals(0, StrategyVisitPool.open(c, DAY.plusDays(StrategyVisitPool.OPEN_DAYS)).size(), "stale after 30 days");
    }

    // Sunday is a rest day: a plan of the portfolio alone is refused with the reason; with a listed visit, the listed
    // visit is planned and every drawn debtor is counted as left out for the rest day.
    LocalDate sunday = DAY.plusDays(5);
    HttpResponse<String> restDay = server.request("POST", "/api/plans", dispatcher, plan(sunday).encode());
    assertEquals(400, restDay.statusCode(), restDay.body());
    assertTrue(restDay.body().contains("is a rest day (CAMPO_CONTACT_REST_DAYS)"), restDay.body());
    JsonObject withListed = plan(sunday).put("visits", new JsonArray().add(new JsonObject().put("id", "cita-domingo")
        .put("lat", LAT).put("lon", LON + 0.001)));
    HttpResponse<String> listedOnly = server.request("POST", "/api/plans", dispatcher, withListed.encode());
    assertEquals(202, listedOnly.statusCode(), listedOnly.body());
    JsonObject restAnswer = new JsonObject(listedOnly.body());
    assertEquals(1, restAnswer.getInteger("visits"), listedOnly.body());
    assertEquals(7, restAnswer.getJsonObject("portfolio").getJsonObject("contact").getInteger("rest_day"), listedOnly.body());
    assertEquals("done", awaitPlan(restAnswer.getLong("id")).getString("status"));
  }
}
