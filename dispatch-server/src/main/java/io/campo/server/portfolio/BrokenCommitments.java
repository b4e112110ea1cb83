package io.campo.server.portfolio;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/**
 * Debtors who broke a commitment lately, whom the planner visits sooner (issue #15): a confirmed payment agreement
 * with a missed installment on the plan's day (V31's {@code agreement_installment_states}, the agreements API's own
 * definition), or a promise whose date passed in the last {@value #RECENT_PROMISE_DAYS} days unkept (V13's {@code
 * promise_state}, kept from the ledger). Not the segmentation's promise factor, which judges how likely a debtor is to
 * pay from the whole history: this is the collection strategy's "broken promise: go and see", and it fades once the
 * promise is a month old. Blocking (JDBC).
 */
final class BrokenCommitments {

  /** A broken commitment raises the visit's value by half: enough to lead debtors of the same band, not to jump bands. */
  static final double FOLLOW_UP_FACTOR = 1.5;
  static final int RECENT_PROMISE_DAYS = 30;

  private BrokenCommitments() {}

  static Set<Long> on(Connection c, LocalDate day) throws SQLException {
    Set<Long> debtors = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT a.debtor_id FROM agreement a"
        + " WHERE a.status = 'confirmed' AND EXISTS (SELECT 1 FROM agreement_installment_states(?, a.id, a.debtor_id) s"
        + " WHERE s.state = 'missed')"
        + " UNION SELECT s.debtor_id FROM promise_state s WHERE s.due_date >= ? AND s.due_date < ? AND NOT s.kept")) {
      ps.setObject(1, day);
      ps.setObject(2, day.minusDays(RECENT_PROMISE_DAYS));
      ps.setObject(3, day);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          debtors.add(rs.getLong(1));
        }
      }
    }
    return debtors;
  }

  static long raised(long visitValue) {
    return Math.round(visitValue * FOLLOW_UP_FACTOR);
  }
}
