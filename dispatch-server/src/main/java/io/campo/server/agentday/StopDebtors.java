package io.campo.server.agentday;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The debtors behind a route's stops (a portfolio visit's id is its debtor's external id) and
 * their active addresses, whose geofences the map draws.
 *
 * <p>Blocking (JDBC); thread-safe.
 */
final class StopDebtors {

  /** An active address; {@code polygonGeoJson} null means the circle of {@code radiusMeters}. */
  record Address(long id, String kind, double lat, double lon, double radiusMeters, String polygonGeoJson) {}

  record Debtor(String externalId, String name, List<Address> addresses) {}

  private final DataSource dataSource;

  StopDebtors(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The debtors among {@code externalIds}, by external id; ids that name no debtor are absent. */
  Map<String, Debtor> find(Collection<String> externalIds) throws SQLException {
    Map<String, Debtor> out = new LinkedHashMap<>();
    if (externalIds.isEmpty()) {
      return out;
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT d.external_id, d.name, a.id, a.kind, a.lat, a.lon, a.radius_m, a.polygon::text"
            + " FROM debtor d LEFT JOIN address a ON a.debtor_id = d.id AND a.active"
            + " WHERE d.external_id = ANY (?) ORDER BY d.external_id, a.id")) {
      ps.setArray(1, c.createArrayOf("text", externalIds.toArray(String[]::new)));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Debtor d = out.computeIfAbsent(rs.getString(1), id -> new Debtor(id, null, new ArrayList<>()));
          if (d.name() == null) {
            d = new Debtor(d.externalId(), rs.getString(2), d.addresses());
            out.put(d.externalId(), d);
          }
          if (rs.getObject(3) != null) {
            d.addresses().add(new Address(rs.getLong(3), rs.getString(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7),
                rs.getString(8)));
          }
        }
      }
    }
    return out;
  }
}
