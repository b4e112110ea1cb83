package io.campo.server.portfolio;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Debtors' open promises — recorded promises ({@link PromiseRecords#IS_PROMISE}) not yet due and not yet kept — and
 * their last visit outcomes, for many debtors in one query each: the agent app's day shows them on every debtor card.
 *
 * <p>Blocking (JDBC); thread-safe.
 */
public final class OpenPromises {

  /** The agent's card shows this many past outcomes: enough to see a pattern, small enough for a 40-stop day. */
  public static final int LAST_OUTCOMES = 5;

  private final DataSource dataSource;

  public OpenPromises(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * By debtor external id: {@code [{"amount","currency","dueDate","source","madeAt"}]}, soonest first ({@code source}
   * {@code visit} or {@code page}: the debtor's own promise on the payment page); debtors with none are absent.
   */
  public Map<String, JsonArray> open(Collection<String> externalIds, LocalDate today) throws SQLException {
    return byDebtor(externalIds, "SELECT d.external_id, " + AS_JSON
        + " FROM " + PromiseRecords.MADE + " p JOIN debtor d ON d.id = p.debtor_id WHERE d.external_id = ANY (?)"
        + " AND " + OPEN + " ORDER BY p.due_date, p.made_at", today);
  }

  /** One debtor's open promises, as {@link #open}, for the office's debtor card. */
  static JsonArray of(Connection c, long debtorId, LocalDate today) throws SQLException {
    JsonArray out = new JsonArray();
    try (PreparedStatement ps = c.prepareStatement("SELECT " + AS_JSON + " FROM " + PromiseRecords.MADE + " p"
        + " WHERE p.debtor_id = ? AND " + OPEN + " ORDER BY p.due_date, p.made_at")) {
      ps.setLong(1, debtorId);
      ps.setObject(2, today);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new JsonObject(rs.getString(1)));
        }
      }
    }
    return out;
  }

  /** Dated, not yet due ({@code ?}: today) and not kept. */
  private static final String OPEN = "p.due_date >= ? AND NOT " + PromiseRecords.MADE_IS_KEPT;

  private static final String AS_JSON = "json_build_object('amount', p.amount, 'currency', p.currency,"
      + " 'dueDate', p.due_date, 'source', p.source,"
      + " 'madeAt', to_char(p.made_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'))::text";

  /** By debtor external id: the last {@link #LAST_OUTCOMES} visits' {@code {"at","outcome"}}, newest first. */
  public Map<String, JsonArray> lastOutcomes(Collection<String> externalIds) throws SQLException {
    return byDebtor(externalIds, "SELECT external_id, json_build_object('at', check_in_at, 'outcome', outcome)::text FROM ("
        + " SELECT d.external_id, v.check_in_at, v.outcome, row_number() OVER (PARTITION BY v.debtor_id"
        + "   ORDER BY v.check_in_at DESC, v.id DESC) AS n"
        + " FROM visit v JOIN debtor d ON d.id = v.debtor_id WHERE d.external_id = ANY (?)) last"
        + " WHERE n <= " + LAST_OUTCOMES + " ORDER BY external_id, check_in_at DESC", null);
  }

  private Map<String, JsonArray> byDebtor(Collection<String> externalIds, String sql, LocalDate today) throws SQLException {
    Map<String, JsonArray> out = new HashMap<>();
    if (externalIds.isEmpty()) {
      return out;
    }
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setArray(1, c.createArrayOf("text", externalIds.toArray(String[]::new)));
      if (today != null) {
        ps.setObject(2, today);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getString(1), id -> new JsonArray()).add(new JsonObject(rs.getString(2)));
        }
      }
    }
    return out;
  }
}
