package io.campo.server.portfolio;

import io.campo.server.team.DebtorScope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The office's debtor search: debtors of the caller's teams whose name, external id or phone matches, best first
 * (an exact external id, then names that start with the text, then the rest by name), one page at a time, with the
 * total so the page can say "1–20 of 143". Blocking (JDBC).
 *
 * <p>A sequential scan with LIKE on lower-cased text: no index serves a match anywhere in a name, and a trigram index
 * would need the pg_trgm extension, which not every agency's database has. The offset is bounded
 * ({@link DebtorQuery#MAX_OFFSET}) so one request cannot page through the whole table.
 */
public final class DebtorSearch {

  private static final String MATCH = " FROM debtor d WHERE (? OR d.team_id = ANY (?))"
      + " AND (lower(d.name) LIKE ? OR lower(d.external_id) LIKE ?"
      + " OR (?::text IS NOT NULL AND EXISTS (SELECT 1 FROM unnest(d.phones) p"
      + " WHERE regexp_replace(p, '\\D', '', 'g') LIKE '%' || ?::text || '%')))";

  private final DataSource dataSource;

  public DebtorSearch(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public JsonObject find(DebtorQuery query, DebtorScope reader) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      long total;
      try (PreparedStatement ps = c.prepareStatement("SELECT count(*)" + MATCH)) {
        bindMatch(c, ps, query, reader);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
      JsonArray items = new JsonArray();
      try (PreparedStatement ps = c.prepareStatement("SELECT d.external_id, d.name, d.phones, d.team_id, d.segment,"
          + " (SELECT coalesce(sum(t.balance), 0) FROM debt t WHERE t.debtor_id = d.id),"
          + " (SELECT count(*) FROM debt t WHERE t.debtor_id = d.id)" + MATCH
          + " ORDER BY lower(d.external_id) = lower(?) DESC, lower(d.name) LIKE ? DESC, d.name, d.external_id"
          + " LIMIT ? OFFSET ?")) {
        int next = bindMatch(c, ps, query, reader);
        ps.setString(next++, query.text());
        ps.setString(next++, query.likePattern().substring(1));
        ps.setInt(next++, query.limit());
        ps.setInt(next, query.offset());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            items.add(new JsonObject().put("externalId", rs.getString(1)).put("name", rs.getString(2))
                .put("phones", strings(rs.getArray(3))).put("team", rs.getString(4)).put("segment", rs.getString(5))
                .put("balance", rs.getBigDecimal(6).toPlainString()).put("debts", rs.getInt(7)));
          }
        }
      }
      return new JsonObject().put("q", query.text()).put("total", total).put("limit", query.limit())
          .put("offset", query.offset()).put("items", items);
    }
  }

  /** Binds the WHERE clause's parameters; returns the next parameter's index. */
  private static int bindMatch(Connection c, PreparedStatement ps, DebtorQuery query, DebtorScope reader) throws SQLException {
    ps.setBoolean(1, reader.everyDebtor());
    ps.setArray(2, c.createArrayOf("text", reader.teams().toArray()));
    ps.setString(3, query.likePattern());
    ps.setString(4, query.likePattern());
    ps.setString(5, query.phoneDigits());
    ps.setString(6, query.phoneDigits());
    return 7;
  }

  private static JsonArray strings(Array array) throws SQLException {
    JsonArray out = new JsonArray();
    if (array != null) {
      for (Object o : (Object[]) array.getArray()) {
        out.add(String.valueOf(o));
      }
    }
    return out;
  }
}
