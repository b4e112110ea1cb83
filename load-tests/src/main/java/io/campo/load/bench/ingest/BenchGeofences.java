package io.campo.load.bench.ingest;

import io.campo.load.fleet.LatLon;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.SplittableRandom;
import javax.sql.DataSource;

/**
 * Debtors with a 75 m geofence each, spread uniformly over the area the benchmark's devices stand in ({@link FixStream}:
 * 5 km around Mexico City's centre), so that ingest with arrival/departure evaluation meets real crossings.
 */
final class BenchGeofences {

  private static final long SEED = 7;

  private BenchGeofences() {}

  static void create(DataSource dataSource, String prefix, int count) throws SQLException {
    SplittableRandom random = new SplittableRandom(SEED);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement debtor = c.prepareStatement("INSERT INTO debtor (external_id, name) VALUES (?, ?)");
          PreparedStatement address = c.prepareStatement("INSERT INTO address (debtor_id, lat, lon, radius_m)"
              + " SELECT id, ?, ?, 75 FROM debtor WHERE external_id = ?")) {
        for (int i = 0; i < count; i++) {
          String id = prefix + "debtor-" + i;
          LatLon at = LatLon.MEXICO_CITY.offset(random.nextDouble(-5_000, 5_000), random.nextDouble(-5_000, 5_000));
          debtor.setString(1, id);
          debtor.setString(2, "Bench debtor " + i);
          debtor.addBatch();
          address.setDouble(1, at.lat());
          address.setDouble(2, at.lon());
          address.setString(3, id);
          address.addBatch();
          if (i % 1000 == 999 || i == count - 1) {
            debtor.executeBatch();
            address.executeBatch();
          }
        }
      }
      c.commit();
    }
  }
}
