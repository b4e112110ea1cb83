package io.campo.server.report;

import static io.campo.server.report.KpiTestData.debt;
import static io.campo.server.report.KpiTestData.fix;
import static io.campo.server.report.KpiTestData.kpis;
import static io.campo.server.report.KpiTestData.previous;
import static io.campo.server.report.KpiTestData.value;
import static io.campo.server.report.KpiTestData.visit;
import static io.campo.server.report.ReportTestData.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/reports/kpis} on a small known dataset in America/Mexico_City (UTC-6 all year),
 * period 2026-03-02..2026-03-04 (previous: 2026-02-27..2026-03-01). Every expected number is
 * worked out by hand in the comments.
 */
class KpiReportApiTest {

  static final String ZONE = "America/Mexico_City";
  static final String PERIOD = "from=2026-03-02&to=2026-03-04";
  /** Metres of 0.01 degree of latitude on the haversine sphere of FixSummary (a pure north step is R x angle). */
  static final double CENTI_DEGREE = 6_371_008.8 * Math.toRadians(0.01);
  static TestServer server;
  static String admin;
  static String dispatcherNorte;
  static String managerWithoutTeams;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.startInZone(ZONE);
    admin = server.adminToken();
    dispatcherNorte = server.officeUserInTeam("despacho-norte", "dispatcher", "norte");
    assertEquals(201, server.request("POST", "/api/teams", admin, "{\"id\": \"sur\"}").statusCode());
    assertEquals(201, server.request("POST", "/api/users", admin, new JsonObject().put("username", "gerente-solo")
        .put("password", "gerente-solo-pw").put("role", "manager").put("teams", new JsonArray()).encode()).statusCode());
    managerWithoutTeams = server.login("gerente-solo", "gerente-solo-pw");
    server.createAgent("ana", "norte");
    server.createAgent("beto", "sur");
    server.createAgent("carla");

    sql(server, "INSERT INTO debtor (external_id, name, segment) VALUES ('D1', 'Uno', 'A'), ('D2', 'Dos', 'B'),"
        + " ('D3', 'Tres', 'A'), ('D4', 'Cuatro', 'A'), ('D5', 'Cinco', 'B')");
    // Open balance 6000 in 4 debtors (D3's only debt is paid off). As of 2026-03-04: overdue D1-a 1000 (31 days)
    // and D2 2000 (3 days): 50 %, age (1000 x 31 + 2000 x 3) / 6000 = 6.1667 days. D4 falls due ON the last day: not overdue.
    debt(server, "D1", "a", "1000.00", "2026-02-01");
    debt(server, "D1", "b", "500.00", "2026-04-01");
    debt(server, "D2", "a", "2000.00", "2026-03-01");
    debt(server, "D3", "a", "0.00", "2026-01-01");
    debt(server, "D4", "a", "1500.00", "2026-03-04");
    debt(server, "D5", "a", "1000.00", "2026-03-10");

    // ana (norte): local 03-02 and 03-03, 4 visits, one REJECTED; attempts 3, contacts 2, promise 1, collected 300,
    // timed 2 (20 + 10 minutes; the rejected one is not an attempt and the promise has no check-out).
    visit(server, "ana", "D1", "2026-03-02T16:00:00Z", 20, "VALID", "PAID", "{\"amount\": \"300.00\"}");
    visit(server, "ana", "D2", "2026-03-02T17:00:00Z", 10, "VALID", "NO_CONTACT", "{}");
    visit(server, "ana", "D2", "2026-03-02T18:00:00Z", 5, "REJECTED", "PAID", "{\"amount\": \"99.99\"}");
    // 18:30 local on 03-03 is already 03-04 in UTC. Kept: carla's payment to D1 comes before the end of 03-10.
    visit(server, "ana", "D1", "2026-03-04T00:30:00Z", null, "VALID", "PROMISE", "{\"date\": \"2026-03-10\", \"amount\": \"500.00\"}");
    // beto (sur): 03-04, attempts 2, contacts 2, promise 1 (broken: nobody paid D4), timed 30 + 15.
    visit(server, "beto", "D4", "2026-03-04T15:00:00Z", 30, "VALID", "PROMISE", "{\"date\": \"2026-03-05\", \"amount\": \"100.00\"}");
    visit(server, "beto", "D2", "2026-03-04T16:00:00Z", 15, "OVERRIDDEN", "REFUSED", "{}");
    // carla (no team): 22:30 local on 03-04 (03-05 in UTC), collected 200, 5 minutes.
    visit(server, "carla", "D1", "2026-03-05T04:30:00Z", 5, "VALID", "PAID", "{\"amount\": \"200.00\"}");
    // After the period (00:30 local on 03-05): counts nowhere.
    visit(server, "ana", "D2", "2026-03-05T06:30:00Z", 5, "VALID", "PAID", "{\"amount\": \"150.00\"}");
    // Previous period: ana on 02-28, one attempt (100 collected, 40 minutes) and one rejected.
    visit(server, "ana", "D1", "2026-02-28T16:00:00Z", 40, "VALID", "PAID", "{\"amount\": \"100.00\"}");
    visit(server, "ana", "D2", "2026-02-28T17:00:00Z", null, "REJECTED", "NO_CONTACT", "{}");

    // ana on 03-02: two steps of 0.01 degree north, and a GPS jump to 20.0 (65 km in 5 minutes) that is skipped.
    fix(server, "ana", "2026-03-02T16:00:00Z", 19.40, -99.13);
    fix(server, "ana", "2026-03-02T16:05:00Z", 20.00, -99.13);
    fix(server, "ana", "2026-03-02T16:10:00Z", 19.41, -99.13);
    fix(server, "ana", "2026-03-02T16:20:00Z", 19.42, -99.13);
    // beto on 03-04: one step of 0.005 degree. carla has no fixes.
    fix(server, "beto", "2026-03-04T15:00:00Z", 19.40, -99.13);
    fix(server, "beto", "2026-03-04T15:10:00Z", 19.405, -99.13);
    // ana on 03-01 (a day without visits) and 03-05: not agent-days of the period.
    fix(server, "ana", "2026-03-01T16:00:00Z", 19.40, -99.13);
    fix(server, "ana", "2026-03-01T16:10:00Z", 19.45, -99.13);
    new DistanceRollup(KpiTestData.dataSource(server), java.time.ZoneId.of(ZONE)).refresh();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void everyIndicatorOfTheKnownPeriodAndThePreviousOne() {
    JsonObject r = kpis(server, admin, PERIOD);
    assertEquals(ZONE, r.getString("timeZone"));
    assertEquals(new JsonObject().put("from", "2026-03-02").put("to", "2026-03-04"), r.getJsonObject("filter"));
    assertEquals(new JsonObject().put("from", "2026-03-02").put("to", "2026-03-04").put("days", 3), r.getJsonObject("period"));
    assertEquals(new JsonObject().put("from", "2026-02-27").put("to", "2026-03-01").put("days", 3), r.getJsonObject("previous"));
    assertEquals(new JsonArray().add("MXN"), r.getJsonArray("currencies"));
    assertEquals(List.copyOf(Kpis.UNITS.keySet()), List.copyOf(r.getJsonObject("kpis").fieldNames()));

    // Collected by everyone 300 + 200 = 500 in 3 days: 6000 / (500 / 3) = 36 days. Before: 100 in 3 days: 180.
    assertKpi(r, "collectionPeriodDays", 36.0, 180.0, "days");
    // Previous, as of 03-01: only D1-a is overdue (1000, 28 days): 28000 / 6000 = 4.67 days, 16.67 %.
    assertKpi(r, "averageDebtAgeDays", 6.17, 4.67, "days");
    assertKpi(r, "overduePercent", 50.0, 16.67, "percent");
    // D1, D2 and D4 attempted of 4 open debtors (D5 never); before, D1 only.
    assertKpi(r, "clientsManagedPercent", 75.0, 25.0, "percent");
    // 500 / (500 + open balance of D1, D2, D4 = 5000) = 9.09 %; before 100 / (100 + 1500) = 6.25 %.
    assertKpi(r, "recoveryRatePercent", 9.09, 6.25, "percent");
    assertKpi(r, "promisesMade", 2.0, 0.0, "count");
    assertKpi(r, "promisesKept", 1.0, 0.0, "count");
    assertKpi(r, "promisesBroken", 1.0, 0.0, "count");
    // 6 attempts in 4 agent-days (ana 03-02 and 03-03, beto 03-04, carla 03-04); before 1 in 1.
    assertKpi(r, "visitsPerAgentDay", 1.5, 1.0, "count");
    // (20 + 10 + 30 + 15 + 5) / 5 timed attempts; before 40.
    assertKpi(r, "averageVisitMinutes", 16.0, 40.0, "minutes");
    // (2 x 0.01 + 0.005 degree) / 4 agent-days; before, ana's 02-28 had no fixes (03-01's are not a visit day).
    assertKpi(r, "distanceKmPerAgentDay", Kpis.round(2.5 * CENTI_DEGREE / 1000 / 4), 0.0, "km");
    assertKpi(r, "rejectedPercent", 14.29, 50.0, "percent");

    JsonArray agents = r.getJsonArray("agents");
    assertEquals(3, agents.size());
    assertEquals(new JsonObject().put("agentId", "ana").put("name", "Agent ana").put("team", "norte").put("days", 2)
        .put("visits", 4).put("contacts", 2).put("contactRate", 0.6667).put("rejected", 1).put("promises", 1)
        .put("collected", 300.0).put("visitMinutes", 15.0).put("distanceKm", Kpis.round(2 * CENTI_DEGREE / 1000)),
        normalised(agents.getJsonObject(0)));
    assertEquals(new JsonObject().put("agentId", "beto").put("name", "Agent beto").put("team", "sur").put("days", 1)
        .put("visits", 2).put("contacts", 2).put("contactRate", 1.0).put("rejected", 0).put("promises", 1)
        .put("collected", 0.0).put("visitMinutes", 22.5).put("distanceKm", Kpis.round(0.5 * CENTI_DEGREE / 1000)),
        normalised(agents.getJsonObject(1)));
    assertEquals(new JsonObject().put("agentId", "carla").put("name", "Agent carla").putNull("team").put("days", 1)
        .put("visits", 1).put("contacts", 1).put("contactRate", 1.0).put("rejected", 0).put("promises", 0)
        .put("collected", 200.0).put("visitMinutes", 5.0).put("distanceKm", 0.0), normalised(agents.getJsonObject(2)));
    assertTrue(server.request("GET", "/api/reports/kpis?" + PERIOD, admin, null).body().contains("\"collected\":300.00"),
        "money is written as a decimal of cents");
  }

  @Test
  void aSegmentNarrowsThePortfolioAndTheVisits() {
    JsonObject r = kpis(server, admin, PERIOD + "&segment=A");
    assertEquals("A", r.getJsonObject("filter").getString("segment"));
    // Segment A: D1 1500 + D4 1500 open; overdue D1-a 1000 (31 days); collected 500 from D1.
    assertEquals(18.0, value(r, "collectionPeriodDays"));
    assertEquals(10.33, value(r, "averageDebtAgeDays"));
    assertEquals(33.33, value(r, "overduePercent"));
    assertEquals(100.0, value(r, "clientsManagedPercent"));
    assertEquals(14.29, value(r, "recoveryRatePercent"));
    // ana's D1 visits on 03-02 and 03-03, beto's D4 and carla's D1 on 03-04: 4 attempts, 4 agent-days, none rejected.
    assertEquals(1.0, value(r, "visitsPerAgentDay"));
    assertEquals(0.0, value(r, "rejectedPercent"));
    assertEquals(2.0, value(r, "promisesMade"));
  }

  @Test
  void dispatchersSeeTheirTeamsAgentsAndTheTeamFilterNarrows() {
    JsonObject mine = kpis(server, dispatcherNorte, PERIOD);
    assertEquals(List.of("ana"), agentIds(mine));
    assertEquals(1.5, value(mine, "visitsPerAgentDay"));
    assertEquals(25.0, value(mine, "rejectedPercent"));
    assertEquals(1.0, value(mine, "promisesMade"));
    assertEquals(1.0, value(mine, "promisesKept"));
    assertEquals(0.0, value(mine, "promisesBroken"));
    assertEquals(15.0, value(mine, "averageVisitMinutes"));
    assertEquals(Kpis.round(2 * CENTI_DEGREE / 1000 / 2), value(mine, "distanceKmPerAgentDay"));
    // ana attempted D1 and D2 of 4 open debtors; 300 / (300 + 1500 + 2000).
    assertEquals(50.0, value(mine, "clientsManagedPercent"));
    assertEquals(7.89, value(mine, "recoveryRatePercent"));
    // The portfolio's own indicators are the agency's, not the team's.
    assertEquals(36.0, value(mine, "collectionPeriodDays"));

    assertEquals(List.of("beto"), agentIds(kpis(server, admin, PERIOD + "&team=sur")));
    assertEquals(List.of("carla"), agentIds(kpis(server, admin, PERIOD + "&agent=carla")));
    // Another team's agents answer like agents that do not exist.
    assertNothingVisited(kpis(server, dispatcherNorte, PERIOD + "&team=sur"));
    assertNothingVisited(kpis(server, dispatcherNorte, PERIOD + "&agent=beto"));
    assertNothingVisited(kpis(server, managerWithoutTeams, PERIOD));
  }

  @Test
  void filtersMatchingNothingAreNullsAndZeros() {
    assertNothingVisited(kpis(server, admin, PERIOD + "&agent=nadie"));
    assertNothingVisited(kpis(server, admin, "from=2020-01-01&to=2020-01-31"));
    JsonObject r = kpis(server, admin, PERIOD + "&segment=ZZZ");
    assertNothingVisited(r);
    for (String kpi : List.of("collectionPeriodDays", "averageDebtAgeDays", "overduePercent", "clientsManagedPercent")) {
      assertNull(value(r, kpi), kpi);
    }
    assertEquals(new JsonArray(), r.getJsonArray("currencies"));
  }

  @Test
  void badParametersAre400s() {
    for (String query : List.of("", "to=2026-03-04", "from=2026-03-02", "from=2026-03-05&to=2026-03-04", "from=2026-13-01&to=2026-03-04",
        "from=yesterday&to=2026-03-04", "from=2020-01-01&to=2026-03-04")) {
      HttpResponse<String> r = server.request("GET", "/api/reports/kpis?" + query, admin, null);
      assertEquals(400, r.statusCode(), query + " -> " + r.body());
    }
  }

  static void assertNothingVisited(JsonObject r) {
    assertEquals(new JsonArray(), r.getJsonArray("agents"), r.encode());
    for (String kpi : List.of("promisesMade", "promisesKept", "promisesBroken")) {
      assertEquals(0.0, value(r, kpi), kpi);
    }
    for (String kpi : List.of("recoveryRatePercent", "visitsPerAgentDay", "averageVisitMinutes", "distanceKmPerAgentDay", "rejectedPercent")) {
      assertNull(value(r, kpi), kpi);
    }
    Double managed = value(r, "clientsManagedPercent");
    assertTrue(managed == null || managed == 0.0, "managed " + managed);
  }

  static void assertKpi(JsonObject r, String kpi, double value, Double previousValue, String unit) {
    assertEquals(value, value(r, kpi), kpi);
    assertEquals(previousValue, previous(r, kpi), kpi + " previous");
    assertEquals(unit, r.getJsonObject("kpis").getJsonObject(kpi).getString("unit"), kpi);
  }

  /** Numbers as doubles, so that 300.00 and 300.0 compare equal. */
  static JsonObject normalised(JsonObject agent) {
    JsonObject o = agent.copy();
    for (String n : List.of("contactRate", "collected", "visitMinutes", "distanceKm")) {
      if (o.getValue(n) != null) {
        o.put(n, o.getDouble(n));
      }
    }
    for (String n : List.of("days", "visits", "contacts", "rejected", "promises")) {
      o.put(n, o.getInteger(n));
    }
    return o;
  }

  static List<String> agentIds(JsonObject r) {
    return r.getJsonArray("agents").stream().map(a -> ((JsonObject) a).getString("agentId")).toList();
  }
}
