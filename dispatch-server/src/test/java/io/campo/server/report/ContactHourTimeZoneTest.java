package io.campo.server.report;

import static io.campo.server.report.ReportTestData.matrix;
import static io.campo.server.report.ReportTestData.raw;
import static io.campo.server.report.ReportTestData.report;
import static io.campo.server.report.ReportTestData.rollup;
import static io.campo.server.report.ReportTestData.rows;
import static io.campo.server.report.ReportTestData.sql;
import static io.campo.server.report.ReportTestData.visits;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.campo.server.TestServer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Local-hour buckets across DST changes (America/Santiago in 2026) beside a zone without DST (America/Mexico_City,
 * none since 2022) and a half-hour zone (Asia/Kolkata), and the rollup rebuilt when the server's zone changes.
 */
class ContactHourTimeZoneTest {

  static final String SANTIAGO = "America/Santiago";
  static final String MEXICO = "America/Mexico_City";
  static final String KOLKATA = "Asia/Kolkata";
  static final String YEAR = "from=2026-01-01&to=2026-12-31&minAttempts=1";

  /** UTC check-ins and outcomes around Santiago's two changes of 2026. */
  static final Map<String, String> VISITS = Map.of(
      "2026-04-05T02:29:00Z", "NO_CONTACT",
      "2026-04-05T02:30:00Z", "PAID",
      "2026-04-05T03:30:00Z", "NO_CONTACT",  // after DST ended: the same local hour again
      "2026-04-05T04:30:00Z", "PAID",
      "2026-09-06T03:30:00Z", "PAID",
      "2026-09-06T04:30:00Z", "PAID");      // after DST began: local midnight to 01:00 never happened

  static TestServer start(String dbUrl, String zone) throws Exception {
    Map<String, String> env = TestServer.env(dbUrl);
    env.put("CAMPO_TIME_ZONE", zone);
    return TestServer.start(env);
  }

  static void load(TestServer server) {
    sql(server, "INSERT INTO debtor (external_id, name, segment) VALUES ('TZ-1', 'Zona', 'A')");
    VISITS.forEach((at, outcome) -> visits(server, "tz-agent", "TZ-1", at, "VALID", outcome));
  }

  /** What java.time says each visit's local weekday and hour are, counted like the report does. */
  static List<String> expectedByJavaTime(String zone) {
    Map<Integer, long[]> cells = new TreeMap<>();
    VISITS.forEach((at, outcome) -> {
      ZonedDateTime local = Instant.parse(at).atZone(ZoneId.of(zone));
      long[] c = cells.computeIfAbsent(local.getDayOfWeek().getValue() * 100 + local.getHour(), k -> new long[2]);
      c[0]++;
      c[1] += outcome.equals("NO_CONTACT") ? 0 : 1;
    });
    return cells.entrySet().stream().map(e -> e.getKey() / 100 + " " + e.getKey() % 100 + " " + e.getValue()[0] + " " + e.getValue()[1])
        .toList();
  }

  @Test
  void santiagosTwoChangesOf2026AreWhereTheTestAssumesThem() {
    var rules = ZoneId.of(SANTIAGO).getRules();
    ZoneOffsetTransition end = rules.nextTransition(Instant.parse("2026-01-01T00:00:00Z"));
    assertEquals(Instant.parse("2026-04-05T03:00:00Z"), end.getInstant());
    assertEquals(LocalDateTime.parse("2026-04-05T00:00"), end.getDateTimeBefore());
    assertEquals(LocalDateTime.parse("2026-04-04T23:00"), end.getDateTimeAfter());
    ZoneOffsetTransition start = rules.nextTransition(end.getInstant());
    assertEquals(Instant.parse("2026-09-06T04:00:00Z"), start.getInstant());
    assertEquals(LocalDateTime.parse("2026-09-06T01:00"), start.getDateTimeAfter());
    assertEquals(null, ZoneId.of(MEXICO).getRules().nextTransition(Instant.parse("2023-01-01T00:00:00Z")));
  }

  @Test
  void visitsAreBucketedInTheLocalHourAcrossDstAndInZonesWithoutIt() throws Exception {
    try (TestServer santiago = start(TestServer.freshDatabaseUrl(), SANTIAGO)) {
      load(santiago);
      String admin = santiago.adminToken();
      // Saturday 23:00 holds both real hours 23:00-24:00 -03 and 23:00-24:00 -04 of April 4, and Sep 5's 23:30 -04.
      List<String> all = List.of("6 23 4 2", "7 0 1 1", "7 1 1 1");
      assertEquals(all, expectedByJavaTime(SANTIAGO));
      assertEquals(all, matrix(report(santiago, admin, YEAR)));
      assertEquals(List.of("6 23 3 1"), matrix(report(santiago, admin, "from=2026-04-04&to=2026-04-04")));
      assertEquals(List.of("7 0 1 1"), matrix(report(santiago, admin, "from=2026-04-05&to=2026-04-05")));
      assertEquals(List.of("6 23 1 1"), matrix(report(santiago, admin, "from=2026-09-05&to=2026-09-05")));
      // Sunday September 6 has no hour 0 at all.
      assertEquals(List.of("7 1 1 1"), matrix(report(santiago, admin, "from=2026-09-06&to=2026-09-06")));
      assertEquals(raw(santiago, SANTIAGO), rollup(santiago));
      assertEquals(List.of(SANTIAGO), rows(santiago, "SELECT zone FROM contact_rollup_zone"));
    }
  }

  @Test
  void aFixedOffsetZoneBucketsEastOfGreenwichAsJavaReadsIt() throws Exception {
    try (TestServer plusFive = start(TestServer.freshDatabaseUrl(), "+05:00")) {
      load(plusFive);
      // 02:29Z is 07:29 at UTC+5 (PostgreSQL alone would read '+05:00' as UTC-5: 21:29 the day before).
      List<String> expected = List.of("7 7 2 1", "7 8 2 1", "7 9 2 2");
      assertEquals(expected, expectedByJavaTime("+05:00"));
      assertEquals(expected, matrix(report(plusFive, plusFive.adminToken(), YEAR)));
      assertEquals(List.of("Etc/GMT-5"), rows(plusFive, "SELECT zone FROM contact_rollup_zone"));
    }
  }

  @Test
  void changingTheServersZoneRebuildsTheRollupExactlyEvenForHalfHourOffsets() throws Exception {
    String db = TestServer.freshDatabaseUrl();
    try (TestServer mexico = start(db, MEXICO)) {
      load(mexico);
      List<String> expected = List.of("6 20 2 1", "6 21 2 1", "6 22 2 2");
      assertEquals(expected, expectedByJavaTime(MEXICO));
      assertEquals(expected, matrix(report(mexico, mexico.adminToken(), YEAR)));
    }
    try (TestServer kolkata = start(db, KOLKATA)) {
      // +05:30: 02:29Z and 02:30Z fall in different local hours, which no bucket of UTC hours could tell apart.
      List<String> expected = List.of("7 7 1 0", "7 8 1 1", "7 9 2 1", "7 10 2 2");
      assertEquals(expected, expectedByJavaTime(KOLKATA));
      assertEquals(expected, matrix(report(kolkata, kolkata.adminToken(), YEAR)));
      assertEquals(raw(kolkata, KOLKATA), rollup(kolkata));
      // Visits arriving after the rebuild are bucketed in the new zone too.
      visits(kolkata, "tz-agent", "TZ-1", "2026-09-06T18:29:00Z", "VALID", "REFUSED");
      assertEquals(List.of("7 7 1 0", "7 8 1 1", "7 9 2 1", "7 10 2 2", "7 23 1 1"),
          matrix(report(kolkata, kolkata.adminToken(), YEAR)));
      assertEquals(raw(kolkata, KOLKATA), rollup(kolkata));
    }
    try (TestServer santiago = start(db, SANTIAGO)) {
      assertEquals(raw(santiago, SANTIAGO), rollup(santiago));
      assertEquals(List.of("6 23 4 2", "7 0 1 1", "7 1 1 1", "7 15 1 1"), matrix(report(santiago, santiago.adminToken(), YEAR)));
    }
  }
}
