package io.campo.server.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.api.ApiException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReportFailuresTest {

  private final ReportFailures failures = new ReportFailures(Duration.ofSeconds(30));

  @Test
  void aCancelledStatementIsA503NamingTheLimitEvenWhenWrapped() {
    Throwable t = failures.translate(new IllegalStateException("kpis", new SQLException("canceling statement", "57014")));
    ApiException e = (ApiException) t;
    assertEquals(503, e.status());
    assertTrue(e.getMessage().contains("30000 ms allowed (CAMPO_REPORT_STATEMENT_TIMEOUT_MS)"), e.getMessage());
  }

  @Test
  void noFreeReportConnectionIsA503() {
    ApiException e = (ApiException) failures.translate(new SQLTransientConnectionException("campo-reports - timed out"));
    assertEquals(503, e.status());
    assertTrue(e.getMessage().contains("CAMPO_REPORT_CONNECTIONS"), e.getMessage());
  }

  @Test
  void otherFailuresStayWhatTheyAre() {
    SQLException syntax = new SQLException("syntax error", "42601");
    assertSame(syntax, failures.translate(syntax));
    ApiException badRequest = ApiException.badRequest("'from' is required");
    assertSame(badRequest, failures.translate(badRequest));
  }
}
