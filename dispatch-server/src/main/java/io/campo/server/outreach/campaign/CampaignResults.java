package io.campo.server.outreach.campaign;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a campaign brought in (issue #15 item 8, "paid within 7 days"): the debtors who paid, by any source of the
 * ledger, within {@value #DAYS} days after their message was sent, and the amount of those payments. A payment before
 * the message, or a message never sent (skipped, failed before sending), counts nothing. Correlation, not proof: the
 * debtor may have paid anyway; it is what collection agencies compare campaigns by. Blocking (JDBC).
 */
final class CampaignResults {

  static final int DAYS = 7;

  /** One row per currency: the debtors who paid (a debtor paying in two currencies counts in both) and the sum. */
  private static final String PAID = "SELECT p.currency, count(DISTINCT m.debtor_id), sum(p.amount)"
      + " FROM outbound_message m JOIN payment p ON p.debtor_id = m.debtor_id"
      + " AND p.paid_at >= m.sent_at AND p.paid_at < m.sent_at + make_interval(days => ?)"
      + " WHERE m.campaign_id = ? AND m.sent_at IS NOT NULL GROUP BY p.currency";

  private static final String DEBTORS = "SELECT count(DISTINCT m.debtor_id) FROM outbound_message m"
      + " WHERE m.campaign_id = ? AND m.sent_at IS NOT NULL AND EXISTS (SELECT 1 FROM payment p WHERE p.debtor_id = m.debtor_id"
      + " AND p.paid_at >= m.sent_at AND p.paid_at < m.sent_at + make_interval(days => ?))";

  private CampaignResults() {}

  /**
   * {@code {"paidWithin7Days": n, "paidAmount": "1500.00" | null, "paidByCurrency": {"MXN": "1500.00"}}}:
   * {@code paidAmount} is the sum when the payments are all in one currency (the usual case), null when none or mixed.
   */
  static JsonObject of(Connection c, long campaignId) throws SQLException {
    Map<String, BigDecimal> byCurrency = new TreeMap<>();
    try (PreparedStatement ps = c.prepareStatement(PAID)) {
      ps.setInt(1, DAYS);
      ps.setLong(2, campaignId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byCurrency.put(rs.getString(1).strip(), rs.getBigDecimal(3));
        }
      }
    }
    long debtors;
    try (PreparedStatement ps = c.prepareStatement(DEBTORS)) {
      ps.setLong(1, campaignId);
      ps.setInt(2, DAYS);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        debtors = rs.getLong(1);
      }
    }
    JsonObject paid = new JsonObject();
    byCurrency.forEach((currency, amount) -> paid.put(currency, amount.setScale(2).toPlainString()));
    return new JsonObject().put("paidWithin7Days", debtors)
        .put("paidAmount", byCurrency.size() == 1 ? paid.getString(byCurrency.keySet().iterator().next()) : null)
        .put("paidByCurrency", paid);
  }
}
