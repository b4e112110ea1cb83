package io.campo.server.report;

import static io.campo.server.report.ReportTestData.cell;
import static io.campo.server.report.ReportTestData.matrix;
import static io.campo.server.report.ReportTestData.raw;
import static io.campo.server.report.ReportTestData.report;
import static io.campo.server.report.ReportTestData.rollup;
import static io.campo.server.report.ReportTestData.sql;
import static io.campo.server.report.ReportTestData.visits;
import static io.campo.server.report.ReportTestData.visitsAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/reports/contact-hours} on a small known dataset in America/Mexico_City (UTC-6 all year since 2022),
 * and the rollup against the visit table after every kind of write.
 */
class ContactHourReportApiTest {

  static final String ZONE = "America/Mexico_City";
  static final String MARCH = "from=2026-03-01&to=2026-03-08";
  static TestServer server;
  static String admin;
  static String dispatcherNorte;
  static String managerWithoutTeams;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.startInZone(ZONE);
    admin = server.adminToken();
    for (String agent : List.of("ana", "beto", "carla")) {
      server.createAgent(agent);
    }
    for (String team : List.of("norte", "sur")) {
      assertEquals(201, server.request("POST", "/api/teams", admin, "{\"id\": \"" + team + "\"}").statusCode());
    }
    assertEquals(200, server.request("PUT", "/api/agents/ana/team", admin, "{\"team\": \"norte\"}").statusCode());
    assertEquals(200, server.request("PUT", "/api/agents/beto/team", admin, "{\"team\": \"sur\"}").statusCode());
    assertEquals(201, server.request("POST", "/api/users", admin, new JsonObject().put("username", "despacho-norte")
        .put("password", "despacho-norte-pw").put("role", "dispatcher").put("teams", new JsonArray().add("norte")).encode()).statusCode());
    assertEquals(201, server.request("POST", "/api/users", admin, new JsonObject().put("username", "gerente-solo")
        .put("password", "gerente-solo-pw").put("role", "manager").put("teams", new JsonArray()).encode()).statusCode());
    dispatcherNorte = server.login("despacho-norte", "despacho-norte-pw");
    managerWithoutTeams = server.login("gerente-solo", "gerente-solo-pw");
    sql(server, "INSERT INTO debtor (external_id, name, segment) VALUES ('D1', 'Uno', 'A'), ('D2', 'Dos', 'B'), ('D3', 'Tres', NULL)");

    // Monday 2026-03-02, 10:00-10:59 local = 16:xx UTC: 7 contacts of 10 (NO_CONTACT and WRONG_ADDRESS are not contacts)
    visits(server, "ana", "D1", "2026-03-02T16:05:00Z", "VALID",
        "PAID", "PAID", "PAID", "PAID", "PROMISE", "PROMISE", "PROMISE", "NO_CONTACT", "NO_CONTACT", "WRONG_ADDRESS");
    // ... and two visits that failed validation: not attempts at all
    visits(server, "ana", "D1", "2026-03-02T16:30:00Z", "REJECTED", "PAID", "PAID");
    // Monday 11:00 local: REFUSED and INCIDENT are contacts too: 8 of 10
    visits(server, "ana", "D1", "2026-03-02T17:00:00Z", "OVERRIDDEN",
        "REFUSED", "REFUSED", "REFUSED", "REFUSED", "INCIDENT", "INCIDENT", "PAID", "PAID", "NO_CONTACT", "NO_CONTACT");
    // Tuesday 2026-03-03 18:00 local, which is already Wednesday 00:xx in UTC: 3 of 3, sparse under 10 attempts
    visits(server, "beto", "D2", "2026-03-04T00:10:00Z", "VALID", "PROMISE", "PROMISE", "PROMISE");
    // Wednesday 09:00 local: nobody home, 0 of 10
    visits(server, "beto", "D2", "2026-03-04T15:00:00Z", "VALID",
        "NO_CONTACT", "NO_CONTACT", "NO_CONTACT", "NO_CONTACT", "NO_CONTACT", "NO_CONTACT", "NO_CONTACT", "NO_CONTACT", "NO_CONTACT",
        "WRONG_ADDRESS");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static void assertRate(JsonObject cell, long attempts, long contacts, double lower, double upper) {
    assertEquals(attempts, cell.getLong("attempts"), cell.encode());
    assertEquals(contacts, cell.getLong("contacts"), cell.encode());
    assertFalse(cell.getBoolean("sparse"), cell.encode());
    assertEquals((double) contacts / attempts, cell.getDouble("rate"), 1e-9, cell.encode());
    assertEquals(lower, cell.getDouble("lower"), 5e-5, cell.encode());
    assertEquals(upper, cell.getDouble("upper"), 5e-5, cell.encode());
  }

  static void assertSparse(JsonObject cell, long attempts) {
    assertEquals(attempts, cell.getLong("attempts"), cell.encode());
    assertTrue(cell.getBoolean("sparse"), cell.encode());
    assertNull(cell.getValue("rate"), cell.encode());
    assertNull(cell.getValue("lower"), cell.encode());
    assertNull(cell.getValue("upper"), cell.encode());
  }

  static void assertEmptyMatrix(JsonObject report) {
    JsonArray cells = report.getJsonArray("cells");
    assertEquals(168, cells.size());
    for (int i = 0; i < cells.size(); i++) {
      assertSparse(cells.getJsonObject(i), 0);
      assertEquals(0, cells.getJsonObject(i).getLong("contacts"));
    }
    assertEquals(0, report.getJsonObject("totals").getLong("attempts"));
    assertEquals(new JsonArray(), report.getJsonArray("bestWindows"));
  }

  @Test
  void theKnownWeekHasExactCountsWilsonBoundsAndBestWindows() {
    JsonObject r = report(server, admin, MARCH);
    assertEquals(ZONE, r.getString("timeZone"));
    assertEquals(168, r.getJsonArray("cells").size());
    assertEquals(List.of("1 10 10 7", "1 11 10 8", "2 18 3 3", "3 9 10 0"), matrix(r));
    // 7/10: p = 0.7, (0.7 + 1.9208/10) / 1.38415 ± (1.96 / 1.38415) sqrt(0.021 + 0.0096) = [0.3968, 0.8922]
    assertRate(cell(r, 1, 10), 10, 7, 0.3968, 0.8922);
    assertRate(cell(r, 1, 11), 10, 8, 0.4902, 0.9433);
    // 3 out of 3 is not "100 %": too few attempts to say anything
    assertSparse(cell(r, 2, 18), 3);
    assertEquals(3, cell(r, 2, 18).getLong("contacts"));
    // 0 of 10 is well evidenced, so it is shown: [0, 0.2775]
    assertRate(cell(r, 3, 9), 10, 0, 0.0, 0.2775);
    assertSparse(cell(r, 7, 23), 0);
    assertEquals(new JsonObject().put("attempts", 33).put("contacts", 18), r.getJsonObject("totals"));
    // Monday 10-12 pooled: 15/20, [0.5313, 0.8881]; Wednesday 9 reached nobody and is not recommended.
    JsonArray windows = r.getJsonArray("bestWindows");
    assertEquals(1, windows.size(), windows.encodePrettily());
    JsonObject best = windows.getJsonObject(0);
    assertEquals(List.of(1, 10, 12, 20L, 15L), List.of(best.getInteger("weekday"), best.getInteger("startHour"),
        best.getInteger("endHour"), best.getLong("attempts"), best.getLong("contacts")));
    assertEquals(0.5313, best.getDouble("lower"), 5e-5);
    assertEquals(0.8881, best.getDouble("upper"), 5e-5);
  }

  @Test
  void minAttemptsDecidesWhatIsSparse() {
    JsonObject r = report(server, admin, MARCH + "&minAttempts=3");
    assertRate(cell(r, 2, 18), 3, 3, 0.4385, 1.0);
    JsonArray windows = r.getJsonArray("bestWindows");
    assertEquals(2, windows.size(), windows.encodePrettily());
    assertEquals(2, windows.getJsonObject(1).getInteger("weekday"));
    assertEquals(18, windows.getJsonObject(1).getInteger("startHour"));
    assertEquals(3, r.getJsonObject("filter").getInteger("minAttempts"));
    assertSparse(cell(report(server, admin, MARCH + "&minAttempts=11"), 1, 10), 10);
  }

  @Test
  void agentTeamSegmentAndLocalDatesFilter() {
    assertEquals(List.of("1 10 10 7", "1 11 10 8"), matrix(report(server, admin, MARCH + "&agent=ana")));
    assertEquals(List.of("1 10 10 7", "1 11 10 8"), matrix(report(server, admin, MARCH + "&team=norte")));
    assertEquals(List.of("1 10 10 7", "1 11 10 8"), matrix(report(server, admin, MARCH + "&segment=A")));
    assertEquals(List.of("2 18 3 3", "3 9 10 0"), matrix(report(server, admin, MARCH + "&team=sur&segment=B")));
    // Dates are the agency's local dates: the Tuesday-evening visits happened on Wednesday in UTC.
    assertEquals(List.of("2 18 3 3"), matrix(report(server, admin, "from=2026-03-03&to=2026-03-03")));
    assertEquals(List.of("3 9 10 0"), matrix(report(server, admin, "from=2026-03-04&to=2026-03-04")));
    // An empty value is no filter, as an unselected form field sends it.
    assertEquals(4, matrix(report(server, admin, MARCH + "&agent=&team=&segment=&minAttempts=")).size());
  }

  @Test
  void filtersThatMatchNothingGiveAFullMatrixOfZeros() {
    assertEmptyMatrix(report(server, admin, MARCH + "&agent=nadie"));
    assertEmptyMatrix(report(server, admin, MARCH + "&team=oeste"));
    assertEmptyMatrix(report(server, admin, MARCH + "&segment=Z"));
    assertEmptyMatrix(report(server, admin, MARCH + "&agent=ana&team=sur"));
    assertEmptyMatrix(report(server, admin, "from=2020-01-01&to=2020-12-31"));
  }

  @Test
  void dispatchersAndManagersSeeOnlyTheAgentsOfTheirTeams() {
    assertEquals(List.of("1 10 10 7", "1 11 10 8"), matrix(report(server, dispatcherNorte, MARCH)));
    // Another team's agent answers like one that does not exist.
    assertEmptyMatrix(report(server, dispatcherNorte, MARCH + "&agent=beto"));
    assertEmptyMatrix(report(server, dispatcherNorte, MARCH + "&team=sur"));
    assertEmptyMatrix(report(server, managerWithoutTeams, MARCH));
  }

  @Test
  void badParametersAre400sThatSayWhy() {
    Map<String, String> expected = Map.of(
        "to=2026-03-01", "'from' is required",
        "from=2026-3-1&to=2026-03-08", "'from' must be a local date like 2026-03-01, got '2026-3-1'",
        "from=2026-03-08&to=2026-03-01", "from (2026-03-08) is after to (2026-03-01)",
        "from=2020-01-01&to=2026-03-01", "longer than 3 years",
        MARCH + "&minAttempts=0", "'minAttempts' must be a whole number from 1 to 1000000, got '0'",
        MARCH + "&minAttempts=diez", "got 'diez'");
    expected.forEach((query, message) -> {
      HttpResponse<String> r = server.request("GET", "/api/reports/contact-hours?" + query, admin, null);
      assertEquals(400, r.statusCode(), query + " -> " + r.body());
      assertTrue(new JsonObject(r.body()).getString("error").contains(message), query + " -> " + r.body());
    });
  }

  static final String OUTER = "(-99.2 19.3, -99.0 19.3, -99.0 19.5, -99.2 19.5, -99.2 19.3)";
  static final String HOLE = "(-99.06 19.44, -99.04 19.44, -99.04 19.46, -99.06 19.46, -99.06 19.44)";

  static JsonObject zoneReport(String token, JsonObject body) {
    HttpResponse<String> r = server.request("POST", "/api/reports/contact-hours", token, body.encode());
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  @Test
  void aZoneCountsTheVisitsCheckedInsideItsPolygonsAndOutsideTheirHoles() {
    // Thursday 2026-03-12 (a week no other test reads), 10:00 local: 3 inside the zone, 2 inside its hole, 4 far east of it
    sql(server, "INSERT INTO debtor (external_id, name, segment) VALUES ('Z1', 'Zeta', 'E')");
    visitsAt(server, -99.10, 19.40, "eva", "Z1", "2026-03-12T16:00:00Z", "VALID", "PAID", "PROMISE", "REFUSED");
    visitsAt(server, -99.05, 19.45, "eva", "Z1", "2026-03-12T16:10:00Z", "VALID", "PAID", "PAID");
    visitsAt(server, -98.50, 19.40, "eva", "Z1", "2026-03-12T16:20:00Z", "VALID", "NO_CONTACT", "NO_CONTACT", "NO_CONTACT", "PAID");
    JsonObject eva = new JsonObject().put("from", "2026-03-09").put("to", "2026-03-15").put("agent", "eva").put("minAttempts", 1);
    assertEquals(List.of("4 10 9 6"), matrix(report(server, admin, "from=2026-03-09&to=2026-03-15&agent=eva")));
    assertEquals(List.of("4 10 5 5"), matrix(zoneReport(admin, eva.copy().put("zone", "POLYGON(" + OUTER + ")"))));
    JsonObject r = zoneReport(admin, eva.copy().put("zone", "POLYGON(" + OUTER + ", " + HOLE + ")"));
    assertEquals(List.of("4 10 3 3"), matrix(r));
    assertRate(cell(r, 4, 10), 3, 3, 0.4385, 1.0);
    JsonObject multi = new JsonObject("{\"type\": \"MultiPolygon\", \"coordinates\": ["
        + "[[[-99.2, 19.3], [-99.0, 19.3], [-99.0, 19.5], [-99.2, 19.5], [-99.2, 19.3]],"
        + " [[-99.06, 19.44], [-99.04, 19.44], [-99.04, 19.46], [-99.06, 19.46], [-99.06, 19.44]]],"
        + "[[[-98.6, 19.3], [-98.4, 19.3], [-98.4, 19.5], [-98.6, 19.3]]]]}");
    assertEquals(List.of("4 10 7 4"), matrix(zoneReport(admin, eva.copy().put("zone", multi))));
    assertEmptyMatrix(zoneReport(admin, eva.copy().put("zone", "POLYGON((0 0, 1 0, 1 1, 0 0))")));

    // The other filters, the local dates and the team scope apply as in GET.
    JsonObject march = new JsonObject().put("from", "2026-03-01").put("to", "2026-03-08").put("zone", "POLYGON(" + OUTER + ")");
    assertEquals(matrix(report(server, admin, MARCH + "&agent=ana")), matrix(zoneReport(admin, march.copy().put("agent", "ana"))));
    assertEquals(List.of("2 18 3 3"), matrix(zoneReport(admin, march.copy().put("from", "2026-03-03").put("to", "2026-03-03"))));
    assertEquals(List.of("1 10 10 7", "1 11 10 8"), matrix(zoneReport(dispatcherNorte, march)));
    assertEquals(matrix(report(server, admin, MARCH)), matrix(zoneReport(admin, march)));
    assertEquals(List.of("1 10 10 7", "1 11 10 8", "2 18 3 3", "3 9 10 0"), matrix(zoneReport(admin, march)));
  }

  @Test
  void aZoneRequestWithoutAZoneOrWithABadOneIs400() {
    Map<String, String> expected = Map.of(
        "{\"from\": \"2026-03-01\", \"to\": \"2026-03-08\"}", "'zone' is required in a POST",
        "{\"from\": \"2026-03-01\", \"to\": \"2026-03-08\", \"zone\": \"POLYGON((1 2, 3 4, 1 2))\"}", "at least 4 positions",
        "{\"from\": \"2026-03-01\", \"to\": \"2026-03-08\", \"zone\": {\"type\": \"Point\", \"coordinates\": [1, 2]}}",
        "Polygon or MultiPolygon",
        "{\"from\": \"2026-03-09\", \"to\": \"2026-03-08\", \"zone\": \"POLYGON((0 0, 1 0, 1 1, 0 0))\"}", "is after to",
        "{\"from\": 20260301, \"to\": \"2026-03-08\", \"zone\": \"POLYGON((0 0, 1 0, 1 1, 0 0))\"}", "'from' must be a local date",
        "{\"from\": \"2026-03-01\", \"to\": \"2026-03-08\", \"minAttempts\": 0.5, \"zone\": \"POLYGON((0 0, 1 0, 1 1, 0 0))\"}",
        "'minAttempts' must be a whole number",
        "not json", "request body is not valid JSON");
    expected.forEach((body, message) -> {
      HttpResponse<String> r = server.request("POST", "/api/reports/contact-hours", admin, body);
      assertEquals(400, r.statusCode(), body + " -> " + r.body());
      assertTrue(new JsonObject(r.body()).getString("error").contains(message), body + " -> " + r.body());
    });
  }

  @Test
  void theRollupEqualsTheVisitTableAfterInsertsLateInsertsCorrectionsAndDeletes() {
    assertEquals(raw(server, ZONE), rollup(server));
    // Debtors of this test only: their segments change below.
    sql(server, "INSERT INTO debtor (external_id, name, segment) VALUES ('R1', 'Erre uno', 'A'), ('R2', 'Erre dos', 'B'), ('R3', 'Erre tres', NULL)");
    // Four and a half days of carla's visits in 2025, every hour, with a mix of outcomes
    sql(server, "INSERT INTO visit (agent_id, idempotency_key, request_hash, debtor_id, check_in_at, check_in_lat, check_in_lon,"
        + " check_in_accuracy, outcome, outcome_details, status, validation)"
        + " SELECT 'carla', 'bulk-' || i, 'test', (SELECT id FROM debtor WHERE external_id = (ARRAY['R1', 'R2', 'R3'])[1 + i % 3]),"
        + " timestamptz '2025-06-01 00:00Z' + make_interval(mins => i * 17),"
        + " 19.43, -99.13, 8, (ARRAY['PAID', 'NO_CONTACT', 'PROMISE', 'WRONG_ADDRESS', 'REFUSED'])[1 + i % 5], '{}',"
        + " (ARRAY['VALID', 'VALID', 'REJECTED', 'OVERRIDDEN'])[1 + i % 4], '{}' FROM generate_series(1, 400) AS i");
    assertEquals(raw(server, ZONE), rollup(server));
    // A late insert: a visit recorded now about New Year's Eve 2023, 23:59 local (already 2024 in UTC)
    visits(server, "carla", "R3", "2024-01-01T05:59:00Z", "VALID", "PAID");
    assertEquals(raw(server, ZONE), rollup(server));
    // Outcome corrections, overrides, a check-in time fixed, a visit moved to another agent and another debtor
    sql(server, "UPDATE visit SET outcome = 'PAID' WHERE agent_id = 'carla' AND outcome = 'NO_CONTACT' AND id % 2 = 0",
        "UPDATE visit SET status = 'OVERRIDDEN' WHERE agent_id = 'carla' AND status = 'REJECTED' AND id % 3 = 0",
        "UPDATE visit SET check_in_at = check_in_at - interval '3 hours 30 minutes' WHERE idempotency_key LIKE 'bulk-1%'",
        "UPDATE visit SET agent_id = 'ana', debtor_id = (SELECT id FROM debtor WHERE external_id = 'R1') WHERE idempotency_key = 'bulk-7'",
        "UPDATE visit SET outcome = 'NO_CONTACT', status = 'REJECTED' WHERE idempotency_key = 'bulk-8'");
    assertEquals(raw(server, ZONE), rollup(server));
    sql(server, "DELETE FROM visit WHERE agent_id = 'carla' AND id % 7 = 0");
    assertEquals(raw(server, ZONE), rollup(server));
    // A re-import changes a debtor's segment: its visits follow it
    sql(server, "UPDATE debtor SET segment = 'C' WHERE external_id = 'R3'", "UPDATE debtor SET segment = NULL WHERE external_id = 'R2'",
        "UPDATE debtor SET segment = 'B' WHERE external_id = 'R1'");
    assertEquals(raw(server, ZONE), rollup(server));
    assertEquals(0, server.count("SELECT count(*) FROM visit_contact_hourly WHERE weekday <> extract(isodow FROM local_day)"));

    // And the report's matrix is the visit table grouped by local weekday and hour.
    List<String> expected = ReportTestData.rows(server, "SELECT extract(isodow FROM l) || ' ' || extract(hour FROM l) || ' ' || count(*)"
        + " || ' ' || count(*) FILTER (WHERE outcome NOT IN ('NO_CONTACT', 'WRONG_ADDRESS')) FROM visit"
        + " CROSS JOIN LATERAL (SELECT check_in_at AT TIME ZONE '" + ZONE + "') AS t(l)"
        + " WHERE agent_id = 'carla' AND status <> 'REJECTED' GROUP BY extract(isodow FROM l), extract(hour FROM l)"
        + " ORDER BY extract(isodow FROM l), extract(hour FROM l)");
    assertTrue(expected.size() > 20, expected.toString());
    assertEquals(expected, matrix(report(server, admin, "from=2023-12-31&to=2026-12-30&agent=carla&minAttempts=1")));
    assertEquals(List.of("7 23 1 1"), matrix(report(server, admin, "from=2023-12-31&to=2023-12-31&agent=carla")));
    assertEmptyMatrix(report(server, admin, "from=2024-01-01&to=2024-01-01&agent=carla"));
    assertEquals(List.of("1 10 10 7", "1 11 10 8"), matrix(report(server, admin, MARCH + "&agent=ana")));
  }

  @Test
  void aVisitPostedByAPhoneCountsOnceItIsProvenOrOverridden() throws Exception {
    String deviceToken = server.createAgent("dario");
    sql(server, "INSERT INTO debtor (external_id, name, segment) VALUES ('D4', 'Cuatro', 'A')",
        "INSERT INTO address (debtor_id, lat, lon, radius_m) SELECT id, 19.4326, -99.1332, 75 FROM debtor WHERE external_id = 'D4'");
    HttpResponse<String> login = server.request("POST", "/api/auth/device", null,
        new JsonObject().put("agentId", "dario").put("deviceToken", deviceToken).encode());
    String phone = new JsonObject(login.body()).getString("token");
    Instant at = Instant.now().minusSeconds(600);
    String today = LocalDate.ofInstant(at, ZoneId.of(ZONE)).toString();
    int hour = at.atZone(ZoneId.of(ZONE)).getHour();
    int weekday = at.atZone(ZoneId.of(ZONE)).getDayOfWeek().getValue();
    JsonObject visit = new JsonObject().put("debtor", "D4")
        .put("checkIn", new JsonObject().put("at", at.toString()).put("lat", 19.4326).put("lon", -99.1332).put("accuracy", 8))
        .put("checkOutAt", at.plusSeconds(300).toString())
        .put("outcome", new JsonObject().put("type", "REFUSED").put("note", "no quiere pagar"));
    HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/visits"))
        .header("Authorization", "Bearer " + phone).header("Content-Type", "application/json").header("Idempotency-Key", "dario-1")
        .POST(HttpRequest.BodyPublishers.ofString(visit.encode())).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(201, posted.statusCode(), posted.body());
    JsonObject v = new JsonObject(posted.body());
    // No track stored for dario, so the visit is not proven: not an attempt yet.
    assertEquals("REJECTED", v.getString("status"), v.encodePrettily());
    String query = "from=" + today + "&to=" + today + "&agent=dario&minAttempts=1";
    assertEmptyMatrix(report(server, admin, query));

    HttpResponse<String> overridden = server.request("POST", "/api/visits/" + v.getLong("id") + "/override", admin,
        "{\"reason\": \"confirmado por llamada al deudor\"}");
    assertEquals(200, overridden.statusCode(), overridden.body());
    JsonObject r = report(server, admin, query);
    assertEquals(List.of(weekday + " " + hour + " 1 1"), matrix(r));
    assertRate(cell(r, weekday, hour), 1, 1, 0.2065, 1.0);
    assertEquals(raw(server, ZONE), rollup(server));
  }
}
