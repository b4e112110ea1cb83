package io.campo.server.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.campo.server.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reports run under {@code CAMPO_REPORT_STATEMENT_TIMEOUT_MS}: one that runs longer (here: stuck behind a lock the test
 * holds, which counts toward the timeout like any slow plan) answers 503 with the reason, and leaves nothing running.
 */
class ReportTimeoutTest {

  static TestServer server;
  static String admin;

  @BeforeAll
  static void start() throws Exception {
    Map<String, String> env = TestServer.env(TestServer.freshDatabaseUrl());
    env.put("CAMPO_REPORT_STATEMENT_TIMEOUT_MS", "300");
    server = TestServer.start(env);
    admin = server.adminToken();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aContactHourReportOverItsTimeAnswers503AndHoldsNothing() throws Exception {
    assertStoppedWhileLocked("visit_contact_hourly", "/api/reports/contact-hours?from=2026-03-01&to=2026-03-31");
  }

  @Test
  void aKpiReportOverItsTimeAnswers503AndHoldsNothing() throws Exception {
    assertStoppedWhileLocked("visit_kpi_daily", "/api/reports/kpis?from=2026-03-01&to=2026-03-31");
  }

  private void assertStoppedWhileLocked(String table, String path) throws Exception {
    HttpResponse<String> before = server.request("GET", path, admin, null);
    assertEquals(200, before.statusCode(), before.body());
    try (Connection blocker = server.server.database().dataSource().getConnection()) {
      blocker.setAutoCommit(false);
      try (Statement s = blocker.createStatement()) {
        s.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
        long t0 = System.nanoTime();
        // With a time limit of its own: a report with none would wait for the lock forever.
        HttpResponse<String> stopped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
            .header("Authorization", "Bearer " + admin).timeout(Duration.ofSeconds(20)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(503, stopped.statusCode(), stopped.body());
        JsonObject error = new JsonObject(stopped.body());
        assertEquals(503, error.getInteger("status"));
        assertTrue(error.getString("error").contains("longer than the 300 ms allowed (CAMPO_REPORT_STATEMENT_TIMEOUT_MS)"),
            error.getString("error"));
        // The lock is still held: only the timeout can have ended the report (generously bounded for a loaded box).
        assertTrue(ms < 10_000, "answered after " + ms + " ms");
        // The backend marks itself idle just after it sends the cancellation's error, so the 503 can come first: look
        // again for a moment (a statement really left running stays active as long as the lock is held). Each look
        // clears the transaction's cached activity snapshot, which would otherwise show the first look again.
        long running = -1;
        for (long until = System.nanoTime() + 5_000_000_000L; running != 0 && System.nanoTime() < until; Thread.sleep(50)) {
          s.execute("SELECT pg_stat_clear_snapshot()");
          try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid()"
              + " AND datname = current_database() AND state = 'active' AND query LIKE '%" + table + "%'")) {
            rs.next();
            running = rs.getLong(1);
          }
        }
        assertEquals(0, running, "the stopped report's statement is still running");
        HikariDataSource reports = (HikariDataSource) server.server.database().reportDataSource();
        assertEquals(0, reports.getHikariPoolMXBean().getActiveConnections(), "a report connection is still borrowed");
      } finally {
        blocker.rollback();
      }
    }
    HttpResponse<String> after = server.request("GET", path, admin, null);
    assertEquals(200, after.statusCode(), after.body());
  }

  @Test
  void otherWorkIsNotUnderTheReportsTimeout() throws Exception {
    try (Connection c = server.server.database().dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("SELECT pg_sleep(0.5)"); // longer than the reports' 300 ms
      try (ResultSet rs = s.executeQuery("SHOW statement_timeout")) {
        rs.next();
        assertEquals("0", rs.getString(1));
      }
    }
    try (Connection c = server.server.database().reportDataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW statement_timeout")) {
      rs.next();
      assertEquals("300ms", rs.getString(1));
    }
  }
}
