package io.campo.server.portfolio;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import io.campo.server.database.Jsonb;

/**
 * The append-only log of every action about a debtor (imports, visits, outcomes, promises,
 * overrides, messages), with who and when — Debitia's "bitácora". Entries are written in the
 * same transaction as the action they record, so one never exists without the other; the
 * database refuses updates and deletes.
 */
public final class ClientLog {

  /** What kinds of entry there are; stored as their lower-case names. */
  public enum Kind { IMPORT, VISIT, OUTCOME, PROMISE, OVERRIDE, MESSAGE, TEAM, PIN_PROPOSED, PIN_APPROVED, PIN_REJECTED, PAYMENT, AGREEMENT,
    // Debtor outreach (outreach package): a message sent or failed, its delivery statuses, the debtor's replies,
    // opt-outs, and contacts the compliance gate skipped, with the reason.
    MESSAGE_SENT, MESSAGE_STATUS, MESSAGE_REPLY, OPT_OUT, CONTACT_SKIPPED,
    // A strategy's visit step put the debtor in the planner's pool (outreach.strategy.VisitStep).
    VISIT_QUEUED }

  private final DataSource dataSource;

  public ClientLog(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Appends an entry inside the caller's transaction. */
  public static void append(Connection c, long debtorId, String actor, Kind kind, String summary, JsonObject details)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO client_log (debtor_id, actor, kind, summary, details) VALUES (?, ?, ?, ?, ?)")) {
      ps.setLong(1, debtorId);
      ps.setString(2, actor);
      ps.setString(3, kind.name().toLowerCase(java.util.Locale.ROOT));
      ps.setString(4, summary);
      ps.setObject(5, Jsonb.of(details));
      ps.executeUpdate();
    }
  }

  /**
   * Appends one entry per debtor inside the caller's transaction, in one statement: an import writes
   * thousands per batch, and one round trip each would cost more than the import itself.
   */
  public static void appendAll(Connection c, String actor, Kind kind, Long[] debtorIds, String[] summaries, String[] detailsJson)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO client_log (debtor_id, actor, kind, summary, details)"
            + " SELECT u.debtor_id, ?, ?, u.summary, u.details::jsonb FROM unnest(?::bigint[], ?::text[], ?::text[])"
            + " AS u(debtor_id, summary, details)")) {
      ps.setString(1, actor);
      ps.setString(2, kind.name().toLowerCase(java.util.Locale.ROOT));
      ps.setArray(3, c.createArrayOf("bigint", debtorIds));
      ps.setArray(4, c.createArrayOf("text", summaries));
      ps.setArray(5, c.createArrayOf("text", detailsJson));
      ps.executeUpdate();
    }
  }

  /** The debtor's log, oldest first, or empty when there is no such debtor. Blocking (JDBC). */
  public Optional<JsonObject> read(String externalId) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      long debtorId;
      String name;
      try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM debtor WHERE external_id = ?")) {
        ps.setString(1, externalId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          debtorId = rs.getLong(1);
          name = rs.getString(2);
        }
      }
      JsonArray entries = new JsonArray();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT at, actor, kind, summary, details::text FROM client_log WHERE debtor_id = ? ORDER BY id")) {
        ps.setLong(1, debtorId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            JsonObject e = new JsonObject().put("at", rs.getTimestamp(1).toInstant().toString()).put("actor", rs.getString(2))
                .put("kind", rs.getString(3)).put("summary", rs.getString(4));
            if (rs.getString(5) != null) {
              e.put("details", new JsonObject(rs.getString(5)));
            }
            entries.add(e);
          }
        }
      }
      return Optional.of(new JsonObject().put("debtor", externalId).put("name", name).put("entries", entries));
    }
  }
}
