package io.campo.load.bench.reports;

import io.campo.tracking.storage.TelemetryPartitions;
import java.io.PrintStream;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Fills a fresh Campo database with a year of a collection agency's field work, inside PostgreSQL:
 * every table is written by a few set-based {@code INSERT ... SELECT generate_series} statements,
 * never row by row from Java, so 10 M visits take minutes rather than hours.
 *
 * <p>Every debtor's attributes (segment, home, owning agent) are functions of its index, so a
 * visit derives them without a join. Visits go in through the real visit table with its foreign
 * keys, checks and triggers; {@link RollupMaintenance#REBUILD} only switches off the rollup
 * triggers that {@code contact_rollup_use_zone} rebuilds (V11's contact hours, V12's KPIs and
 * V13's attempt days and promises where installed) during the load, and rebuilds those rollups once afterwards with it.
 */
public final class ReportDataGenerator {

  /** How the contact-hour rollup is kept during the load. */
  public enum RollupMaintenance {
    /** V11's row trigger fires for every visit, as in production. */
    TRIGGERS,
    /** The rebuilt rollups' triggers are off during the load; the rollups are rebuilt from the visit table afterwards. */
    REBUILD
  }

  /** What to generate: the visits fall on {@code lastDay - days + 1 .. lastDay}, local dates in the server's zone. */
  public record Shape(long visits, int agents, int debtors, int days, int fixEveryMinutes, int seed, LocalDate lastDay) {

    public Shape {
      if (visits < 1 || agents < 1 || debtors < 1 || days < 1) {
        throw new IllegalArgumentException("visits, agents, debtors and days must be positive");
      }
      if (fixEveryMinutes < 0) {
        throw new IllegalArgumentException("fixEveryMinutes must be 0 (no telemetry) or positive");
      }
    }

    public LocalDate firstDay() {
      return lastDay.minusDays(days - 1L);
    }

    public int teams() {
      return Math.max(1, agents / 25);
    }
  }

  /** One step of the load: what, how many rows, how long. */
  public record Step(String what, long rows, double seconds) {
    public double rowsPerSecond() {
      return seconds > 0 ? rows / seconds : rows;
    }
  }

  static final String AGENT_PREFIX = "ba-";
  static final String TEAM_PREFIX = "bt-";
  static final String DEBTOR_PREFIX = "BD-";
  /** A collector's working day, local time, for the telemetry fixes. */
  static final int SHIFT_START_HOUR = 8;
  static final int SHIFT_HOURS = 11;
  private static final int VISITS_PER_STATEMENT = 250_000;

  /** Segment of debtor index {@code di}: 15 % A, 30 % B, 35 % C, 18 % D, 2 % none. 7919 is prime to 100. */
  private static final String SEGMENT_OF_DI = "CASE WHEN (%1$s::bigint * 7919) %% 100 < 15 THEN 'A'"
      + " WHEN (%1$s::bigint * 7919) %% 100 < 45 THEN 'B' WHEN (%1$s::bigint * 7919) %% 100 < 80 THEN 'C'"
      + " WHEN (%1$s::bigint * 7919) %% 100 < 98 THEN 'D' END";
  /** Home of debtor index {@code di}: spread over about 45 x 37 km around Mexico City's centre. */
  private static final String LAT_OF_DI = "(19.25 + ((%1$s::bigint * 104729) %% 100003) / 100003.0 * 0.4)";
  private static final String LON_OF_DI = "(-99.32 + ((%1$s::bigint * 1299709) %% 100019) / 100019.0 * 0.35)";

  private final DataSource dataSource;
  private final PrintStream progress;

  public ReportDataGenerator(DataSource dataSource, PrintStream progress) {
    this.dataSource = dataSource;
    this.progress = progress;
  }

  public static String agentId(int index) {
    return AGENT_PREFIX + String.format("%05d", index + 1);
  }

  public static String teamId(int index) {
    return TEAM_PREFIX + String.format("%03d", index + 1);
  }

  /** @return the steps in order, the last being the analyse */
  public List<Step> generate(Shape shape, RollupMaintenance rollups) throws SQLException {
    List<Step> steps = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      String zone = rollupZone(c);
      exec(c, "SELECT setseed(" + ((shape.seed() % 1000) / 1000.0) + ")");
      steps.add(step(c, "teams", """
          INSERT INTO team (id, name)
          SELECT 'bt-' || lpad(g::text, 3, '0'), 'Equipo ' || g FROM generate_series(1, %d) g
          """.formatted(shape.teams())));
      // Agents dealt round-robin over the teams; the token hash is random (the bench's agents never connect).
      steps.add(step(c, "agents", """
          INSERT INTO agent (id, name, device_token_hash, team_id)
          SELECT 'ba-' || lpad(g::text, 5, '0'),
                 (ARRAY['María','José','Guadalupe','Juan','Ana','Luis','Rosa','Pedro','Carmen','Jesús'])[1 + g %% 10] || ' '
                   || (ARRAY['Hernández','García','Martínez','López','González','Pérez','Rodríguez','Sánchez'])[1 + (g / 10) %% 8],
                 md5(random()::text), 'bt-' || lpad((1 + (g - 1) %% %d)::text, 3, '0')
          FROM generate_series(1, %d) g
          """.formatted(shape.teams(), shape.agents())));
      long debtorBase = nextId(c, "debtor");
      steps.add(step(c, "debtors", """
          INSERT INTO debtor (external_id, name, phones, segment, consent_calls, group_id, group_role)
          SELECT 'BD-' || di, (ARRAY['María','José','Guadalupe','Juan','Ana','Luis','Rosa','Pedro','Carmen','Jesús'])[1 + di %% 10]
                   || ' ' || (ARRAY['Hernández','García','Martínez','López','González','Pérez','Rodríguez','Sánchez','Ramírez','Cruz'])[1 + (di / 10) %% 10]
                   || ' ' || (ARRAY['Hernández','García','Martínez','López','González','Pérez','Rodríguez','Sánchez','Ramírez','Cruz'])[1 + (di / 100) %% 10],
                 ARRAY['55' || (10000000 + di %% 89999999)::text], %s, di %% 2 = 0,
                 CASE WHEN di %% 5 = 0 THEN 'GR-' || di / 25 END,
                 CASE WHEN di %% 5 = 0 THEN CASE WHEN di %% 25 = 0 THEN 'president' ELSE 'member' END END
          FROM generate_series(0, %d) di ORDER BY di
          """.formatted(SEGMENT_OF_DI.formatted("di"), shape.debtors() - 1)));
      requireContiguous(c, "debtor", debtorBase, shape.debtors());
      // One loan each, a second one for one debtor in ten; due dates over every aging bucket.
      steps.add(step(c, "debts", """
          INSERT INTO debt (debtor_id, external_id, product, currency, principal, balance, due_date)
          SELECT x.id, 'CR-' || x.id || '-' || x.k, x.product, 'MXN', x.principal,
                 round(x.principal * (0.1 + 0.9 * x.r), 2), current_date - (x.r2 * 220)::int + 20
          FROM (SELECT d.id, k, (ARRAY['microcrédito','nómina','personal','motocicleta'])[1 + (d.id %% 4)::int] AS product,
                       round((2000 + random() * 98000)::numeric, 2) AS principal, random()::numeric AS r, random() AS r2
                FROM debtor d CROSS JOIN LATERAL generate_series(1, CASE WHEN d.id %% 10 = 0 THEN 2 ELSE 1 END) k
                WHERE d.id >= %d OFFSET 0) x
          """.formatted(debtorBase)));
      long addressBase = nextId(c, "address");
      steps.add(step(c, "addresses", """
          INSERT INTO address (debtor_id, kind, line, lat, lon, radius_m)
          SELECT %d + di, 'home', 'Calle ' || (di %% 300) || ' #' || (di %% 997) || ', Col. Centro', %s, %s,
                 CASE WHEN di %% 4 = 0 THEN 100 ELSE 75 END
          FROM generate_series(0, %d) di ORDER BY di
          """.formatted(debtorBase, LAT_OF_DI.formatted("di"), LON_OF_DI.formatted("di"), shape.debtors() - 1)));
      requireContiguous(c, "address", addressBase, shape.debtors());
      if (shape.fixEveryMinutes() > 0) {
        steps.add(telemetry(c, shape, zone));
      }
      steps.add(visits(c, shape, zone, debtorBase, addressBase, rollups));
      if (rollups == RollupMaintenance.REBUILD) {
        steps.add(rebuildContactRollup(c, zone));
      }
      long started = System.nanoTime();
      exec(c, "ANALYZE");
      steps.add(new Step("analyze", 0, seconds(started)));
    }
    return steps;
  }

  private Step visits(Connection c, Shape shape, String zone, long debtorBase, long addressBase, RollupMaintenance rollups)
      throws SQLException {
    Array dayStarts = c.createArrayOf("float8", VisitPatterns.dayStarts(shape.firstDay(), shape.days()));
    Array hourStarts = c.createArrayOf("float8", VisitPatterns.bucketStarts(VisitPatterns.HOUR_WEIGHT));
    Array contactByHour = c.createArrayOf("float8", VisitPatterns.boxed(VisitPatterns.CONTACT_BY_HOUR));
    // Innermost: which debtor (uniform), its owning agent (nine visits in ten; else a colleague covering),
    // the day (weekday-weighted) and hour (hour-weighted). Then the local time and the outcome: the hour's
    // chance of contact times the segment's; lazy agents (one in 15) get a quarter of their visits REJECTED.
    // OFFSET 0 keeps each random() evaluated once per row (no subquery pull-up duplicating it).
    String sql = """
        INSERT INTO visit (agent_id, idempotency_key, request_hash, debtor_id, address_id, check_in_at, check_in_lat,
          check_in_lon, check_in_accuracy, check_out_at, outcome, outcome_details, status, validation, received_at)
        SELECT 'ba-' || lpad((z.agent + 1)::text, 5, '0'), 'bench-' || z.g, md5(z.g::text), ?::bigint + z.di, ?::bigint + z.di,
               z.at, %s + (z.r5 - 0.5) * 0.0008, %s + (z.r6 - 0.5) * 0.0008, 5 + z.r5 * 25,
               z.at + make_interval(secs => 240 + z.r6 * 1200), z.outcome,
               CASE z.outcome
                 WHEN 'PAID' THEN jsonb_build_object('amount', round((200 + z.r7 * 2800)::numeric, 2)::text, 'currency', 'MXN',
                   'receipt', 'R-' || z.g)
                 WHEN 'PROMISE' THEN jsonb_build_object('amount', round((200 + z.r7 * 2800)::numeric, 2)::text, 'currency', 'MXN',
                   'date', (z.local::date + 1 + (z.r7 * 13)::int)::text)
                 WHEN 'INCIDENT' THEN jsonb_build_object('incident', (ARRAY['DOG','THREAT','ROAD_BLOCKED'])[1 + floor(z.r7 * 3)::int])
                 ELSE '{}'::jsonb END,
               z.status,
               CASE WHEN z.status = 'REJECTED' THEN jsonb_build_object('valid', false, 'failures', jsonb_build_array(
                      jsonb_build_object('reason', 'check_in_outside_geofence', 'message', 'check-in outside the geofence',
                        'measured', round((120 + z.r7 * 200)::numeric, 1))), 'addressId', ?::bigint + z.di)
                    ELSE jsonb_build_object('valid', true, 'failures', '[]'::jsonb, 'dwellSeconds', 240 + (z.r6 * 1200)::int,
                      'addressId', ?::bigint + z.di) END,
               z.at + make_interval(secs => 245 + z.r6 * 1200)
        FROM (
          SELECT y.*,
                 CASE WHEN y.contact THEN CASE WHEN y.r4 < 0.30 THEN 'PAID' WHEN y.r4 < 0.75 THEN 'PROMISE'
                                               WHEN y.r4 < 0.95 THEN 'REFUSED' ELSE 'INCIDENT' END
                      ELSE CASE WHEN y.r4 < 0.85 THEN 'NO_CONTACT' ELSE 'WRONG_ADDRESS' END END AS outcome,
                 CASE WHEN y.r8 < CASE WHEN y.agent %% 15 = 14 THEN 0.25 ELSE 0.02 END THEN 'REJECTED'
                      WHEN y.r8 > 0.997 THEN 'OVERRIDDEN' ELSE 'VALID' END AS status
          FROM (
            SELECT x.*, x.local AT TIME ZONE ? AS at,
                   x.r3 < (?::float8[])[x.hour + 1] * CASE %s WHEN 'A' THEN 1.15 WHEN 'B' THEN 1.0 WHEN 'C' THEN 0.9 ELSE 0.75 END
                     AS contact
            FROM (
              SELECT w.*, (?::date + (width_bucket(w.rday, ?::float8[]) - 1))::timestamp
                            + make_interval(hours => w.hour, secs => w.rsec * 3599.999) AS local
              FROM (
                SELECT g, di, CASE WHEN random() < 0.9 THEN di %% ? ELSE floor(random() * ?)::int END AS agent,
                       random() AS rday, width_bucket(random(), ?::float8[]) - 1 AS hour, random() AS rsec,
                       random() AS r3, random() AS r4, random() AS r5, random() AS r6, random() AS r7, random() AS r8
                FROM (SELECT g, floor(random() * ?)::int AS di FROM generate_series(?::bigint, ?::bigint) g OFFSET 0) v
                OFFSET 0) w
              OFFSET 0) x
            OFFSET 0) y
          OFFSET 0) z
        """.formatted(LAT_OF_DI.formatted("z.di"), LON_OF_DI.formatted("z.di"), SEGMENT_OF_DI.formatted("x.di"));
    List<String> disabled = rollups == RollupMaintenance.REBUILD ? rebuiltRollupTriggers(c) : List.of();
    for (String trigger : disabled) {
      exec(c, "ALTER TABLE visit DISABLE TRIGGER " + trigger);
    }
    long started = System.nanoTime();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (long lo = 1; lo <= shape.visits(); lo += VISITS_PER_STATEMENT) {
        long hi = Math.min(shape.visits(), lo + VISITS_PER_STATEMENT - 1);
        int i = 1;
        ps.setLong(i++, debtorBase);
        ps.setLong(i++, addressBase);
        ps.setLong(i++, addressBase);
        ps.setLong(i++, addressBase);
        ps.setString(i++, zone);
        ps.setArray(i++, contactByHour);
        ps.setObject(i++, shape.firstDay());
        ps.setArray(i++, dayStarts);
        ps.setInt(i++, shape.agents());
        ps.setInt(i++, shape.agents());
        ps.setArray(i++, hourStarts);
        ps.setInt(i++, shape.debtors());
        ps.setLong(i++, lo);
        ps.setLong(i++, hi);
        ps.executeUpdate();
        double s = seconds(started);
        progress.printf("  visits: %,d of %,d in %.1f s (%,.0f rows/s)%n", hi, shape.visits(), s, hi / s);
      }
    } finally {
      for (String trigger : disabled) {
        exec(c, "ALTER TABLE visit ENABLE TRIGGER " + trigger);
      }
    }
    return new Step(disabled.isEmpty() ? "visits (rollup triggers on)" : "visits (" + String.join(", ", disabled) + " off)",
        shape.visits(), seconds(started));
  }

  /**
   * The visit triggers whose rollups {@code contact_rollup_use_zone} rebuilds: V11's contact-hour
   * one, where V12 is installed its KPI one (V12 makes the function call kpi_rollup_rebuild), and
   * where V13 is, its attempt-day and promise ones (kpi_debtor_rollups_rebuild).
   * Any other trigger stays on, since nothing here would rebuild what it maintains.
   */
  private static List<String> rebuiltRollupTriggers(Connection c) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT t.tgname FROM pg_trigger t WHERE t.tgrelid = 'visit'::regclass"
            + " AND (t.tgname = 'visit_contact_rollup'"
            + "   OR t.tgname = 'visit_kpi_rollup' AND EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'kpi_rollup_rebuild')"
            + "   OR t.tgname IN ('visit_attempt_days', 'visit_promise_state')"
            + "     AND EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'kpi_debtor_rollups_rebuild'))"
            + " ORDER BY t.tgname")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  /**
   * Marks the rollup's zone stale and lets {@code contact_rollup_use_zone} rebuild the rollups from
   * every visit, in one transaction: the same code path as a server whose CAMPO_TIME_ZONE changed.
   */
  private Step rebuildContactRollup(Connection c, String zone) throws SQLException {
    long started = System.nanoTime();
    c.setAutoCommit(false);
    try (PreparedStatement ps = c.prepareStatement("SELECT contact_rollup_use_zone(?)")) {
      exec(c, "UPDATE contact_rollup_zone SET zone = '(rebuild)'");
      ps.setString(1, zone);
      ps.executeQuery().close();
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
    return new Step("rollups rebuilt (contact hours rows)", count(c, "SELECT count(*) FROM visit_contact_hourly"), seconds(started));
  }

  /**
   * One fix every {@code fixEveryMinutes} through each agent's shift, Monday to Saturday, going
   * round a circle of about 2 km radius near the agent's first debtor: about 2.6 km/h over the shift
   * at 15-minute fixes, a plausible straight-line distance for a collector between doors.
   */
  private Step telemetry(Connection c, Shape shape, String zone) throws SQLException {
    long started = System.nanoTime();
    TelemetryPartitions.ensure(c, shape.firstDay().minusDays(1), shape.lastDay().plusDays(1));
    int fixesPerDay = SHIFT_HOURS * 60 / shape.fixEveryMinutes() + 1;
    String sql = """
        INSERT INTO telemetry (agent_id, device_time, received_at, lat, lon, accuracy_m, speed_mps, heading_deg, battery_pct,
                               charging, seq)
        SELECT 'ba-' || lpad((a + 1)::text, 5, '0'), t.at, t.at + interval '2 seconds',
               %s + 0.018 * sin(k * 0.25 + a), %s + 0.019 * cos(k * 0.25 + a), 8, 0.7, ((k * 14 + a) %% 360),
               greatest(5, 100 - k * 80 / %d), false, d * 1000 + k
        FROM generate_series(?, ?) d
        CROSS JOIN generate_series(0, ? - 1) a
        CROSS JOIN generate_series(0, %d - 1) k
        CROSS JOIN LATERAL (SELECT ((?::date + d)::timestamp + make_interval(hours => %d, mins => k * %d)) AT TIME ZONE ? AS at) t
        WHERE extract(isodow FROM ?::date + d) <> 7
        """.formatted(LAT_OF_DI.formatted("a"), LON_OF_DI.formatted("a"), fixesPerDay, fixesPerDay, SHIFT_START_HOUR,
        shape.fixEveryMinutes());
    long rows = 0;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int lo = 0; lo < shape.days(); lo += 7) {
        ps.setInt(1, lo);
        ps.setInt(2, Math.min(shape.days(), lo + 7) - 1);
        ps.setInt(3, shape.agents());
        ps.setObject(4, shape.firstDay());
        ps.setString(5, zone);
        ps.setObject(6, shape.firstDay());
        rows += ps.executeUpdate();
      }
    }
    // The map's latest positions: each agent's last fix of the range's last week.
    try (PreparedStatement ps = c.prepareStatement("""
        INSERT INTO agent_position (agent_id, device_time, received_at, lat, lon, accuracy_m, speed_mps, heading_deg,
                                    battery_pct, charging)
        SELECT DISTINCT ON (agent_id) agent_id, device_time, received_at, lat, lon, accuracy_m, speed_mps, heading_deg,
               battery_pct, charging
        FROM telemetry WHERE agent_id LIKE 'ba-%' AND device_time >= (?::date - 7)::timestamp AT TIME ZONE 'UTC'
        ORDER BY agent_id, device_time DESC
        ON CONFLICT (agent_id) DO NOTHING
        """)) {
      ps.setObject(1, shape.lastDay());
      ps.executeUpdate();
    }
    Step step = new Step("telemetry fixes (every " + shape.fixEveryMinutes() + " min)", rows, seconds(started));
    progress.printf("  %s: %,d in %.1f s%n", step.what(), rows, step.seconds());
    return step;
  }

  private Step step(Connection c, String what, String sql) throws SQLException {
    long started = System.nanoTime();
    long rows;
    try (Statement s = c.createStatement()) {
      rows = s.executeUpdate(sql);
    }
    Step step = new Step(what, rows, seconds(started));
    progress.printf("  %s: %,d in %.1f s%n", what, rows, step.seconds());
    return step;
  }

  static String rollupZone(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT zone FROM contact_rollup_zone")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** The id the next row of {@code table} will get (its bigserial is not shared with anyone during the load). */
  private static long nextId(Connection c, String table) throws SQLException {
    return count(c, "SELECT coalesce(max(id), 0) + 1 FROM " + table);
  }

  /** Visits address debtors and addresses by base + index: that only works if the ids came out gap-free. */
  private static void requireContiguous(Connection c, String table, long base, int rows) throws SQLException {
    long[] span = new long[3];
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT min(id), max(id), count(*) FROM " + table + " WHERE id >= " + base)) {
      rs.next();
      span[0] = rs.getLong(1);
      span[1] = rs.getLong(2);
      span[2] = rs.getLong(3);
    }
    if (span[0] != base || span[1] != base + rows - 1 || span[2] != rows) {
      throw new IllegalStateException(table + " ids are not " + base + ".." + (base + rows - 1) + " (got " + span[0] + ".."
          + span[1] + ", " + span[2] + " rows): was the database in use?");
    }
  }

  static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }
}
