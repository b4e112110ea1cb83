package io.campo.server.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code visit_contact_hourly} rollup (see {@code V11__contact_rollup.sql}): triggers keep it
 * current; this class only makes sure it is bucketed in the server's zone.
 */
public final class ContactRollup {

  private static final Logger log = LoggerFactory.getLogger(ContactRollup.class);

  private ContactRollup() {}

  /**
   * Makes the rollup bucket visits in {@code zone}, rebuilding it from every visit when it was
   * bucketed in another zone (first start, or CAMPO_TIME_ZONE changed). Blocking; call at boot.
   *
   * @return whether it was rebuilt
   */
  public static boolean useZone(DataSource dataSource, ZoneId zone) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT contact_rollup_use_zone(?)")) {
      // One statement, so one transaction: the function locks, compares and rebuilds atomically.
      ps.setString(1, zone.getId());
      boolean rebuilt;
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        rebuilt = rs.getBoolean(1);
      }
      if (rebuilt) {
        log.info("contact-hour rollup rebuilt for time zone {}", zone.getId());
      }
      return rebuilt;
    }
  }
}
