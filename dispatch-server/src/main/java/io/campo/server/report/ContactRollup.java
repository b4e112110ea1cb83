package io.campo.server.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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
    String name = postgresName(zone);
    try (Connection c = dataSource.getConnection()) {
      requireSameRules(c, name, zone);
      try (PreparedStatement ps = c.prepareStatement("SELECT contact_rollup_use_zone(?)")) {
        // One statement, so one transaction: the function locks, compares and rebuilds atomically.
        ps.setString(1, name);
        boolean rebuilt;
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          rebuilt = rs.getBoolean(1);
        }
        if (rebuilt) {
          log.info("contact-hour rollup rebuilt for time zone {}", name);
        }
        return rebuilt;
      }
    }
  }

  /**
   * The zone's name for PostgreSQL. A region id is the same in both tz databases. A fixed offset
   * is not: PostgreSQL reads '+05:00' the POSIX way, as five hours WEST of Greenwich, so a whole-hour
   * offset becomes its Etc/GMT name (whose sign is POSIX too: Etc/GMT-5 is UTC+5) and any other is refused.
   */
  public static String postgresName(ZoneId zone) {
    ZoneId z = zone.normalized();
    if (!(z instanceof ZoneOffset offset)) {
      return z.getId();
    }
    int seconds = offset.getTotalSeconds();
    if (seconds == 0) {
      return "UTC";
    }
    if (seconds % 3600 != 0) {
      throw new IllegalArgumentException("CAMPO_TIME_ZONE " + zone.getId() + " is a fixed offset that is not a whole number"
          + " of hours; give a region id such as Asia/Kolkata");
    }
    return "Etc/GMT" + (seconds > 0 ? "-" : "+") + Math.abs(seconds / 3600);
  }

  /**
   * Stops the server when PostgreSQL's tz database disagrees with Java's about the zone (an unknown
   * name, or outdated rules), checked at instants half a year apart so that DST is covered: reports
   * bucketed by the one and read by the other would be silently wrong.
   */
  private static void requireSameRules(Connection c, String name, ZoneId zone) throws SQLException {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try (PreparedStatement ps = c.prepareStatement("SELECT ?::timestamptz AT TIME ZONE ?")) {
      for (Instant at : new Instant[] {now, now.plus(182, ChronoUnit.DAYS)}) {
        ps.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        ps.setString(2, name);
        LocalDateTime postgres;
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          postgres = rs.getObject(1, LocalDateTime.class);
        } catch (SQLException e) {
          throw new IllegalStateException("PostgreSQL does not know the time zone " + name + " (CAMPO_TIME_ZONE)", e);
        }
        LocalDateTime java = LocalDateTime.ofInstant(at, zone);
        if (!java.equals(postgres)) {
          throw new IllegalStateException("PostgreSQL and Java disagree about " + zone.getId() + " at " + at + ": " + postgres
              + " against " + java + "; update the tz data of the older one");
        }
      }
    }
  }
}
