package io.campo.tracking.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Keeps the TimescaleDB retention policy of the telemetry hypertable equal to the configured retention. The
 * migration that made the hypertable runs once, so without this a {@code CAMPO_TELEMETRY_RETENTION_DAYS} changed
 * after the first start was silently ignored: the old policy kept dropping (or keeping) data.
 *
 * <p>Idempotent; a no-op when the policy already matches. Not thread-safe across nodes by itself: run it under
 * the same lock as the partition maintenance.
 */
public final class HypertableRetention {

  private HypertableRetention() {}

  /** True when {@code telemetry} in the current schema is a TimescaleDB hypertable. */
  public static boolean isHypertable(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'")) {
      if (!rs.next()) {
        return false;
      }
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1 FROM timescaledb_information.hypertables"
            + " WHERE hypertable_name = 'telemetry' AND hypertable_schema = current_schema()")) {
      return rs.next();
    }
  }

  /**
   * Makes the policy drop chunks older than {@code retentionDays} days, or removes it when {@code retentionDays}
   * is 0 (keep everything).
   *
   * @return true when the policy was changed
   */
  public static boolean apply(Connection c, int retentionDays) throws SQLException {
    if (retentionDays < 0) {
      throw new IllegalArgumentException("retention days must be >= 0, not " + retentionDays);
    }
    Integer current = currentDays(c);
    if (current != null && current == retentionDays || current == null && retentionDays == 0) {
      return false;
    }
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("SELECT remove_retention_policy('telemetry', if_exists => true)");
      if (retentionDays > 0) {
        try (PreparedStatement ps = c.prepareStatement("SELECT add_retention_policy('telemetry', make_interval(days => ?))")) {
          ps.setInt(1, retentionDays);
          ps.execute();
        }
      }
      c.commit();
      return true;
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /** The current policy's age in whole days, or null when there is none. */
  public static Integer currentDays(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT extract(epoch from (config->>'drop_after')::interval) / 86400"
            + " FROM timescaledb_information.jobs WHERE proc_name = 'policy_retention'"
            + " AND hypertable_name = 'telemetry' AND hypertable_schema = current_schema()")) {
      return rs.next() ? (int) Math.round(rs.getDouble(1)) : null;
    }
  }
}
