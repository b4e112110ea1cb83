package io.campo.server.portfolio;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Debtors' promise histories, derived from recorded promises (a PROMISE outcome of a visit not
 * rejected by validation, or a promise made on the payment page) whose date has passed is kept when a PAID visit to the same debtor
 * or any other payment in the ledger was recorded between the promise and the end of its date,
 * broken otherwise. Promises not yet due count neither way.
 */
public final class PromiseRecords {

  /**
   * True for a recorded promise (alias {@code p}): a PROMISE outcome not rejected by validation.
   * The one definition; the KPI report reads migration V13's {@code promise_state}, whose triggers
   * apply these same rules (KpiDebtorRollupTest holds them equal).
   */
  public static final String IS_PROMISE = "p.outcome = 'PROMISE' AND p.status <> 'REJECTED'";

  /** True for a promise (alias {@code p}) whose date has passed: before {@code ?}, the local date today. */
  public static final String IS_DUE = "(p.outcome_details->>'date')::date < ?";

  /**
   * True when promise {@code p} was kept: a payment in the ledger between the promise and the end of its date in the
   * agency's zone (V13's {@code promise_due_end}, whatever the connection's TimeZone). Field payments are read as their
   * PAID visits (each such visit not REJECTED writes one, and a correction of the visit is followed), every other
   * source from the ledger (V24's {@code promise_is_kept} is the same test).
   */
  public static final String IS_KEPT = "(EXISTS (SELECT 1 FROM visit pay WHERE pay.debtor_id = p.debtor_id"
      + " AND pay.outcome = 'PAID' AND pay.status <> 'REJECTED' AND pay.check_in_at >= p.check_in_at"
      + " AND pay.check_in_at < promise_due_end((p.outcome_details->>'date')::date))"
      + " OR EXISTS (SELECT 1 FROM payment pay WHERE pay.debtor_id = p.debtor_id AND pay.source <> 'field'"
      + " AND pay.paid_at >= p.check_in_at AND pay.paid_at < promise_due_end((p.outcome_details->>'date')::date)))";

  /**
   * Every recorded promise, whichever way it came: V35's view {@code promise_made} (alias {@code p}) of the promises of
   * visits ({@link #IS_PROMISE}) and of the payment page, with {@code source} ({@code visit}, {@code page}), {@code
   * source_id}, {@code debtor_id}, {@code agent_id} (null for the page), {@code made_at}, {@code due_date} (null when
   * the visit's date is no date), {@code amount} and {@code currency} (text). Readers that ask "does this debtor have
   * a promise" read this, so a new way to promise is one more branch of the view.
   */
  public static final String MADE = "promise_made";

  /** {@link #IS_DUE} for {@link #MADE}: the promise's date is before {@code ?}, the local date today. */
  public static final String MADE_IS_DUE = "p.due_date < ?";

  /** {@link #IS_KEPT} for {@link #MADE}: the same test on the view's columns. */
  public static final String MADE_IS_KEPT = "(EXISTS (SELECT 1 FROM visit pay WHERE pay.debtor_id = p.debtor_id"
      + " AND pay.outcome = 'PAID' AND pay.status <> 'REJECTED' AND pay.check_in_at >= p.made_at"
      + " AND pay.check_in_at < promise_due_end(p.due_date))"
      + " OR EXISTS (SELECT 1 FROM payment pay WHERE pay.debtor_id = p.debtor_id AND pay.source <> 'field'"
      + " AND pay.paid_at >= p.made_at AND pay.paid_at < promise_due_end(p.due_date)))";

  private static final String QUERY = "SELECT p.debtor_id,"
      + " count(*) FILTER (WHERE paid.any) AS kept, count(*) FILTER (WHERE NOT paid.any) AS broken"
      + " FROM " + MADE + " p CROSS JOIN LATERAL (SELECT " + MADE_IS_KEPT + " AS any) paid"
      + " WHERE " + MADE_IS_DUE
      + " %s GROUP BY p.debtor_id";

  private PromiseRecords() {}

  /** Every debtor with a promise due before {@code today}, by debtor row id. */
  static Map<Long, PromiseHistory> all(Connection c, LocalDate today) throws SQLException {
    Map<Long, PromiseHistory> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(QUERY.formatted(""))) {
      ps.setObject(1, today);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getLong(1), new PromiseHistory(rs.getInt(2), rs.getInt(3)));
        }
      }
    }
    return out;
  }

  static PromiseHistory of(Connection c, long debtorId, LocalDate today) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(QUERY.formatted("AND p.debtor_id = ?"))) {
      ps.setObject(1, today);
      ps.setLong(2, debtorId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new PromiseHistory(rs.getInt(2), rs.getInt(3)) : PromiseHistory.NONE;
      }
    }
  }
}
