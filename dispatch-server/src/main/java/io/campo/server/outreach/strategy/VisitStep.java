package io.campo.server.outreach.strategy;

import io.campo.server.portfolio.ClientLog;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A visit step's day: the debtors its rule selected go into the planner's pool ({@code strategy_visit}, read by
 * {@code portfolio.StrategyVisitPool}), once per (strategy, debtor, day), each with a client-log entry in the same
 * transaction. Blocking (JDBC).
 */
final class VisitStep {

  private VisitStep() {}

  /** @return how many debtors were added (0 for those the same day already added) */
  static int add(Connection c, Strategies.Strategy step, LocalDate day, List<Long> debtorIds, Instant now) throws SQLException {
    if (debtorIds.isEmpty()) {
      return 0;
    }
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      List<Long> added = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO strategy_visit (strategy_id, debtor_id, run_date, value_factor,"
          + " must_visit, added_at) SELECT ?, u.id, ?, ?, ?, ? FROM unnest(?::bigint[]) AS u(id)"
          + " ON CONFLICT DO NOTHING RETURNING debtor_id")) {
        ps.setLong(1, step.id());
        ps.setObject(2, day);
        ps.setBigDecimal(3, step.valueFactor());
        ps.setBoolean(4, step.mustVisit());
        ps.setTimestamp(5, Timestamp.from(now));
        ps.setArray(6, c.createArrayOf("bigint", debtorIds.toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            added.add(rs.getLong(1));
          }
        }
      }
      if (!added.isEmpty()) {
        String summary = "field visit added to the planner's pool by strategy '" + step.name() + "' (value x"
            + step.valueFactor().stripTrailingZeros().toPlainString() + (step.mustVisit() ? ", must-visit" : "")
            + "; until visited or paid)";
        String details = new JsonObject().put("strategy", step.name()).put("rule", step.rule().id())
            .put("offsetDays", step.offsetDays()).put("day", day.toString())
            .put("valueFactor", step.valueFactor().toPlainString()).put("mustVisit", step.mustVisit()).encode();
        String[] summaries = new String[added.size()];
        String[] detailsJson = new String[added.size()];
        java.util.Arrays.fill(summaries, summary);
        java.util.Arrays.fill(detailsJson, details);
        ClientLog.appendAll(c, Strategies.ACTOR, ClientLog.Kind.VISIT_QUEUED, added.toArray(Long[]::new), summaries, detailsJson);
      }
      c.commit();
      return added.size();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }
}
