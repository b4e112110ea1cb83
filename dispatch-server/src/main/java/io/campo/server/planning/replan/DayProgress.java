package io.campo.server.planning.replan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * What the database says of a planned day's visits for a re-plan: which were recorded that day, and each one's
 * geofence radius (the visit id is the debtor's external id; a listed visit that is no debtor has neither).
 *
 * <p>Blocking (JDBC); thread-safe.
 */
public final class DayProgress {

  private final DataSource dataSource;
  private final ZoneId zone;

  public DayProgress(DataSource dataSource, ZoneId zone) {
    this.dataSource = dataSource;
    this.zone = zone;
  }

  /** The visit ids with a visit recorded on the local day, whatever its verdict: the agent was there. */
  public Set<String> recorded(Collection<String> visitIds, LocalDate day) throws SQLException {
    Set<String> out = new HashSet<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT DISTINCT d.external_id FROM visit v JOIN debtor d ON d.id = v.debtor_id"
            + " WHERE d.external_id = ANY (?) AND v.check_in_at >= ? AND v.check_in_at < ?")) {
      ps.setArray(1, c.createArrayOf("text", visitIds.toArray(String[]::new)));
      ps.setObject(2, day.atStartOfDay(zone).toOffsetDateTime());
      ps.setObject(3, day.plusDays(1).atStartOfDay(zone).toOffsetDateTime());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  /** By visit id: the largest radius of the debtor's active addresses, metres (a polygon address counts by its radius). */
  public Map<String, Double> radiusMeters(Collection<String> visitIds) throws SQLException {
    Map<String, Double> out = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT d.external_id, max(a.radius_m) FROM debtor d"
            + " JOIN address a ON a.debtor_id = d.id AND a.active WHERE d.external_id = ANY (?) GROUP BY d.external_id")) {
      ps.setArray(1, c.createArrayOf("text", visitIds.toArray(String[]::new)));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getDouble(2));
        }
      }
    }
    return out;
  }
}
