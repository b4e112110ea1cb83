package io.campo.load.bench.cluster;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * What telemetry costs PostgreSQL, for sizing it: write-ahead log generated (bytes written and fsynced per fix,
 * the disk's sustained write load) and the telemetry table's size on disk with its indexes (what a day of
 * fixes occupies).
 *
 * <p>Stateless; blocking.
 */
final class DatabaseFootprint {

  private DatabaseFootprint() {}

  /** The current write-ahead log position, in bytes since the cluster's start. */
  static long walPosition(DataSource db) throws SQLException {
    return single(db, "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint");
  }

  /** Bytes of the telemetry table, its partitions and their indexes. */
  static long telemetryBytes(DataSource db) throws SQLException {
    return single(db, "SELECT coalesce(sum(pg_total_relation_size(relid)), 0)::bigint FROM pg_partition_tree('telemetry')");
  }

  private static long single(DataSource db, String sql) throws SQLException {
    try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
