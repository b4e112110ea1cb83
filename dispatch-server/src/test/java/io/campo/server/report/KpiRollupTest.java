package io.campo.server.report;

import static io.campo.server.report.KpiTestData.debt;
import static io.campo.server.report.KpiTestData.fix;
import static io.campo.server.report.KpiTestData.kpis;
import static io.campo.server.report.KpiTestData.value;
import static io.campo.server.report.KpiTestData.visit;
import static io.campo.server.report.ReportTestData.rows;
import static io.campo.server.report.ReportTestData.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.TestServer;
import io.campo.server.agentday.FixSummary;
import io.campo.tracking.telemetry.Fix;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The KPI rollups against the raw tables: {@code visit_kpi_daily} after inserts, late inserts,
 * corrections, a segment change and deletes; {@code agent_distance_daily} after fixes arrive late
 * for a past day. Each comparison recomputes the inputs straight from visit and telemetry.
 */
class KpiRollupTest {

  static final String ZONE = "America/Bogota";
  static TestServer server;
  static String admin;
  static DistanceRollup distances;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.startInZone(ZONE);
    admin = server.adminToken();
    server.createAgent("ana");
    server.createAgent("beto");
    sql(server, "INSERT INTO debtor (external_id, name, segment) VALUES ('D1', 'Uno', 'A'), ('D2', 'Dos', NULL)");
    debt(server, "D1", "a", "1000.00", "2026-01-01");
    distances = new DistanceRollup(KpiTestData.dataSource(server), ZoneId.of(ZONE));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Every non-empty rollup row, as text. */
  static List<String> rollup() {
    return rows(server, "SELECT local_day || ' ' || agent_id || ' ' || coalesce(segment, '-') || ' ' || visits || ' ' || rejected"
        + " || ' ' || attempts || ' ' || contacts || ' ' || promises || ' ' || collected || ' ' || timed || ' ' || visit_seconds::numeric(16,3)"
        + " FROM visit_kpi_daily WHERE visits > 0 ORDER BY 1");
  }

  /** The same, from the visit table itself. */
  static List<String> raw() {
    return raw(ZONE);
  }

  static List<String> raw(String zone) {
    String attempt = "v.status <> 'REJECTED'";
    String timed = attempt + " AND v.check_out_at >= v.check_in_at";
    return rows(server, "SELECT l || ' ' || v.agent_id || ' ' || coalesce(d.segment, '-') || ' ' || count(*)"
        + " || ' ' || count(*) FILTER (WHERE v.status = 'REJECTED') || ' ' || count(*) FILTER (WHERE " + attempt + ")"
        + " || ' ' || count(*) FILTER (WHERE " + attempt + " AND v.outcome NOT IN ('NO_CONTACT', 'WRONG_ADDRESS'))"
        + " || ' ' || count(*) FILTER (WHERE " + attempt + " AND v.outcome = 'PROMISE')"
        + " || ' ' || coalesce(sum((v.outcome_details->>'amount')::numeric) FILTER (WHERE " + attempt + " AND v.outcome = 'PAID'), 0)::numeric(16,2)"
        + " || ' ' || count(*) FILTER (WHERE " + timed + ")"
        + " || ' ' || coalesce(sum(extract(epoch FROM v.check_out_at - v.check_in_at)) FILTER (WHERE " + timed + "), 0)::numeric(16,3)"
        + " FROM visit v JOIN debtor d ON d.id = v.debtor_id"
        + " CROSS JOIN LATERAL (SELECT (v.check_in_at AT TIME ZONE '" + zone + "')::date) AS t(l)"
        + " GROUP BY l, v.agent_id, d.segment ORDER BY 1");
  }

  @Test
  void theVisitRollupFollowsEveryKindOfWrite() {
    // Bogota is UTC-5: 03:00Z on 04-02 is still 04-01 locally.
    visit(server, "ana", "D1", "2026-04-01T15:00:00Z", 12, "VALID", "PAID", "{\"amount\": \"120.50\"}");
    visit(server, "ana", "D1", "2026-04-02T03:00:00Z", 7, "VALID", "PROMISE", "{\"date\": \"2026-04-20\"}");
    visit(server, "ana", "D2", "2026-04-01T16:00:00Z", null, "REJECTED", "PAID", "{\"amount\": \"10.00\"}");
    visit(server, "beto", "D2", "2026-04-03T16:00:00Z", 3, "VALID", "NO_CONTACT", "{}");
    assertEquals(raw(), rollup());
    // ana's two D1 visits share local day 04-01 and segment A; her rejected D2 visit has a row of its own.
    assertEquals(3, rollup().size(), rollup().toString());

    // A late insert for a past day (a phone that was offline for a week).
    visit(server, "beto", "D1", "2026-03-20T14:00:00Z", 25, "VALID", "PAID", "{\"amount\": \"80.00\"}");
    assertEquals(raw(), rollup());

    // Corrections: an outcome, its amount, a status both ways, a check-out, a check-in moved to another day, an agent.
    sql(server, "UPDATE visit SET outcome = 'PAID', outcome_details = '{\"amount\": \"45.00\"}' WHERE agent_id = 'beto'"
        + " AND outcome = 'NO_CONTACT'");
    assertEquals(raw(), rollup());
    sql(server, "UPDATE visit SET outcome_details = '{\"amount\": \"130.00\"}' WHERE outcome_details->>'amount' = '120.50'");
    assertEquals(raw(), rollup());
    sql(server, "UPDATE visit SET status = 'OVERRIDDEN' WHERE status = 'REJECTED'");
    assertEquals(raw(), rollup());
    sql(server, "UPDATE visit SET status = 'REJECTED' WHERE outcome = 'PROMISE'");
    assertEquals(raw(), rollup());
    sql(server, "UPDATE visit SET check_out_at = check_in_at + interval '90 seconds' WHERE check_out_at IS NULL");
    assertEquals(raw(), rollup());
    sql(server, "UPDATE visit SET check_in_at = check_in_at - interval '1 day' WHERE outcome_details->>'amount' = '80.00'");
    assertEquals(raw(), rollup());
    sql(server, "UPDATE visit SET agent_id = 'ana' WHERE agent_id = 'beto' AND outcome = 'PAID' AND check_in_at > '2026-04-01'");
    assertEquals(raw(), rollup());
    // The debtor moves to another segment, its visits with it.
    sql(server, "UPDATE debtor SET segment = 'B' WHERE external_id = 'D2'");
    assertEquals(raw(), rollup());

    // And the API reads what the raw table says: collected 130 + 10 + 45 in April's first week, from 1000 of open balance.
    JsonObject r = kpis(server, admin, "from=2026-04-01&to=2026-04-07");
    assertEquals(Kpis.round(1000.0 * 7 / 185), value(r, "collectionPeriodDays"));

    sql(server, "DELETE FROM visit WHERE outcome = 'PROMISE'");
    assertEquals(raw(), rollup());
    sql(server, "DELETE FROM visit");
    assertEquals(List.of(), rollup());
  }

  @Test
  void anotherZoneRebucketsTheVisitRollupAndRecomputesDistances() throws Exception {
    // 02:00Z on 05-02 is 05-01 in Bogota and 05-02 in UTC.
    visit(server, "ana", "D2", "2026-05-02T02:00:00Z", 4, "VALID", "PAID", "{\"amount\": \"7.00\"}");
    fix(server, "beto", "2026-05-02T02:00:00Z", 4.60, -74.08);
    distances.refresh();
    sql(server, "SELECT contact_rollup_use_zone('UTC')");
    assertEquals(raw("UTC"), rollup());
    assertEquals(List.of(), storedDistances(), "distances are per local day: recomputed from scratch");
    sql(server, "SELECT contact_rollup_use_zone('" + ZONE + "')");
    assertEquals(raw(), rollup());
    distances.refresh();
    assertEquals(rawDistances(), storedDistances());
    sql(server, "DELETE FROM visit WHERE check_in_at = '2026-05-02T02:00:00Z'");
  }

  @Test
  void theDistanceRollupCatchesLateFixesForAPastDay() throws Exception {
    distances.refresh();
    // 2026-02-10 in Bogota: 05:00Z..05:00Z next day. The last fix is 02-10 locally though 02-11 in UTC.
    fix(server, "ana", "2026-02-10T14:00:00Z", 4.60, -74.08);
    fix(server, "ana", "2026-02-10T14:10:00Z", 4.61, -74.08);
    fix(server, "ana", "2026-02-11T02:00:00Z", 4.62, -74.08);
    fix(server, "beto", "2026-02-10T14:00:00Z", 4.60, -74.08);
    assertTrue(distances.refresh() >= 2, "ana's and beto's 02-10 at least");
    assertEquals(rawDistances(), storedDistances());
    assertEquals(0, distances.refresh(), "nothing arrived since the watermark");

    // Fixes arriving now for that past day (a backlog): the day is recomputed whole, jump rule included.
    fix(server, "ana", "2026-02-10T14:20:00Z", 4.615, -74.08);
    fix(server, "ana", "2026-02-10T14:15:00Z", 5.50, -74.08);
    fix(server, "beto", "2026-02-10T14:30:00Z", 4.63, -74.08);
    assertFalse(distances.refresh() == 0);
    assertEquals(rawDistances(), storedDistances());
    // ana: 4.60 -> 4.61 -> (jump to 5.50 skipped) -> 4.615 -> 4.62 is 0.02 degree; beto 0.03 degree.
    double centiDegree = 6_371_008.8 * Math.toRadians(0.01);
    assertEquals(List.of("ana 2026-02-10 " + Math.round(2 * centiDegree), "beto 2026-02-10 " + Math.round(3 * centiDegree)),
        storedDistances().stream().filter(d -> d.contains(" 2026-02-10 ")).toList());
  }

  static List<String> storedDistances() {
    return rows(server, "SELECT agent_id || ' ' || local_day || ' ' || round(meters) FROM agent_distance_daily ORDER BY 1");
  }

  /** Each agent-day's distance straight from its fixes, by the timeline's rule. */
  static List<String> rawDistances() throws SQLException {
    Map<String, List<Fix>> days = new java.util.TreeMap<>();
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", ""); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT agent_id, (device_time AT TIME ZONE '" + ZONE + "')::date, device_time, lat, lon"
            + " FROM telemetry ORDER BY agent_id, device_time")) {
      while (rs.next()) {
        long t = rs.getObject(3, java.time.OffsetDateTime.class).toInstant().toEpochMilli();
        days.computeIfAbsent(rs.getString(1) + " " + rs.getString(2), k -> new ArrayList<>())
            .add(new Fix(rs.getString(1), t, t, rs.getDouble(4), rs.getDouble(5), null, null, null, null, null, null));
      }
    }
    List<String> out = new ArrayList<>();
    days.forEach((key, fixes) -> out.add(key + " " + Math.round(FixSummary.distanceMeters(fixes))));
    return out;
  }
}
