package io.campo.server.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The report functions moved into the repeatable migration {@code R__report_functions.sql} (with the contact rule
 * {@code campo_is_contact}, V34) count exactly as the versioned definitions they replace: the same visits, corrections,
 * payments and segment changes give the same rollups on a database that stays at V33 (the old bodies), on one that
 * upgrades from V33 in the middle of the writes, and on one migrated from empty; and the set-based rebuilds agree with
 * the triggers.
 */
class ReportFunctionsMigrationTest {

  /** The writes before the upgrade: every outcome, a rejected and an overridden visit, promises, payments. */
  static final List<String> BEFORE = List.of(
      "INSERT INTO debtor (external_id, name, segment) VALUES ('D1', 'Uno', 'A'), ('D2', 'Dos', NULL), ('D3', 'Tres', 'B')",
      "INSERT INTO debt (debtor_id, external_id, product, currency, principal, balance, due_date)"
          + " SELECT id, 'L-' || external_id, 'loan', 'MXN', 1000, 1000, '2026-01-01' FROM debtor",
      visit("ana", "D1", "2026-03-02T15:10:00Z", "VALID", "PAID", "{\"amount\": 150.50}"),
      visit("ana", "D1", "2026-03-02T16:40:00Z", "VALID", "PROMISE", "{\"date\": \"2026-03-06\"}"),
      visit("ana", "D2", "2026-03-02T17:05:00Z", "VALID", "NO_CONTACT", "{}"),
      visit("beto", "D2", "2026-03-03T03:30:00Z", "VALID", "WRONG_ADDRESS", "{}"),
      visit("beto", "D3", "2026-03-03T14:00:00Z", "REJECTED", "PAID", "{\"amount\": 99}"),
      visit("beto", "D3", "2026-03-03T14:30:00Z", "OVERRIDDEN", "REFUSED", "{}"),
      visit("beto", "D3", "2026-03-04T20:00:00Z", "VALID", "INCIDENT", "{}"),
      visit("ana", "D2", "2026-03-05T13:00:00Z", "VALID", "AGREEMENT", "{}"),
      visit("ana", "D3", "2026-03-05T13:45:00Z", "VALID", "PROMISE", "{\"date\": \"2026-03-10\"}"));

  /** The writes after it: new visits, a correction, a delete, a segment change, a transfer keeping a promise. */
  static final List<String> AFTER = List.of(
      visit("ana", "D1", "2026-03-06T15:00:00Z", "VALID", "NO_CONTACT", "{}"),
      visit("beto", "D2", "2026-03-06T23:59:00Z", "VALID", "PAID", "{\"amount\": 20}"),
      "UPDATE visit SET outcome = 'PAID', outcome_details = '{\"amount\": 75}' WHERE outcome = 'NO_CONTACT' AND agent_id = 'ana'"
          + " AND check_in_at = '2026-03-02T17:05:00Z'",
      "UPDATE visit SET status = 'OVERRIDDEN' WHERE status = 'REJECTED'",
      "DELETE FROM visit WHERE outcome = 'INCIDENT'",
      "UPDATE debtor SET segment = 'C' WHERE external_id = 'D1'",
      "INSERT INTO payment (debtor_id, amount, currency, paid_at, reference, source, recorded_by)"
          + " SELECT id, 300, 'MXN', '2026-03-08T18:00:00Z', 'T-1', 'transfer', 'office' FROM debtor WHERE external_id = 'D3'",
      "UPDATE debt SET balance = 700 WHERE external_id = 'L-D3'");

  /** What the reports read, as text, in a fixed order. */
  static final Map<String, String> ROLLUPS = new LinkedHashMap<>();

  static {
    ROLLUPS.put("visit_contact_hourly", "SELECT local_day, weekday, hour, agent_id, segment, attempts, contacts FROM visit_contact_hourly"
        + " WHERE attempts > 0 ORDER BY 1, 3, 4, 5");
    ROLLUPS.put("visit_kpi_daily", "SELECT local_day, agent_id, segment, visits, rejected, attempts, contacts, promises, collected,"
        + " timed, visit_seconds FROM visit_kpi_daily WHERE visits > 0 ORDER BY 1, 2, 3");
    // The days set, not the bit strings: a trigger clears a bit and keeps the string's length, a rebuild starts at the first
    // and ends at the last attempted day.
    String days = "(SELECT string_agg((first_day + i)::text, ',' ORDER BY i) FROM generate_series(0, length(days) - 1) i"
        + " WHERE get_bit(days, i) = 1)";
    ROLLUPS.put("debtor_kpi_state", "SELECT debtor_id, open_balance, " + days + " FROM debtor_kpi_state ORDER BY 1");
    ROLLUPS.put("agent_debtor_attempt_days", "SELECT agent_id, debtor_id, " + days + " FROM agent_debtor_attempt_days"
        + " WHERE position('1' in days::text) > 0 ORDER BY 1, 2");
    ROLLUPS.put("promise_state", "SELECT visit_id, debtor_id, agent_id, made_at, made_day, due_date, kept FROM promise_state ORDER BY 1");
    ROLLUPS.put("promise_kpi_daily", "SELECT local_day, agent_id, segment, promises, kept FROM promise_kpi_daily WHERE promises > 0"
        + " ORDER BY 1, 2, 3");
    ROLLUPS.put("payment_kpi_daily", "SELECT local_day, segment, payments, collected FROM payment_kpi_daily WHERE payments > 0 ORDER BY 1, 2");
  }

  static EmbeddedPostgres pg;

  @BeforeAll
  static void start() throws IOException {
    pg = EmbeddedPostgres.builder().setServerConfig("timezone", "UTC").start();
  }

  @AfterAll
  static void stop() throws IOException {
    pg.close();
  }

  @Test
  void upgradingFromV33KeepsEveryRollupAndTheNewBodiesCountLikeTheOldOnes() throws Exception {
    String old = database("stays_at_v33");
    migrate(old, "33");
    String upgraded = database("upgrades");
    migrate(upgraded, "33");
    String fresh = database("fresh");
    migrate(fresh, null);
    for (String url : List.of(old, upgraded, fresh)) {
      run(url, "SELECT contact_rollup_use_zone('America/Mexico_City')");
      run(url, BEFORE);
    }
    assertFalse(functionExists(old, "campo_is_contact"), "V33 has no contact function yet");
    Map<String, List<String>> beforeUpgrade = rollups(upgraded);
    assertEquals(rollups(old), beforeUpgrade);
    assertTrue(beforeUpgrade.get("visit_contact_hourly").size() >= 5, "the data reaches the rollups: " + beforeUpgrade);

    migrate(upgraded, null);

    assertTrue(functionExists(upgraded, "campo_is_contact"));
    assertEquals(beforeUpgrade, rollups(upgraded), "the upgrade itself changes no report");
    assertTrue(definition(upgraded, "contact_rollup_add").contains("campo_is_contact"), "the new bodies are in place");
    assertEquals(definition(fresh, "kpi_rollup_add"), definition(upgraded, "kpi_rollup_add"));
    for (String url : List.of(old, upgraded, fresh)) {
      run(url, AFTER);
    }
    Map<String, List<String>> expected = rollups(old);
    assertEquals(expected, rollups(upgraded), "triggers with the new bodies count as the old ones did");
    assertEquals(expected, rollups(fresh), "a database migrated from empty counts the same");
    assertTrue(expected.get("payment_kpi_daily").size() == 1 && expected.get("promise_state").stream().anyMatch(r -> r.endsWith("|t")),
        "the transfer is counted and keeps a promise: " + expected);

    // The set-based rebuilds of the repeatable migration agree with its triggers.
    run(upgraded, "SELECT contact_rollup_use_zone('America/Bogota')");
    assertFalse(expected.equals(rollups(upgraded)), "another zone buckets differently");
    run(upgraded, "SELECT contact_rollup_use_zone('America/Mexico_City')");
    assertEquals(expected, rollups(upgraded));
  }

  @Test
  void aSecondMigrateRunsNothingAndTheRepeatableMigrationRanOnce() throws Exception {
    String url = database("twice");
    migrate(url, null);
    assertEquals(0, migrate(url, null), "nothing left to run");
    assertEquals(List.of("report functions|true"), rows(url,
        "SELECT description, success::text FROM flyway_schema_history WHERE version IS NULL"));
  }

  /** Every outcome the visit table accepts, and whether it means the agent reached the debtor. */
  static final Map<String, Boolean> CONTACT = Map.of("PAID", true, "PROMISE", true, "REFUSED", true, "INCIDENT", true,
      "AGREEMENT", true, "NO_CONTACT", false, "WRONG_ADDRESS", false);

  @Test
  void theContactRuleAnswersForEveryOutcomeTheVisitTableAccepts() throws Exception {
    String url = database("contact_rule");
    migrate(url, null);
    String check = String.join("", rows(url, "SELECT pg_get_constraintdef(oid) FROM pg_constraint"
        + " WHERE conrelid = 'visit'::regclass AND pg_get_constraintdef(oid) LIKE '%outcome%ARRAY%'"));
    Set<String> accepted = new TreeSet<>();
    Matcher m = Pattern.compile("'(\\w+)'::text").matcher(check);
    while (m.find()) {
      accepted.add(m.group(1));
    }
    assertEquals(new TreeSet<>(CONTACT.keySet()), accepted,
        "a new outcome needs a decision here and, if it is no contact, in campo_is_contact (a new versioned migration)");
    for (var e : CONTACT.entrySet()) {
      assertEquals(List.of(String.valueOf(e.getValue())), rows(url, "SELECT campo_is_contact('" + e.getKey() + "')::text"), e.getKey());
    }
    assertEquals(List.of("false"), rows(url, "SELECT campo_is_contact(NULL)::text"), "no outcome is no contact");
    // Inlined into the caller, so the reports' queries keep the plans of the literal list it replaced.
    String plan = String.join("\n", rows(url, "EXPLAIN (VERBOSE) SELECT count(*) FILTER (WHERE campo_is_contact(v.outcome)) FROM visit v"));
    assertFalse(plan.contains("campo_is_contact"), plan);
    assertTrue(plan.contains("NO_CONTACT"), plan);
  }

  /**
   * Flyway runs the repeatable migration after every versioned one: a later versioned migration that redefined a report
   * function would be overwritten the next time R__report_functions.sql changes, silently bringing the old body back.
   */
  @Test
  void noVersionedMigrationAfterV34RedefinesAReportFunction() throws Exception {
    Path folder = Path.of(ReportFunctionsMigrationTest.class.getResource("/db/migration").toURI());
    Set<String> reportFunctions = functionNames(Files.readString(folder.resolve("R__report_functions.sql")));
    assertTrue(reportFunctions.containsAll(Set.of("contact_rollup_add", "kpi_rollup_add", "kpi_debtor_rollups_rebuild",
        "promise_is_kept", "contact_rollup_use_zone", "payment_kpi_rebuild")), "parsed: " + reportFunctions);
    assertFalse(reportFunctions.contains("campo_is_contact"), "the contact rule changes only with a rebuild, in a versioned migration");
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.toList()) {
        Matcher m = Pattern.compile("V(\\d+)__.*\\.sql").matcher(f.getFileName().toString());
        if (m.matches() && Integer.parseInt(m.group(1)) > 34) {
          Set<String> redefined = functionNames(Files.readString(f));
          redefined.retainAll(reportFunctions);
          redefined.forEach(name -> offenders.add(f.getFileName() + " redefines " + name));
        }
      }
    }
    assertEquals(List.of(), offenders, "report functions change only in R__report_functions.sql; move these definitions there");
  }

  @Test
  void theFunctionNameParserSeesEveryForm() {
    assertEquals(Set.of("a", "b_c"), functionNames("CREATE FUNCTION a() RETURNS void AS $$ $$;\ncreate or replace function b_c (x int)"));
  }

  static Set<String> functionNames(String sql) {
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("(?i)CREATE\\s+(?:OR\\s+REPLACE\\s+)?FUNCTION\\s+(\\w+)\\s*\\(").matcher(sql);
    while (m.find()) {
      names.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
    }
    return names;
  }

  static String visit(String agent, String debtor, String checkIn, String status, String outcome, String details) {
    return "INSERT INTO visit (agent_id, idempotency_key, request_hash, debtor_id, check_in_at, check_out_at, check_in_lat,"
        + " check_in_lon, check_in_accuracy, outcome, outcome_details, status, validation) VALUES ('" + agent + "',"
        + " gen_random_uuid()::text, 'test', (SELECT id FROM debtor WHERE external_id = '" + debtor + "'), '" + checkIn + "',"
        + " '" + checkIn + "'::timestamptz + interval '7 minutes', 19.43, -99.13, 8, '" + outcome + "', '" + details + "', '"
        + status + "', '{}')";
  }

  static String database(String name) throws SQLException {
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return "jdbc:postgresql://localhost:" + pg.getPort() + "/" + name;
  }

  /** A repeatable-migration prefix no file has. */
  static final String OLD_SCHEMA = "NotYet";

  /** @return migrations executed */
  static int migrate(String url, String target) {
    var flyway = Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration")
        .javaMigrations(new V2__TelemetryStorage(false, 0));
    if (target != null) {
      // A target limits versioned migrations only: Flyway would still apply R__report_functions.sql, whose bodies need
      // V34. An old installation never had it, so it is hidden (another prefix) until the full migrate.
      flyway.target(target).repeatableSqlMigrationPrefix(OLD_SCHEMA);
    }
    return flyway.load().migrate().migrationsExecuted;
  }

  static void run(String url, String sql) throws SQLException {
    run(url, List.of(sql));
  }

  static void run(String url, List<String> statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  static Map<String, List<String>> rollups(String url) throws SQLException {
    Map<String, List<String>> all = new LinkedHashMap<>();
    for (var e : ROLLUPS.entrySet()) {
      all.put(e.getKey(), rows(url, e.getValue()));
    }
    return all;
  }

  static List<String> rows(String url, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          cells.add(rs.getString(i));
        }
        rows.add(String.join("|", cells));
      }
    }
    return rows;
  }

  static boolean functionExists(String url, String name) throws SQLException {
    return !rows(url, "SELECT 1 FROM pg_proc WHERE proname = '" + name + "'").isEmpty();
  }

  static String definition(String url, String name) throws SQLException {
    return String.join("\n", rows(url, "SELECT pg_get_functiondef(oid) FROM pg_proc WHERE proname = '" + name + "'"));
  }
}
