package io.campo.tracking.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the telemetry tables. Two layouts, one schema: with the {@code timescaledb} extension
 * available the fix table becomes a hypertable with compression (and retention when asked);
 * without it, the table is natively partitioned by UTC day, with a default partition so that a
 * backlog older than the pre-created partitions is still stored, never refused.
 *
 * <p>The primary key {@code (agent_id, device_time)} is what makes a redelivered fix a no-op,
 * and it is also the index that serves "track of agent X between t1 and t2".
 */
public final class TelemetrySchema {

  private TelemetrySchema() {}

  /**
   * True when the server can run the TimescaleDB extension: offered and loaded at server start. A PostgreSQL with
   * TimescaleDB installed but not in {@code shared_preload_libraries} lists it as available yet refuses
   * {@code CREATE EXTENSION}; seen on a plain Debian PostgreSQL 15 that shared its binaries with a TimescaleDB one,
   * the first start failed instead of falling back to native partitions.
   */
  public static boolean timescaleAvailable(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT installed_version FROM pg_available_extensions WHERE name = 'timescaledb'")) {
        if (!rs.next()) {
          return false;
        }
        if (rs.getString(1) != null) {
          return true;
        }
      }
      // Read through pg_settings, not current_setting(): a role that merely owns its database may not examine
      // shared_preload_libraries, and current_setting() then fails the migration's transaction (a fresh embedded
      // install's first start failed so), where pg_settings just leaves the row out: no preload known, no TimescaleDB.
      try (ResultSet rs = s.executeQuery("SELECT 'timescaledb' = ANY (string_to_array(replace(setting, ' ', ''), ','))"
          + " FROM pg_settings WHERE name = 'shared_preload_libraries'")) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  /**
   * Creates the tables in the connection's current schema.
   *
   * @param retentionDays drop fixes older than this many days (TimescaleDB policy); 0 keeps them
   */
  public static void create(Connection c, boolean useTimescale, int retentionDays) throws SQLException {
    try (Statement s = c.createStatement()) {
      String columns = """
          agent_id     text             NOT NULL,
          device_time  timestamptz      NOT NULL,
          received_at  timestamptz      NOT NULL,
          lat          double precision NOT NULL,
          lon          double precision NOT NULL,
          accuracy_m   real,
          speed_mps    real,
          heading_deg  real,
          battery_pct  smallint,
          charging     boolean,
          seq          bigint,
          PRIMARY KEY (agent_id, device_time)
          """;
      if (useTimescale) {
        s.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
        s.execute("CREATE TABLE telemetry (" + columns + ")");
        // No default (device_time DESC) index: every query names an agent and uses the primary key, and that
        // second B-tree on every row was the largest difference from the native layout in PUBACK latency
        // (docs/benchmarks-timescaledb.md).
        s.execute("SELECT create_hypertable('telemetry', 'device_time', chunk_time_interval => interval '1 day',"
            + " create_default_indexes => false)");
        s.execute("ALTER TABLE telemetry SET (timescaledb.compress, timescaledb.compress_segmentby = 'agent_id',"
            + " timescaledb.compress_orderby = 'device_time')");
        s.execute("SELECT add_compression_policy('telemetry', interval '7 days')");
        if (retentionDays > 0) {
          s.execute("SELECT add_retention_policy('telemetry', interval '" + retentionDays + " days')");
        }
      } else {
        s.execute("CREATE TABLE telemetry (" + columns + ") PARTITION BY RANGE (device_time)");
        s.execute("CREATE TABLE telemetry_default PARTITION OF telemetry DEFAULT");
      }
      s.execute("""
          CREATE TABLE agent_position (
            agent_id     text PRIMARY KEY,
            device_time  timestamptz      NOT NULL,
            received_at  timestamptz      NOT NULL,
            lat          double precision NOT NULL,
            lon          double precision NOT NULL,
            accuracy_m   real,
            speed_mps    real,
            heading_deg  real,
            battery_pct  smallint,
            charging     boolean
          )""");
    }
  }

  /** True when {@code telemetry} is natively partitioned (and so needs {@link TelemetryPartitions}). */
  public static boolean isNativelyPartitioned(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT 1 FROM pg_partitioned_table pt JOIN pg_class cl ON cl.oid = pt.partrelid"
                + " WHERE cl.relname = 'telemetry' AND cl.relnamespace = current_schema()::regnamespace")) {
      return rs.next();
    }
  }
}
