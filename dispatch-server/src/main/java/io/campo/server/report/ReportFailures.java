package io.campo.server.report;

import io.campo.server.api.ApiException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/**
 * Turns a report's database failures that are about load, not about the request or a bug, into a 503 with the
 * reason: a statement cancelled by the reports' {@code statement_timeout}, or no report connection free in time.
 */
final class ReportFailures {

  /** PostgreSQL's SQLSTATE for a statement cancelled by {@code statement_timeout} (or by a cancel request). */
  static final String QUERY_CANCELED = "57014";

  private final Duration statementTimeout;

  ReportFailures(Duration statementTimeout) {
    this.statementTimeout = statementTimeout;
  }

  /** The 503 for {@code failure}, or {@code failure} itself when it is something else. */
  Throwable translate(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException e && QUERY_CANCELED.equals(e.getSQLState())) {
        return new ApiException(503, "the report ran longer than the " + statementTimeout.toMillis()
            + " ms allowed (CAMPO_REPORT_STATEMENT_TIMEOUT_MS) and was stopped: ask for fewer days, one team or one agent");
      }
      if (t instanceof SQLTransientConnectionException) {
        return new ApiException(503, "every report connection is busy with other reports (CAMPO_REPORT_CONNECTIONS):"
            + " try again in a minute");
      }
    }
    return failure;
  }
}
