package io.campo.server.portfolio;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The field visits strategies added to the planner's pool ({@code strategy_visit}, written by the outreach strategies'
 * visit steps) that are still open on a planned day: added on or before it, less than {@value #OPEN_DAYS} days before,
 * and neither visited (a visit not rejected) nor paid (a payment paid or recorded) since. Cleared is derived, not
 * stored: a payment or a visit closes the step's visit the moment it is recorded, on every node. Blocking (JDBC).
 */
public final class StrategyVisitPool {

  /** A step's visit not made in a month is stale: the strategy's next rule (or the cadence) takes over. */
  public static final int OPEN_DAYS = 30;

  /** Parameters: the planned day, the first day that counts. */
  static final String OPEN = "SELECT s.debtor_id, max(s.value_factor), bool_or(s.must_visit) FROM strategy_visit s"
      + " WHERE s.run_date <= ? AND s.run_date > ?"
      + " AND NOT EXISTS (SELECT 1 FROM visit v WHERE v.debtor_id = s.debtor_id AND v.status <> 'REJECTED'"
      + "   AND v.check_in_at >= s.added_at)"
      + " AND NOT EXISTS (SELECT 1 FROM payment p WHERE p.debtor_id = s.debtor_id"
      + "   AND (p.paid_at >= s.added_at OR p.recorded_at >= s.added_at))"
      + " GROUP BY s.debtor_id";

  /** How an open step's visit weighs in a plan: its value times {@code factor}; a must-visit when a step said so. */
  public record Raise(BigDecimal factor, boolean mustVisit) {}

  private StrategyVisitPool() {}

  /** By debtor row id: the open visits on {@code planDate} (the largest factor when several steps added one). */
  public static Map<Long, Raise> open(Connection c, LocalDate planDate) throws SQLException {
    Map<Long, Raise> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(OPEN)) {
      ps.setObject(1, planDate);
      ps.setObject(2, planDate.minusDays(OPEN_DAYS));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getLong(1), new Raise(rs.getBigDecimal(2), rs.getBoolean(3)));
        }
      }
    }
    return out;
  }

  /** The debtors an open step's visit makes must-visits on {@code planDate}. */
  public static Set<Long> mustVisits(Connection c, LocalDate planDate) throws SQLException {
    Set<Long> out = new HashSet<>();
    open(c, planDate).forEach((debtor, raise) -> {
      if (raise.mustVisit()) {
        out.add(debtor);
      }
    });
    return out;
  }

  /** The visit value raised by the step: rounded, never below the value it had. */
  public static long raised(long visitValue, Raise raise) {
    return Math.max(visitValue, raise.factor().multiply(BigDecimal.valueOf(visitValue)).setScale(0, java.math.RoundingMode.HALF_UP)
        .longValueExact());
  }
}
