package io.campo.server.outreach.optout;

import io.campo.server.api.ApiException;
import io.campo.server.outreach.channel.Channel;
import io.campo.server.portfolio.ClientLog;
import io.campo.server.team.DebtorScope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * The debtors who asked not to be contacted on a channel (V25's {@code contact_opt_out}): listed for the office, team by
 * team, and recorded by hand when a debtor asks a person (by phone, at the door) rather than replying BAJA. The
 * compliance gate reads the same table, so a manual opt-out is honoured by every later campaign. Blocking (JDBC).
 */
public final class OptOuts {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;
  static final int MAX_NOTE = 500;

  /**
   * The word the debtor sent, from an opt-out by reply ({@code ProviderEvents} writes {@code replied '<text>' by
   * <channel>}); null for one recorded by hand.
   */
  private static final String WORD = "substring(o.reason from '^replied ''(.*)'' by [a-z]+$')";

  private final DataSource dataSource;

  public OptOuts(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * {@code {"optOuts": [{"debtor","name","channel","at","word","reason"}], "total", "limit", "offset"}}, newest first.
   *
   * @param channel null for every channel
   * @param query null, or text found in the debtor's id or name (case-insensitive)
   */
  public JsonObject list(DebtorScope scope, Channel channel, String query, int limit, int offset) throws SQLException {
    String where = " FROM contact_opt_out o JOIN debtor d ON d.id = o.debtor_id WHERE (? OR d.team_id = ANY (?))"
        + " AND (?::text IS NULL OR o.channel = ?) AND (?::text IS NULL OR d.external_id ILIKE ? OR d.name ILIKE ?)";
    String like = query == null ? null : "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    try (Connection c = dataSource.getConnection()) {
      long total;
      try (PreparedStatement ps = c.prepareStatement("SELECT count(*)" + where)) {
        bind(c, ps, scope, channel, query, like);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
      JsonArray rows = new JsonArray();
      try (PreparedStatement ps = c.prepareStatement("SELECT d.external_id, d.name, o.channel, o.at, " + WORD + ", o.reason" + where
          + " ORDER BY o.at DESC, d.external_id, o.channel LIMIT ? OFFSET ?")) {
        int i = bind(c, ps, scope, channel, query, like);
        ps.setInt(i, limit);
        ps.setInt(i + 1, offset);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(new JsonObject().put("debtor", rs.getString(1)).put("name", rs.getString(2)).put("channel", rs.getString(3))
                .put("at", rs.getTimestamp(4).toInstant().toString()).put("word", rs.getString(5)).put("reason", rs.getString(6)));
          }
        }
      }
      return new JsonObject().put("optOuts", rows).put("total", total).put("limit", limit).put("offset", offset);
    }
  }

  private static int bind(Connection c, PreparedStatement ps, DebtorScope scope, Channel channel, String query, String like)
      throws SQLException {
    ps.setBoolean(1, scope.everyDebtor());
    ps.setArray(2, c.createArrayOf("text", scope.teams().toArray(String[]::new)));
    ps.setString(3, channel == null ? null : channel.id());
    ps.setString(4, channel == null ? null : channel.id());
    ps.setString(5, query);
    ps.setString(6, like);
    ps.setString(7, like);
    return 8;
  }

  /** What recording an opt-out did: {@code created} false when the debtor had already opted out of that channel. */
  public record Recorded(boolean created, JsonObject optOut) {}

  /**
   * Records that the debtor asked a person not to be contacted on {@code channel}, in the client log with who recorded
   * it. Idempotent: an existing opt-out is answered as it stands.
   *
   * @throws ApiException 404 for a debtor the caller cannot see (as for an unknown one)
   */
  public Recorded record(String externalId, Channel channel, String note, DebtorScope scope, String actor, Instant at)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        long debtorId;
        String name;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, team_id, name FROM debtor WHERE external_id = ? FOR SHARE")) {
          ps.setString(1, externalId);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || !scope.admits(rs.getString(2))) {
              throw ApiException.notFound("no debtor '" + externalId + "'");
            }
            debtorId = rs.getLong(1);
            name = rs.getString(3);
          }
        }
        String reason = "asked a person (recorded by " + actor + ")" + (note == null ? "" : ": " + note);
        boolean created;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO contact_opt_out (debtor_id, channel, at, reason)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
          ps.setLong(1, debtorId);
          ps.setString(2, channel.id());
          ps.setTimestamp(3, Timestamp.from(at));
          ps.setString(4, reason);
          created = ps.executeUpdate() > 0;
        }
        if (created) {
          ClientLog.append(c, debtorId, actor, ClientLog.Kind.OPT_OUT, "opted out of " + channel.id() + " messages, asked a person"
              + " (recorded by " + actor + ")" + (note == null ? "" : ": " + note),
              new JsonObject().put("channel", channel.id()).put("at", at.toString()).put("manual", true).put("note", note));
        }
        JsonObject row;
        try (PreparedStatement ps = c.prepareStatement("SELECT o.channel, o.at, " + WORD + ", o.reason FROM contact_opt_out o"
            + " WHERE o.debtor_id = ? AND o.channel = ?")) {
          ps.setLong(1, debtorId);
          ps.setString(2, channel.id());
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            row = new JsonObject().put("debtor", externalId).put("name", name).put("channel", rs.getString(1))
                .put("at", rs.getTimestamp(2).toInstant().toString()).put("word", rs.getString(3)).put("reason", rs.getString(4));
          }
        }
        c.commit();
        return new Recorded(created, row);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }
}
