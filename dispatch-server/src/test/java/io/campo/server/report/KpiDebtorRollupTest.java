package io.campo.server.report;

import static io.campo.server.report.KpiTestData.debt;
import static io.campo.server.report.KpiTestData.visit;
import static io.campo.server.report.ReportTestData.rows;
import static io.campo.server.report.ReportTestData.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.TestServer;
import io.campo.server.portfolio.PromiseRecords;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * V13's structures against the visit table: the attempt-day bits, the promise states and their
 * daily counts after inserts, late inserts, corrections, a segment change and deletes; and the
 * KPI's debtors worked and promises kept/broken, read through them by {@link KpiQuery}, against
 * the same figures computed straight from the visits (the statements KpiQuery used before V13).
 */
class KpiDebtorRollupTest {

  static final String ZONE = "America/Bogota";
  /** "Today" for the due test: promises dated 04-20 and later are not yet due. */
  static final LocalDate TODAY = LocalDate.of(2026, 4, 20);
  static TestServer server;
  static KpiQuery query;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.startInZone(ZONE);
    server.createAgent("ana");
    server.createAgent("beto");
    server.createAgent("caro");
    sql(server, "INSERT INTO team (id, name) VALUES ('norte', 'Norte')", "UPDATE agent SET team_id = 'norte' WHERE id IN ('ana', 'beto')",
        "INSERT INTO debtor (external_id, name, segment) VALUES ('D1', 'Uno', 'A'), ('D2', 'Dos', NULL), ('D3', 'Tres', 'B')");
    debt(server, "D1", "a", "1000.00", "2026-01-01");
    debt(server, "D2", "b", "250.00", "2026-03-01");
    Clock clock = Clock.fixed(TODAY.atTime(12, 0).atZone(ZoneId.of(ZONE)).toInstant(), ZoneOffset.UTC);
    query = new KpiQuery(KpiTestData.dataSource(server), ZoneId.of(ZONE), clock);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Every attempted agent x debtor x local day, from the bits; then the debtor's own bits, marked '*'; then open balances. */
  static List<String> attemptDays() {
    List<String> out = new ArrayList<>(rows(server, "SELECT t.agent_id || ' ' || d.external_id || ' ' || (t.first_day + i)"
        + " FROM agent_debtor_attempt_days t JOIN debtor d ON d.id = t.debtor_id CROSS JOIN generate_series(0, length(t.days) - 1) i"
        + " WHERE get_bit(t.days, i) = 1 ORDER BY 1"));
    out.addAll(rows(server, "SELECT '* ' || d.external_id || ' ' || (t.first_day + i)"
        + " FROM debtor_kpi_state t JOIN debtor d ON d.id = t.debtor_id CROSS JOIN generate_series(0, length(t.days) - 1) i"
        + " WHERE get_bit(t.days, i) = 1 ORDER BY 1"));
    out.addAll(rows(server, "SELECT d.external_id || ' ' || t.open_balance FROM debtor_kpi_state t JOIN debtor d ON d.id = t.debtor_id"
        + " ORDER BY 1"));
    return out;
  }

  static List<String> rawAttemptDays() {
    String day = "(v.check_in_at AT TIME ZONE '" + ZONE + "')::date";
    List<String> out = new ArrayList<>(rows(server, "SELECT DISTINCT v.agent_id || ' ' || d.external_id || ' ' || " + day
        + " FROM visit v JOIN debtor d ON d.id = v.debtor_id WHERE v.status <> 'REJECTED' ORDER BY 1"));
    out.addAll(rows(server, "SELECT DISTINCT '* ' || d.external_id || ' ' || " + day
        + " FROM visit v JOIN debtor d ON d.id = v.debtor_id WHERE v.status <> 'REJECTED' ORDER BY 1"));
    out.addAll(rows(server, "SELECT d.external_id || ' ' || coalesce(sum(t.balance) FILTER (WHERE t.balance > 0), 0)::numeric(16,2)"
        + " FROM debtor d LEFT JOIN debt t ON t.debtor_id = d.id GROUP BY d.external_id ORDER BY 1"));
    return out;
  }

  /** Promise states, then the non-empty daily counts. */
  static List<String> promises() {
    List<String> out = new ArrayList<>(rows(server, "SELECT visit_id || ' ' || debtor_id || ' ' || agent_id || ' ' || made_at || ' '"
        + " || made_day || ' ' || coalesce(due_date::text, '-') || ' ' || kept FROM promise_state ORDER BY visit_id"));
    out.addAll(rows(server, "SELECT local_day || ' ' || agent_id || ' ' || coalesce(segment, '-') || ' ' || promises || ' ' || kept"
        + " FROM promise_kpi_daily WHERE promises > 0 ORDER BY 1"));
    return out;
  }

  static List<String> rawPromises() {
    List<String> out = new ArrayList<>(rows(server, "SELECT p.id || ' ' || p.debtor_id || ' ' || p.agent_id || ' ' || p.check_in_at || ' '"
        + " || (p.check_in_at AT TIME ZONE '" + ZONE + "')::date || ' ' || coalesce((p.outcome_details->>'date'), '-') || ' ' || "
        + PromiseRecords.IS_KEPT + " FROM visit p WHERE " + PromiseRecords.IS_PROMISE + " ORDER BY p.id"));
    out.addAll(rows(server, "SELECT l || ' ' || p.agent_id || ' ' || coalesce(d.segment, '-') || ' ' || count(*) || ' '"
        + " || count(*) FILTER (WHERE " + PromiseRecords.IS_KEPT + ")"
        + " FROM visit p JOIN debtor d ON d.id = p.debtor_id CROSS JOIN LATERAL (SELECT (p.check_in_at AT TIME ZONE '" + ZONE
        + "')::date) AS t(l) WHERE " + PromiseRecords.IS_PROMISE + " AND p.outcome_details->>'date' IS NOT NULL"
        + " GROUP BY l, p.agent_id, d.segment ORDER BY 1"));
    return out;
  }

  static void assertInStep() {
    assertEquals(rawAttemptDays(), attemptDays());
    assertEquals(rawPromises(), promises());
    for (KpiRequest r : requests()) {
      assertEquals(rawFigures(r), figures(r), r.toString());
    }
  }

  /** Whole months, edge days, a period over a year's end, each filter, and filters matching nothing. */
  static List<KpiRequest> requests() {
    List<KpiRequest> out = new ArrayList<>();
    List<LocalDate[]> periods = List.of(new LocalDate[] {LocalDate.of(2025, 6, 1), LocalDate.of(2026, 6, 30)},
        new LocalDate[] {LocalDate.of(2026, 4, 1), LocalDate.of(2026, 4, 30)},
        new LocalDate[] {LocalDate.of(2026, 3, 31), LocalDate.of(2026, 4, 1)},
        new LocalDate[] {LocalDate.of(2026, 4, 2), LocalDate.of(2026, 4, 2)},
        new LocalDate[] {LocalDate.of(2025, 12, 31), LocalDate.of(2026, 1, 1)});
    for (LocalDate[] p : periods) {
      out.add(new KpiRequest(p[0], p[1], null, null, null));
      out.add(new KpiRequest(p[0], p[1], "ana", null, null));
      out.add(new KpiRequest(p[0], p[1], null, "norte", null));
      out.add(new KpiRequest(p[0], p[1], null, null, "A"));
      out.add(new KpiRequest(p[0], p[1], "beto", null, "A"));
      out.add(new KpiRequest(p[0], p[1], "nadie", null, null));
      out.add(new KpiRequest(p[0], p[1], null, "sin-equipo", null));
      out.add(new KpiRequest(p[0], p[1], null, null, "Z"));
    }
    return out;
  }

  /** managed, worked balance, kept, broken: as KpiQuery reads them. */
  static String figures(KpiRequest r) {
    try {
      KpiInputs in = query.read(r, null).inputs();
      return in.managedDebtors() + " " + in.workedBalance().stripTrailingZeros().toPlainString() + " " + in.promisesKept() + " "
          + in.promisesBroken();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The same straight from the visits. */
  static String rawFigures(KpiRequest r) {
    String start = "('" + r.from() + "'::timestamp AT TIME ZONE '" + ZONE + "')";
    String end = "('" + r.to().plusDays(1) + "'::timestamp AT TIME ZONE '" + ZONE + "')";
    String segment = r.segment() == null ? "true" : "d.segment = '" + r.segment() + "'";
    String agentsOf = r.agent() != null ? " = '" + r.agent() + "'"
        : r.team() != null ? " IN (SELECT id FROM agent WHERE team_id = '" + r.team() + "')" : " IS NOT NULL";
    String worked = rows(server, "WITH w AS (SELECT DISTINCT v.debtor_id FROM visit v WHERE v.check_in_at >= " + start
        + " AND v.check_in_at < " + end + " AND v.status <> 'REJECTED' AND v.agent_id" + agentsOf + ")"
        + " SELECT count(*) FILTER (WHERE o.balance > 0) || ' ' || coalesce(sum(o.balance), 0) FROM w JOIN debtor d ON d.id = w.debtor_id"
        + " CROSS JOIN LATERAL (SELECT coalesce(sum(t.balance), 0) AS balance FROM debt t WHERE t.debtor_id = w.debtor_id"
        + " AND t.balance > 0) o WHERE " + segment).get(0);
    String due = "FROM visit p JOIN debtor d ON d.id = p.debtor_id WHERE p.check_in_at >= " + start + " AND p.check_in_at < " + end
        + " AND " + PromiseRecords.IS_PROMISE + " AND " + PromiseRecords.IS_DUE.replace("?", "'" + TODAY + "'") + " AND " + segment
        + " AND p.agent_id" + agentsOf;
    long dueCount = Long.parseLong(rows(server, "SELECT count(*) " + due).get(0));
    long kept = Long.parseLong(rows(server, "SELECT count(*) " + due + " AND " + PromiseRecords.IS_KEPT).get(0));
    String[] w = worked.split(" ");
    return w[0] + " " + new BigDecimal(w[1]).stripTrailingZeros().toPlainString() + " " + kept + " " + (dueCount - kept);
  }

  @Test
  void theDebtorAndPromiseRollupsFollowEveryKindOfWrite() {
    // Bogota is UTC-5: 03:00Z on 04-02 is still 04-01 locally.
    visit(server, "ana", "D1", "2026-04-01T15:00:00Z", 12, "VALID", "PROMISE", "{\"date\": \"2026-04-10\"}");
    visit(server, "ana", "D1", "2026-04-02T03:00:00Z", 7, "VALID", "PROMISE", "{\"date\": \"2026-04-25\"}");
    visit(server, "beto", "D2", "2026-04-01T16:00:00Z", null, "REJECTED", "PAID", "{\"amount\": \"10.00\"}");
    visit(server, "beto", "D2", "2026-04-03T16:00:00Z", 3, "VALID", "PROMISE", "{\"date\": \"2026-04-05\"}");
    visit(server, "caro", "D3", "2026-01-01T04:00:00Z", 3, "VALID", "NO_CONTACT", "{}");
    visit(server, "caro", "D1", "2025-12-31T20:00:00Z", 3, "VALID", "PROMISE", "{\"date\": \"2026-01-02\"}");
    assertInStep();
    // April: D1 and D2 attempted (1000 + 250 open); of three promises two are due by 04-20, none kept yet.
    assertEquals("2 1250 0 2", figures(new KpiRequest(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 4, 30), null, null, null)));

    // A payment to D1 inside the first promise's window keeps it; a late insert for a past day keeps caro's.
    visit(server, "ana", "D1", "2026-04-08T15:00:00Z", 5, "VALID", "PAID", "{\"amount\": \"50.00\"}");
    visit(server, "caro", "D1", "2026-01-02T15:00:00Z", 5, "VALID", "PAID", "{\"amount\": \"20.00\"}");
    assertInStep();

    // Corrections: the payment rejected then restored, moved past the promise's date, to another debtor;
    // a promise's date, its agent, its day; a payment turned into a promise and back.
    sql(server, "UPDATE visit SET status = 'REJECTED' WHERE outcome = 'PAID' AND check_in_at = '2026-04-08T15:00:00Z'");
    assertInStep();
    sql(server, "UPDATE visit SET status = 'OVERRIDDEN' WHERE status = 'REJECTED'");
    assertInStep();
    sql(server, "UPDATE visit SET check_in_at = '2026-04-12T15:00:00Z' WHERE outcome = 'PAID' AND agent_id = 'ana'");
    assertInStep();
    sql(server, "UPDATE visit SET outcome_details = '{\"date\": \"2026-04-15\"}' WHERE outcome_details->>'date' = '2026-04-10'");
    assertInStep();
    sql(server, "UPDATE visit SET debtor_id = (SELECT id FROM debtor WHERE external_id = 'D2') WHERE outcome = 'PAID'"
        + " AND agent_id = 'ana'");
    assertInStep();
    sql(server, "UPDATE visit SET agent_id = 'caro', check_in_at = check_in_at + interval '1 day' WHERE agent_id = 'beto'"
        + " AND outcome = 'PROMISE'");
    assertInStep();
    sql(server, "UPDATE visit SET outcome = 'PROMISE', outcome_details = '{\"date\": \"2026-01-05\"}' WHERE outcome = 'PAID'"
        + " AND agent_id = 'caro'");
    assertInStep();
    sql(server, "UPDATE visit SET outcome = 'PAID', outcome_details = '{\"amount\": \"20.00\"}' WHERE outcome_details->>'date' = '2026-01-05'");
    assertInStep();
    // The debtor moves to another segment, its promises with it.
    sql(server, "UPDATE debtor SET segment = 'B' WHERE external_id = 'D1'");
    assertInStep();
    sql(server, "UPDATE debtor SET segment = 'A' WHERE external_id = 'D1'");

    // Deletes: one attempt of a day with two (the bit stays), then the rest.
    visit(server, "ana", "D1", "2026-04-01T16:00:00Z", 5, "VALID", "NO_CONTACT", "{}");
    sql(server, "DELETE FROM visit WHERE outcome = 'NO_CONTACT' AND agent_id = 'ana'");
    assertInStep();
    sql(server, "DELETE FROM visit WHERE outcome = 'PAID'");
    assertInStep();
    sql(server, "DELETE FROM visit");
    assertEquals(rawAttemptDays(), attemptDays());
    assertEquals(List.of(), attemptDays().stream().filter(day -> day.split(" ").length == 3).toList(), "no day left attempted");
    assertEquals(List.of(), promises());
    for (KpiRequest r : requests()) {
      assertEquals("0 0 0 0", figures(r), r.toString());
    }
  }

  @Test
  void anotherZoneRebucketsTheDebtorAndPromiseRollups() {
    // 02:00Z on 05-02 is 05-01 in Bogota and 05-02 in UTC.
    visit(server, "ana", "D3", "2026-05-02T02:00:00Z", 4, "VALID", "PROMISE", "{\"date\": \"2026-05-09\"}");
    sql(server, "SELECT contact_rollup_use_zone('UTC')");
    assertTrue(attemptDays().contains("ana D3 2026-05-02"), attemptDays().toString());
    assertTrue(promises().stream().anyMatch(p -> p.startsWith("2026-05-02 ana B 1 0")), promises().toString());
    sql(server, "SELECT contact_rollup_use_zone('" + ZONE + "')");
    assertEquals(rawAttemptDays(), attemptDays());
    assertEquals(rawPromises(), promises());
    sql(server, "DELETE FROM visit WHERE check_in_at = '2026-05-02T02:00:00Z'");
  }

  @Test
  void aPaymentLateOnTheDueDateInTheAgencysZoneKeepsThePromise() {
    // Due 07-03: 03:00Z on 07-04 is 22:00 on 07-03 in Bogota, on time; 06:00Z is 01:00 on 07-04, late.
    visit(server, "beto", "D2", "2026-07-01T15:00:00Z", 3, "VALID", "PROMISE", "{\"date\": \"2026-07-03\"}");
    visit(server, "beto", "D2", "2026-07-02T15:00:00Z", 3, "VALID", "PROMISE", "{\"date\": \"2026-07-02\"}");
    visit(server, "beto", "D2", "2026-07-04T03:00:00Z", 3, "VALID", "PAID", "{\"amount\": \"10.00\"}");
    assertEquals(List.of("2026-07-02 false", "2026-07-03 true"),
        rows(server, "SELECT due_date || ' ' || kept FROM promise_state WHERE made_at >= '2026-07-01' ORDER BY due_date"));
    // The raw rule agrees from a session in another zone: neither reads the connection's TimeZone.
    List<String> raw = new ArrayList<>();
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(server.dbUrl, "postgres", "");
        java.sql.Statement st = c.createStatement()) {
      st.execute("SET TIME ZONE 'Asia/Tokyo'");
      try (java.sql.ResultSet rs = st.executeQuery("SELECT (p.outcome_details->>'date') || ' ' || " + PromiseRecords.IS_KEPT
          + " FROM visit p WHERE " + PromiseRecords.IS_PROMISE + " AND p.check_in_at >= '2026-07-01T00:00:00Z' ORDER BY 1")) {
        while (rs.next()) {
          raw.add(rs.getString(1));
        }
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    assertEquals(List.of("2026-07-02 false", "2026-07-03 true"), raw);
    sql(server, "UPDATE visit SET check_in_at = '2026-07-04T06:00:00Z' WHERE check_in_at = '2026-07-04T03:00:00Z'");
    assertEquals(List.of("2026-07-02 false", "2026-07-03 false"),
        rows(server, "SELECT due_date || ' ' || kept FROM promise_state WHERE made_at >= '2026-07-01' ORDER BY due_date"));
    assertEquals(rawPromises(), promises());
    sql(server, "DELETE FROM visit WHERE check_in_at >= '2026-07-01T00:00:00Z' AND check_in_at < '2026-07-05T00:00:00Z'");
    assertEquals(rawPromises(), promises());
  }

  @Test
  void theOpenBalanceFollowsTheDebts() {
    visit(server, "ana", "D3", "2026-06-01T15:00:00Z", 5, "VALID", "NO_CONTACT", "{}");
    KpiRequest june = new KpiRequest(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 30), null, null, null);
    assertEquals("0 0 0 0", figures(june), "D3 has no debt");
    debt(server, "D3", "c", "300.00", "2026-05-01");
    debt(server, "D3", "d", "200.00", "2026-05-01");
    assertEquals(rawAttemptDays(), attemptDays());
    assertEquals("1 500 0 0", figures(june));
    sql(server, "UPDATE debt SET balance = 0 WHERE external_id = 'c'");
    assertEquals("1 200 0 0", figures(june));
    sql(server, "UPDATE debt SET debtor_id = (SELECT id FROM debtor WHERE external_id = 'D1') WHERE external_id = 'd'");
    assertEquals(rawAttemptDays(), attemptDays());
    assertEquals("0 0 0 0", figures(june), "D3's debts are paid or gone: not an open debtor");
    sql(server, "DELETE FROM debt WHERE external_id IN ('c', 'd')", "DELETE FROM visit WHERE debtor_id = (SELECT id FROM debtor"
        + " WHERE external_id = 'D3')");
    assertEquals(rawAttemptDays(), attemptDays());
  }
}
