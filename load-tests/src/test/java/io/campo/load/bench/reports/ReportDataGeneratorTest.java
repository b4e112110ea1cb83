package io.campo.load.bench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.load.CampoTestServer;
import io.campo.load.bench.reports.RawContactHours.Cell;
import io.campo.load.bench.reports.ReportDataGenerator.RollupMaintenance;
import io.campo.load.bench.reports.ReportDataGenerator.Shape;
import io.campo.server.portfolio.PromiseRecords;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's generator on the real server's schema, at a size a test can afford. */
class ReportDataGeneratorTest {

  private static final LocalDate LAST = LocalDate.of(2026, 10, 31);

  @Test
  void loadsEveryTableWithinItsConstraintsAndTheRollupEqualsTheVisits(@TempDir Path folder) throws Exception {
    Shape shape = new Shape(2_000, 30, 300, 40, 60, 7, LAST);
    try (CampoTestServer t = CampoTestServer.start(folder)) {
      var steps = new ReportDataGenerator(t.server.database().dataSource(), quiet()).generate(shape, RollupMaintenance.TRIGGERS);
      assertTrue(steps.stream().anyMatch(s -> s.what().startsWith("visits") && s.rows() == 2_000), steps.toString());

      assertEquals(1, t.count("SELECT count(*) FROM team WHERE id LIKE 'bt-%'"));
      assertEquals(30, t.count("SELECT count(*) FROM agent WHERE id LIKE 'ba-%' AND team_id = 'bt-001'"));
      assertEquals(300, t.count("SELECT count(*) FROM debtor WHERE external_id LIKE 'BD-%'"));
      assertEquals(300, t.count("SELECT count(*) FROM address"));
      long debts = t.count("SELECT count(*) FROM debt");
      assertTrue(debts >= 300 && debts <= 360, "one or two debts per debtor: " + debts);
      assertEquals(0, t.count("SELECT count(*) FROM debt WHERE balance > principal"));
      assertEquals(2_000, t.count("SELECT count(*) FROM visit"));
      // Every visit at its debtor's address, near it, inside the range, in working hours, with a check-out after it.
      assertEquals(0, t.count("SELECT count(*) FROM visit v JOIN address a ON a.id = v.address_id WHERE a.debtor_id <> v.debtor_id"
          + " OR abs(v.check_in_lat - a.lat) > 0.0005 OR abs(v.check_in_lon - a.lon) > 0.0005"));
      assertEquals(0, t.count("SELECT count(*) FROM visit WHERE check_out_at < check_in_at + interval '4 minutes'"
          + " OR (check_in_at AT TIME ZONE 'America/Mexico_City')::date NOT BETWEEN '2026-09-22' AND '2026-10-31'"
          + " OR extract(hour FROM check_in_at AT TIME ZONE 'America/Mexico_City') NOT BETWEEN 7 AND 21"));
      assertEquals(0, t.count("SELECT count(*) FROM visit WHERE outcome = 'PAID' AND (outcome_details->>'amount')::numeric <= 0"));
      assertEquals(0, t.count("SELECT count(*) FROM visit WHERE outcome = 'PROMISE'"
          + " AND (outcome_details->>'date')::date <= (check_in_at AT TIME ZONE 'America/Mexico_City')::date"));
      assertEquals(0, t.count("SELECT count(*) FROM visit WHERE (status = 'REJECTED') = (validation->>'valid')::boolean"));
      long rejected = t.count("SELECT count(*) FROM visit WHERE status = 'REJECTED'");
      assertTrue(rejected >= 20 && rejected <= 200, "a few % REJECTED: " + rejected);
      long sundays = t.count("SELECT count(*) FROM visit WHERE extract(isodow FROM check_in_at AT TIME ZONE 'America/Mexico_City') = 7");
      assertTrue(sundays < 100, "quiet Sundays: " + sundays);
      long contacts = t.count("SELECT count(*) FROM visit WHERE outcome NOT IN ('NO_CONTACT', 'WRONG_ADDRESS')");
      assertTrue(contacts > 500 && contacts < 1_300, "contact rate around 45 %: " + contacts);
      assertEquals(5, t.count("SELECT count(DISTINCT outcome) FROM visit WHERE outcome <> 'INCIDENT'"));

      // Telemetry: hourly fixes 08:00..19:00 (12 a day), Monday to Saturday, in day partitions, not the default one.
      long workdays = t.count("SELECT count(*) FROM generate_series('2026-09-22'::date, '2026-10-31', '1 day') d"
          + " WHERE extract(isodow FROM d) <> 7");
      assertEquals(30 * 12 * workdays, t.count("SELECT count(*) FROM telemetry"));
      assertEquals(0, t.count("SELECT count(*) FROM telemetry_default"));
      assertEquals(30, t.count("SELECT count(*) FROM agent_position WHERE agent_id LIKE 'ba-%'"));

      DataSourceCells cells = cells(t, shape);
      assertEquals(cells.raw(), cells.rollup());
      assertEquals(2_000 - rejected, cells.raw().values().stream().mapToLong(Cell::attempts).sum());
    }
  }

  @Test
  void rebuildModeLeavesTheTriggerOnAndTheRollupEqualToTheVisits(@TempDir Path folder) throws Exception {
    Shape shape = new Shape(1_500, 10, 100, 10, 0, 3, LAST);
    try (CampoTestServer t = CampoTestServer.start(folder)) {
      var steps = new ReportDataGenerator(t.server.database().dataSource(), quiet()).generate(shape, RollupMaintenance.REBUILD);
      assertTrue(steps.stream().anyMatch(s -> s.what().startsWith("rollups rebuilt") && s.rows() > 0), steps.toString());
      assertEquals(0, t.count("SELECT count(*) FROM telemetry"));
      assertEquals("America/Mexico_City", zone(t));
      DataSourceCells cells = cells(t, shape);
      assertFalse(cells.raw().isEmpty());
      assertEquals(cells.raw(), cells.rollup());
      // The trigger is back on: a new visit's count reaches the rollup.
      assertEquals("O", triggerState(t));
      // V13's KPI structures were filled by the same rebuild, and their triggers are back on too.
      String day = "(check_in_at AT TIME ZONE 'America/Mexico_City')::date";
      long debtorDays = t.count("SELECT count(DISTINCT (debtor_id, " + day + ")) FROM visit WHERE status <> 'REJECTED'");
      assertTrue(debtorDays > 0);
      assertEquals(debtorDays, t.count("SELECT count(*) FROM debtor_kpi_state k CROSS JOIN generate_series(0, length(k.days) - 1) i"
          + " WHERE get_bit(k.days, i) = 1"));
      assertEquals(t.count("SELECT count(DISTINCT (agent_id, debtor_id, " + day + ")) FROM visit WHERE status <> 'REJECTED'"),
          t.count("SELECT count(*) FROM agent_debtor_attempt_days k CROSS JOIN generate_series(0, length(k.days) - 1) i"
              + " WHERE get_bit(k.days, i) = 1"));
      assertEquals(t.count("SELECT count(*) FROM visit WHERE outcome = 'PROMISE' AND status <> 'REJECTED'"),
          t.count("SELECT sum(promises) FROM promise_kpi_daily"));
      assertEquals(t.count("SELECT count(*) FROM visit p WHERE " + PromiseRecords.IS_PROMISE + " AND " + PromiseRecords.IS_KEPT),
          t.count("SELECT sum(kept) FROM promise_kpi_daily"));
      assertEquals(0, t.count("SELECT count(*) FROM pg_trigger WHERE tgname IN ('visit_attempt_days', 'visit_promise_state')"
          + " AND tgenabled <> 'O'"));
    }
  }

  @Test
  void refusesDataWhoseIdsItCannotPredict(@TempDir Path folder) throws Exception {
    Shape shape = new Shape(10, 2, 5, 2, 0, 1, LAST);
    try (CampoTestServer t = CampoTestServer.start(folder)) {
      try (var c = t.server.database().dataSource().getConnection(); var s = c.createStatement()) {
        s.execute("INSERT INTO debtor (external_id, name) VALUES ('x', 'x')");
        s.execute("DELETE FROM debtor");   // leaves the sequence ahead of max(id) + 1
      }
      var generator = new ReportDataGenerator(t.server.database().dataSource(), quiet());
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> generator.generate(shape, RollupMaintenance.TRIGGERS));
      assertTrue(e.getMessage().contains("debtor ids"), e.getMessage());
    }
  }

  @Test
  void weightsBecomeBucketStartsThatSkipEmptyBuckets() {
    Double[] starts = VisitPatterns.bucketStarts(new double[] {0, 1, 0, 3});
    assertEquals(0.0, starts[0]);
    assertEquals(0.0, starts[1]);
    assertEquals(0.25, starts[2]);
    assertEquals(0.25, starts[3]);
    assertThrows(IllegalArgumentException.class, () -> VisitPatterns.bucketStarts(new double[] {0, 0}));
    assertThrows(IllegalArgumentException.class, () -> VisitPatterns.bucketStarts(new double[] {1, -1}));
    assertThrows(IllegalArgumentException.class, () -> new Shape(0, 1, 1, 1, 0, 1, LAST));
  }

  private record DataSourceCells(Map<Integer, Cell> raw, Map<Integer, Cell> rollup) {}

  private static DataSourceCells cells(CampoTestServer t, Shape shape) throws Exception {
    var ds = t.server.database().dataSource();
    return new DataSourceCells(RawContactHours.fromVisits(ds, shape.firstDay(), shape.lastDay()),
        RawContactHours.fromRollup(ds, shape.firstDay(), shape.lastDay()));
  }

  private static String zone(CampoTestServer t) throws Exception {
    try (var c = t.server.database().dataSource().getConnection()) {
      return ReportDataGenerator.rollupZone(c);
    }
  }

  private static String triggerState(CampoTestServer t) throws Exception {
    try (var c = t.server.database().dataSource().getConnection(); var s = c.createStatement();
        var rs = s.executeQuery("SELECT tgenabled FROM pg_trigger WHERE tgname = 'visit_contact_rollup'")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream());
  }
}
