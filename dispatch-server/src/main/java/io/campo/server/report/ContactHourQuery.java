package io.campo.server.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Reads a contact-hour matrix from the {@code visit_contact_hourly} rollup, never from the visit
 * table: at most days x 24 x agents x segments rows, whatever the number of visits.
 *
 * <p>Teams (both the {@code team} filter and a caller's scope) are the agents' teams now, not at
 * the time of each visit: a dispatcher sees the whole history of the agents they manage today,
 * exactly the agents {@code TeamScope} lets them see everywhere else.
 */
public final class ContactHourQuery {

  private static final String SQL = """
      SELECT h.weekday, h.hour, sum(h.attempts), sum(h.contacts)
      FROM visit_contact_hourly h
      WHERE h.local_day BETWEEN ? AND ?
        AND (?::text IS NULL OR h.agent_id = ?)
        AND (?::text IS NULL OR h.segment = ?)
        AND (?::text IS NULL OR h.agent_id IN (SELECT a.id FROM agent a WHERE a.team_id = ?))
        AND (?::text[] IS NULL OR h.agent_id IN (SELECT a.id FROM agent a WHERE a.team_id = ANY (?)))
      GROUP BY h.weekday, h.hour
      """;

  private final DataSource dataSource;

  public ContactHourQuery(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * @param scopeTeams null for every agent (an admin); else only agents now in one of these teams
   */
  public ContactCounts counts(ContactHourRequest request, Set<String> scopeTeams) throws SQLException {
    ContactCounts counts = new ContactCounts();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
      ps.setObject(1, request.from());
      ps.setObject(2, request.to());
      ps.setString(3, request.agent());
      ps.setString(4, request.agent());
      ps.setString(5, request.segment());
      ps.setString(6, request.segment());
      ps.setString(7, request.team());
      ps.setString(8, request.team());
      java.sql.Array teams = scopeTeams == null ? null : c.createArrayOf("text", scopeTeams.toArray());
      ps.setArray(9, teams);
      ps.setArray(10, teams);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          counts.add(rs.getInt(1), rs.getInt(2), rs.getLong(3), rs.getLong(4));
        }
      }
    }
    return counts;
  }
}
