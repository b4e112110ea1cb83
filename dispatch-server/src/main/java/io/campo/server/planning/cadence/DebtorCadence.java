package io.campo.server.planning.cadence;

import io.campo.server.config.CadenceSettings;
import io.campo.server.portfolio.PromiseRecords;
import io.campo.server.portfolio.StrategyVisitPool;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Reads, for one planned day, what the cadence rules need of every debtor at once: until when visits are suppressed
 * ({@link VisitSuppression}), the local day of the last visit, and whether the debtor broke a promise nobody has
 * followed up since or a strategy's visit step made it a must-visit ({@link StrategyVisitPool}). Four queries, whatever
 * the portfolio's size.
 *
 * <p>Blocking (JDBC); thread-safe.
 */
public final class DebtorCadence {

  /**
   * A broken promise not followed up: the debtor's latest visit (not rejected) is a promise whose date plus the grace
   * has passed before the planned day, and no payment kept it. A later visit of any outcome is the follow-up.
   * Parameters: the grace in days, the planned day.
   */
  static final String BROKEN = "SELECT p.debtor_id FROM (SELECT DISTINCT ON (debtor_id) * FROM visit WHERE status <> 'REJECTED'"
      + " ORDER BY debtor_id, check_in_at DESC, id DESC) p"
      + " WHERE " + PromiseRecords.IS_PROMISE + " AND p.outcome_details->>'date' ~ '^\\d{4}-\\d{2}-\\d{2}$'"
      + " AND (p.outcome_details->>'date')::date + ?::int < ? AND NOT " + PromiseRecords.IS_KEPT
      // The debtor's own promise on the payment page, broken, and no visit since it was made. Parameters 3 and 4: the
      // grace, the planned day.
      + " UNION SELECT p.debtor_id FROM " + PromiseRecords.MADE + " p WHERE p.source = 'page' AND p.due_date + ?::int < ?"
      + " AND NOT " + PromiseRecords.MADE_IS_KEPT + " AND NOT EXISTS (SELECT 1 FROM visit v WHERE v.debtor_id = p.debtor_id"
      + " AND v.status <> 'REJECTED' AND v.check_in_at > p.made_at)";

  /** Parameters: the agency's zone, the first local day that counts, the planned day. */
  static final String LAST_VISIT = "SELECT debtor_id, max((check_in_at AT TIME ZONE ?)::date) FROM visit"
      + " WHERE status <> 'REJECTED' AND (check_in_at AT TIME ZONE ?)::date BETWEEN ? AND ? GROUP BY debtor_id";

  private final DataSource dataSource;
  private final CadenceSettings settings;
  private final ZoneId zone;

  public DebtorCadence(DataSource dataSource, CadenceSettings settings, ZoneId zone) {
    this.dataSource = dataSource;
    this.settings = settings;
    this.zone = zone;
  }

  public CadenceRules load(LocalDate planDate) throws SQLException {
    Map<Long, LocalDate> suppressedUntil = new HashMap<>();
    Map<Long, LocalDate> lastVisit = new HashMap<>();
    Set<Long> broken = new HashSet<>();
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement(VisitSuppression.QUERY)) {
        ps.setInt(1, settings.promiseGraceDays());
        ps.setObject(2, planDate);
        ps.setObject(3, planDate);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            suppressedUntil.put(rs.getLong(1), rs.getObject(2, LocalDate.class));
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement(BROKEN)) {
        ps.setInt(1, settings.promiseGraceDays());
        ps.setObject(2, planDate);
        ps.setInt(3, settings.promiseGraceDays());
        ps.setObject(4, planDate);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            broken.add(rs.getLong(1));
          }
        }
      }
      // A strategy's visit step that said must-visit is one too (issue #15: "broken promise -> visit").
      broken.addAll(StrategyVisitPool.mustVisits(c, planDate));
      if (settings.visitCooldownDays() > 0) {
        try (PreparedStatement ps = c.prepareStatement(LAST_VISIT)) {
          ps.setString(1, zone.getId());
          ps.setString(2, zone.getId());
          ps.setObject(3, planDate.minusDays(settings.visitCooldownDays()));
          ps.setObject(4, planDate);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              lastVisit.put(rs.getLong(1), rs.getObject(2, LocalDate.class));
            }
          }
        }
      }
    }
    return new CadenceRules(planDate, settings.visitCooldownDays(), suppressedUntil, lastVisit, broken);
  }
}
