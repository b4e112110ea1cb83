package io.campo.server.planning.cadence;

import io.campo.server.portfolio.PromiseRecords;

/**
 * THE place that says until when a debtor must not be visited: one SQL query, one row per debtor, the latest date of
 * every reason that suppresses visits. Plans drawn from the portfolio leave a debtor out while the planned day is on or
 * before that date.
 *
 * <p>Today's one reason is a pending promise to pay (recorded, not rejected, not kept): suppressed until its date plus
 * {@code CAMPO_PROMISE_GRACE_DAYS}. <b>A new reason</b> (a payment agreement's next installment, a legal hold…) is one
 * more {@code UNION ALL} branch of {@link #REASONS} yielding {@code (debtor_id, until)}; nothing else changes. Its
 * parameters are appended after the existing ones and bound in {@link DebtorCadence#load}.
 */
final class VisitSuppression {

  /** Parameter 1: the grace in days (integer). */
  static final String REASONS = "SELECT p.debtor_id, (p.outcome_details->>'date')::date + ?::int AS until FROM visit p"
      + " WHERE " + PromiseRecords.IS_PROMISE + " AND p.outcome_details->>'date' ~ '^\\d{4}-\\d{2}-\\d{2}$'"
      + " AND NOT " + PromiseRecords.IS_KEPT;
      // + " UNION ALL SELECT <debtor_id>, <next installment due> + ?::int FROM <agreements> WHERE <open>"

  /** {@code (debtor_id, until)}: the last day each suppressed debtor may not be visited. */
  static final String QUERY = "SELECT debtor_id, max(until) FROM (" + REASONS + ") reasons GROUP BY debtor_id";

  private VisitSuppression() {}
}
