package io.campo.load.bench.ingest;

import io.campo.load.fleet.LatLon;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.SplittableRandom;
import javax.sql.DataSource;

/**
 * Debtors with a 75 m geofence each, spread uniformly over a 32 × 32 km metropolitan area centred where the benchmark's
 * devices stand ({@link FixStream}: within 5 km of Mexico City's centre). 10,000 of them make 10 per km², a fix inside
 * one about every six, and — with the devices' drift of up to 140 m — a crossing about every hundred fixes, as an agent
 * who visits 30 doors in a day of fixes every 5 s has. A denser portfolio ({@code --geofence-count}) crosses more often.
 */
final class BenchGeofences {

  private static final long SEED = 7;
  static final double HALF_SIDE_METERS = 16_000;

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
          LatLon at = LatLon.MEXICO_CITY.offset(random.nextDouble(-HALF_SIDE_METERS, HALF_SIDE_METERS),
              random.nextDouble(-HALF_SIDE_METERS, HALF_SIDE_METERS));
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
