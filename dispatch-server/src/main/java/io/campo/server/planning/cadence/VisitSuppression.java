package io.campo.server.planning.cadence;

import io.campo.server.portfolio.PromiseRecords;

/**
 * THE place that says until when a debtor must not be visited: one SQL query, one row per debtor, the latest date of
 * every reason that suppresses visits. Plans drawn from the portfolio leave a debtor out while the planned day is on or
 * before that date.
 *
 * <p>Two reasons: a pending promise to pay (recorded at a visit and not rejected, or made by the debtor on the payment
 * page; not kept), suppressed until its date plus
 * {@code CAMPO_PROMISE_GRACE_DAYS}; and a confirmed payment agreement in good standing, until its next unpaid
 * installment's date plus the agreement's grace. <b>A new reason</b> (a payment agreement's next installment, a legal hold…) is one
 * more {@code UNION ALL} branch of {@link #REASONS} yielding {@code (debtor_id, until)}; nothing else changes. Its
 * parameters are appended after the existing ones and bound in {@link DebtorCadence#load}.
 */
final class VisitSuppression {

  /** Parameter 1: the promises' grace in days (integer); 2 and 3: the planned day (installment states on it). */
  static final String REASONS = "SELECT p.debtor_id, p.due_date + ?::int AS until FROM " + PromiseRecords.MADE + " p"
      + " WHERE p.due_date IS NOT NULL AND NOT " + PromiseRecords.MADE_IS_KEPT
      // A confirmed payment agreement that is not broken: until its next unpaid installment's date plus the agreement's
      // own grace (its terms). A broken one suppresses nothing: it raises the debtor's visit value instead.
      + " UNION ALL SELECT a.debtor_id, (SELECT min(s.due_date) FROM agreement_installment_states(?::date, a.id, NULL) s"
      + "   WHERE s.state IN ('due', 'late')) + a.grace_days FROM agreement a WHERE a.status = 'confirmed'"
      + "   AND NOT EXISTS (SELECT 1 FROM agreement_installment_states(?::date, a.id, NULL) m WHERE m.state = 'missed')";

  /** {@code (debtor_id, until)}: the last day each suppressed debtor may not be visited. */
  static final String QUERY = "SELECT debtor_id, max(until) FROM (" + REASONS + ") reasons WHERE until IS NOT NULL"
      + " GROUP BY debtor_id";

  private VisitSuppression() {}
}
