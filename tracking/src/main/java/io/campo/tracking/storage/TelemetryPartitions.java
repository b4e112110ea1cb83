package io.campo.tracking.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the natively partitioned telemetry table ready: one partition per UTC day, created
 * ahead of time so that inserts never wait on DDL, and old ones dropped past the retention.
 *
 * <p>A day whose rows already sit in the default partition (a late backlog arrived before its
 * partition existed) is moved into the new partition in the same transaction, because
 * PostgreSQL refuses to create a partition that the default partition's rows would violate.
 *
 * <p>Run it from one node at a time (a cluster-wide lock in cluster mode); it is idempotent.
 */
public final class TelemetryPartitions {

  private static final DateTimeFormatter SUFFIX = DateTimeFormatter.BASIC_ISO_DATE;

  private TelemetryPartitions() {}

  /** Creates the partitions for every UTC day in {@code [from, to]}; returns the names created. */
  public static List<String> ensure(Connection c, LocalDate from, LocalDate to) throws SQLException {
    List<String> created = new ArrayList<>();
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
        String name = partitionName(day);
        if (exists(c, name)) {
          continue;
        }
        String start = day.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        String end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        try (Statement s = c.createStatement()) {
          if (defaultHoldsRows(c, start, end)) {
            s.execute("LOCK TABLE telemetry_default IN ACCESS EXCLUSIVE MODE");
            s.execute("CREATE TABLE " + name + " (LIKE telemetry INCLUDING DEFAULTS INCLUDING CONSTRAINTS)");
            s.execute("INSERT INTO " + name + " SELECT * FROM telemetry_default WHERE device_time >= '" + start
                + "' AND device_time < '" + end + "'");
            s.execute("DELETE FROM telemetry_default WHERE device_time >= '" + start + "' AND device_time < '" + end + "'");
            s.execute("ALTER TABLE telemetry ATTACH PARTITION " + name + " FOR VALUES FROM ('" + start + "') TO ('" + end + "')");
          } else {
            s.execute("CREATE TABLE " + name + " PARTITION OF telemetry FOR VALUES FROM ('" + start + "') TO ('" + end + "')");
          }
        }
        c.commit();
        created.add(name);
      }
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
    return created;
  }

  /** Drops day partitions that end before {@code keepFrom}; returns the names dropped. */
  public static List<String> dropBefore(Connection c, LocalDate keepFrom) throws SQLException {
    List<String> dropped = new ArrayList<>();
    for (String name : dayPartitions(c)) {
      LocalDate day = LocalDate.parse(name.substring("telemetry_p".length()), SUFFIX);
      if (day.isBefore(keepFrom)) {
        try (Statement s = c.createStatement()) {
          s.execute("DROP TABLE " + name);
        }
        dropped.add(name);
      }
    }
    return dropped;
  }

  public static List<String> dayPartitions(Connection c) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT child.relname FROM pg_inherits i JOIN pg_class parent ON parent.oid = i.inhparent"
                + " JOIN pg_class child ON child.oid = i.inhrelid"
                + " WHERE parent.relname = 'telemetry' AND parent.relnamespace = current_schema()::regnamespace"
                + " AND child.relname LIKE 'telemetry\\_p%' ORDER BY child.relname")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  static String partitionName(LocalDate day) {
    return "telemetry_p" + day.format(SUFFIX);
  }

  private static boolean exists(Connection c, String table) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT 1 FROM pg_class WHERE relname = ? AND relnamespace = current_schema()::regnamespace")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static boolean defaultHoldsRows(Connection c, String start, String end) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1 FROM telemetry_default WHERE device_time >= '" + start
            + "' AND device_time < '" + end + "' LIMIT 1")) {
      return rs.next();
    }
  }
}
