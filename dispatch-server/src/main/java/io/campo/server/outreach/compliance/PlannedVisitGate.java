package io.campo.server.outreach.compliance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The compliance gate for the field visits of one plan ({@link ContactGate#plannedVisits}): what it needs of every
 * debtor is read at once when it is made (one query: the debtors already at the weekly cap of visits), so a plan drawn
 * from a portfolio of any size asks it per debtor without a query each. The rules are {@link ContactPolicy}'s. Not
 * thread-safe: one per plan.
 */
public final class PlannedVisitGate {

  /** Parameters: the 7 days' bounds, the cap. */
  static final String AT_CAP = "SELECT debtor_id, count(*) FROM visit WHERE status <> 'REJECTED'"
      + " AND check_in_at >= ? AND check_in_at < ? GROUP BY debtor_id HAVING count(*) >= ?";

  private final ContactPolicy policy;
  private final Map<Long, Integer> atCap;

  private PlannedVisitGate(ContactPolicy policy, Map<Long, Integer> atCap) {
    this.policy = policy;
    this.atCap = atCap;
  }

  static PlannedVisitGate load(Connection c, ContactPolicy policy, LocalDate planDate) throws SQLException {
    Map<Long, Integer> atCap = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(AT_CAP)) {
      ps.setTimestamp(1, Timestamp.from(policy.window().startOf(planDate.minusDays(7))));
      ps.setTimestamp(2, Timestamp.from(policy.window().startOf(planDate)));
      ps.setInt(3, policy.maxPerWeek());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          atCap.put(rs.getLong(1), rs.getInt(2));
        }
      }
    }
    return new PlannedVisitGate(policy, atCap);
  }

  /** Allow, or Skip with the reason ({@link SkipReason}); never Hold (the hours are {@link #hoursOn}). */
  public ContactDecision judge(long debtorId, boolean consentVisits) {
    return policy.decidePlannedVisit(consentVisits, atCap.getOrDefault(debtorId, 0));
  }

  /** The contact hours of a planned day; empty on a rest day. */
  public Optional<ContactHours> hoursOn(LocalDate day) {
    return policy.visitHoursOn(day);
  }
}
