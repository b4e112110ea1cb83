package io.campo.server.report;

import static io.campo.server.report.ReportTestData.sql;
import static io.campo.server.report.ReportTestData.visits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /api/debtors/{externalId}/contact-windows}: each hour shrunk toward the debtor's segment, exact numbers. */
class DebtorContactWindowsApiTest {

  static TestServer server;
  static String admin;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.startInZone("America/Mexico_City");
    admin = server.adminToken();
    sql(server, "INSERT INTO debtor (external_id, name, segment) VALUES ('S1', 'Uno', 'A'), ('S2', 'Dos', 'A'), ('S3', 'Tres', 'A'),"
        + " ('S4', 'Sin segmento', NULL), ('S5', 'Nunca visitado', 'A'), ('B1', 'Otro segmento', 'B')");
    // Local hours in Mexico City (UTC-6): 16:00Z is 10:00, 01:00Z is 19:00 the day before, 21:00Z is 15:00.
    visits(server, "ana", "S2", "2026-03-02T16:00:00Z", "VALID",
        "PAID", "PAID", "PAID", "PAID", "PAID", "NO_CONTACT", "NO_CONTACT", "NO_CONTACT", "NO_CONTACT", "NO_CONTACT");
    visits(server, "ana", "S2", "2026-03-02T16:30:00Z", "REJECTED", "PAID", "PAID");
    visits(server, "beto", "S3", "2026-03-09T16:00:00Z", "VALID",
        "PROMISE", "PROMISE", "PROMISE", "NO_CONTACT", "NO_CONTACT", "NO_CONTACT", "NO_CONTACT", "WRONG_ADDRESS");
    visits(server, "beto", "S3", "2026-03-03T01:00:00Z", "VALID", "PAID", "PAID", "PAID", "PAID", "PAID", "PAID", "PAID", "PAID");
    visits(server, "ana", "S1", "2026-03-02T16:40:00Z", "VALID", "NO_CONTACT", "NO_CONTACT");
    visits(server, "ana", "S1", "2026-03-04T01:30:00Z", "OVERRIDDEN", "PAID");
    visits(server, "ana", "S1", "2026-03-05T21:00:00Z", "VALID", "PAID", "PAID", "REFUSED", "NO_CONTACT");
    visits(server, "ana", "S4", "2026-03-06T16:00:00Z", "VALID", "PAID");
    // Another segment's visits never move segment A's prior.
    visits(server, "ana", "B1", "2026-03-06T16:00:00Z", "VALID", "NO_CONTACT", "NO_CONTACT", "NO_CONTACT");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonObject windows(String debtor, String query) {
    HttpResponse<String> r = server.request("GET", "/api/debtors/" + debtor + "/contact-windows" + query, admin, null);
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  static List<Integer> bestHours(JsonObject w) {
    List<Integer> out = new ArrayList<>();
    JsonArray best = w.getJsonArray("bestHours");
    for (int i = 0; i < best.size(); i++) {
      out.add(best.getJsonObject(i).getInteger("hour"));
    }
    return out;
  }

  static JsonObject hour(JsonObject w, int h) {
    return w.getJsonArray("hours").getJsonObject(h);
  }

  @Test
  void aDebtorsHoursAreShrunkTowardTheOtherDebtorsOfItsSegment() {
    JsonObject w = windows("S1", "");
    assertEquals("A", w.getString("segment"));
    assertEquals(10.0, w.getDouble("priorStrength"));
    assertEquals(24, w.getJsonArray("hours").size());
    // Hour 10: own 0/2; S2 and S3 together 8/18 -> m = 9/20, Beta(4.5, 5.5) -> 4.5/12
    JsonObject ten = hour(w, 10);
    assertEquals(List.of(2L, 0L, 18L, 8L), List.of(ten.getLong("attempts"), ten.getLong("contacts"),
        ten.getLong("segmentAttempts"), ten.getLong("segmentContacts")));
    assertEquals(0.45, ten.getDouble("priorMean"), 1e-12);
    assertEquals(4.5, ten.getDouble("alpha"), 1e-12);
    assertEquals(5.5, ten.getDouble("beta"), 1e-12);
    assertEquals(0.375, ten.getDouble("posteriorMean"), 1e-12);
    // Hour 19: own 1/1 (an overridden visit counts); segment 8/8 -> m = 9/10 -> 10/11
    assertEquals(10.0 / 11, hour(w, 19).getDouble("posteriorMean"), 1e-12);
    // Hour 15: own 3/4; the segment never tried it -> m = 1/2 -> 8/14
    assertEquals(8.0 / 14, hour(w, 15).getDouble("posteriorMean"), 1e-12);
    assertEquals(List.of(19, 15, 10), bestHours(w));
    // priorStrength 1: (x + m) / (n + 1)
    JsonObject weak = windows("S1", "?priorStrength=1");
    assertEquals(1.9 / 2, hour(weak, 19).getDouble("posteriorMean"), 1e-12);
    assertEquals(3.5 / 5, hour(weak, 15).getDouble("posteriorMean"), 1e-12);
  }

  @Test
  void oneWeekdaysHoursKeepEachVisitOnceAndFollowTheSegmentsWeekdayPattern() {
    // Every visit at hour 10 was on a Monday (local): S1's own 0/2, S2 and S3's 8/18 -> m = 0.45.
    JsonObject monday = windows("S1", "?weekday=1");
    assertEquals(1, monday.getInteger("weekday"));
    JsonObject ten = hour(monday, 10);
    // The segment's Monday rate (8 + 4.5) / 28 over m scales S1's other days' rate (none: m) -> 12.5 / 28;
    // S1's own Mondays (0/2) update it: (0 + 125/28) / 12.
    assertEquals(12.5 / 28, ten.getDouble("priorMean"), 1e-12);
    assertEquals(125.0 / 28 / 12, ten.getDouble("posteriorMean"), 1e-12);
    assertEquals(List.of(2L, 0L, 18L, 8L), List.of(ten.getLong("attempts"), ten.getLong("contacts"),
        ten.getLong("segmentAttempts"), ten.getLong("segmentContacts")), "all-days own, the segment's Mondays");
    // On a Tuesday nobody was ever tried at 10: the every-day answer, 0.375.
    JsonObject tuesday = windows("S1", "?weekday=2");
    assertEquals(0.375, hour(tuesday, 10).getDouble("posteriorMean"), 1e-12);
    assertEquals(0L, hour(tuesday, 10).getLong("segmentAttempts"));
    assertNull(windows("S1", "").getValue("weekday"), "without the parameter: every day");
    for (String bad : List.of("0", "8", "lunes", "1.5")) {
      HttpResponse<String> r = server.request("GET", "/api/debtors/S1/contact-windows?weekday=" + bad, admin, null);
      assertEquals(400, r.statusCode(), bad);
      assertTrue(r.body().contains("'weekday' must be 1 (Monday) to 7 (Sunday)"), r.body());
    }
  }

  @Test
  void aDebtorNeverVisitedGetsItsSegmentsRatesAndOneWithoutASegmentEveryonesElse() {
    JsonObject never = windows("S5", "");
    // S1, S2, S3 at hour 10: 20 attempts, 8 contacts -> (8 + 1) / (20 + 2)
    assertEquals(9.0 / 22, hour(never, 10).getDouble("posteriorMean"), 1e-12);
    assertEquals(10.0 / 11, hour(never, 19).getDouble("posteriorMean"), 1e-12);
    assertEquals(4.0 / 6, hour(never, 15).getDouble("posteriorMean"), 1e-12);
    assertEquals(List.of(19, 15, 10), bestHours(never));

    JsonObject none = windows("S4", "");
    assertNull(none.getString("segment"));
    // Every other debtor at hour 10: 23 attempts (B1's 3 included), 8 contacts -> m = 9/25; own 1/1 -> (1 + 3.6) / 11
    assertEquals(23, hour(none, 10).getLong("segmentAttempts"));
    assertEquals(9.0 / 25, hour(none, 10).getDouble("priorMean"), 1e-12);
    assertEquals(4.6 / 11, hour(none, 10).getDouble("posteriorMean"), 1e-12);
  }

  @Test
  void officeRolesOfTheDebtorsTeamMayReadItAndBadInputIsRefused() throws Exception {
    String manager = server.officeUserInTeam("gerente-ventanas", "manager", "ventanas");
    String otherTeam = server.officeUserInTeam("gerente-otras", "manager", "otras-ventanas");
    assertEquals(404, server.request("GET", "/api/debtors/S1/contact-windows", manager, null).statusCode(),
        "a debtor without a team is seen by admins only");
    assertEquals(200, server.request("PUT", "/api/debtors/S1/team", admin, "{\"team\": \"ventanas\"}").statusCode());
    assertEquals(200, server.request("GET", "/api/debtors/S1/contact-windows", manager, null).statusCode());
    HttpResponse<String> hidden = server.request("GET", "/api/debtors/S1/contact-windows", otherTeam, null);
    assertEquals(404, hidden.statusCode());
    assertTrue(hidden.body().contains("no debtor 'S1'"), hidden.body());
    HttpResponse<String> unknown = server.request("GET", "/api/debtors/NADIE/contact-windows", admin, null);
    assertEquals(404, unknown.statusCode());
    assertTrue(unknown.body().contains("no debtor 'NADIE'"));
    for (String bad : new String[] {"0", "-1", "abc", "1001", "NaN"}) {
      HttpResponse<String> r = server.request("GET", "/api/debtors/S1/contact-windows?priorStrength=" + bad, admin, null);
      assertEquals(400, r.statusCode(), bad);
      assertTrue(r.body().contains("'priorStrength'"), r.body());
    }
  }
}
