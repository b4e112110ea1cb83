package io.campo.server.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
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

  /**
   * The zone filter cannot come from the rollup (it has no place key), so it reads the visits of the
   * range, by the check_in_at index, and tests each check-in point against the polygons with
   * PostgreSQL's built-in geometric {@code <@} (planar lon/lat, fine at city scale; no PostGIS
   * needed). A validated visit's check-in is inside the debtor's geofence, so it stands for where
   * the debtor lives. Parameters: zone, zone, from, to (for the index), then as {@link #SQL}.
   */
  private static final String RAW = """
      SELECT extract(isodow FROM t.l), extract(hour FROM t.l), count(*),
             count(*) FILTER (WHERE campo_is_contact(v.outcome))
      FROM visit v
      JOIN debtor d ON d.id = v.debtor_id
      CROSS JOIN LATERAL (SELECT v.check_in_at AT TIME ZONE ?) AS t(l)
      WHERE v.check_in_at >= ((?::date - 2)::timestamp AT TIME ZONE 'UTC')
        AND v.check_in_at < ((?::date + 3)::timestamp AT TIME ZONE 'UTC')
        AND t.l::date BETWEEN ? AND ?
        AND v.status <> 'REJECTED'
        AND (?::text IS NULL OR v.agent_id = ?)
        AND (?::text IS NULL OR d.segment = ?)
        AND (?::text IS NULL OR v.agent_id IN (SELECT a.id FROM agent a WHERE a.team_id = ?))
        AND (?::text[] IS NULL OR v.agent_id IN (SELECT a.id FROM agent a WHERE a.team_id = ANY (?)))
        AND (%s)
      GROUP BY 1, 2
      """;

  private final DataSource dataSource;

  private final String zone;

  /**
   * @param zone the server's time zone id: the rollup's buckets, and the zone filter's local dates and hours
   */
  public ContactHourQuery(DataSource dataSource, String zone) {
    this.dataSource = dataSource;
    this.zone = zone;
  }

  /**
   * @param scopeTeams null for every agent (an admin); else only agents now in one of these teams
   */
  public ContactCounts counts(ContactHourRequest request, Set<String> scopeTeams) throws SQLException {
    ContactCounts counts = new ContactCounts();
    List<List<String>> polygons = request.zone() == null ? null : request.zone().postgresRings();
    String sql = polygons == null ? SQL : RAW.formatted(zoneCondition(polygons));
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = FilteredStatements.prepare(c, sql)) {
      int i = 1;
      if (polygons != null) {
        // Two days either side of the local dates, in UTC, cover every zone's offset; the local-date test is exact.
        ps.setString(i++, zone);
        ps.setObject(i++, request.from());
        ps.setObject(i++, request.to());
      }
      ps.setObject(i++, request.from());
      ps.setObject(i++, request.to());
      ps.setString(i++, request.agent());
      ps.setString(i++, request.agent());
      ps.setString(i++, request.segment());
      ps.setString(i++, request.segment());
      ps.setString(i++, request.team());
      ps.setString(i++, request.team());
      java.sql.Array teams = scopeTeams == null ? null : c.createArrayOf("text", scopeTeams.toArray());
      ps.setArray(i++, teams);
      ps.setArray(i++, teams);
      if (polygons != null) {
        for (List<String> rings : polygons) {
          for (String ring : rings) {
            ps.setString(i++, ring);
          }
        }
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          counts.add(rs.getInt(1), rs.getInt(2), rs.getLong(3), rs.getLong(4));
        }
      }
    }
    return counts;
  }

  /** Inside any polygon: inside its outer ring and in none of its holes. */
  private static String zoneCondition(List<List<String>> polygons) {
    StringBuilder s = new StringBuilder();
    for (List<String> rings : polygons) {
      s.append(s.length() == 0 ? "" : " OR ").append("(point(v.check_in_lon, v.check_in_lat) <@ ?::polygon");
      for (int hole = 1; hole < rings.size(); hole++) {
        s.append(" AND NOT point(v.check_in_lon, v.check_in_lat) <@ ?::polygon");
      }
      s.append(')');
    }
    return s.toString();
  }
}
