package io.campo.tracking.storage;

import io.campo.tracking.telemetry.Fix;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * SQL for fixes: the batched insert, the latest-position upsert, and the reads.
 *
 * <p>A batch goes in as one {@code INSERT … SELECT FROM unnest(arrays)} statement: one round
 * trip and one plan whatever the batch size, and unlike COPY it can say {@code ON CONFLICT DO
 * NOTHING}, which is what makes redelivery idempotent. Device times travel as epoch
 * milliseconds and are turned into timestamps with interval arithmetic, which is exact.
 *
 * <p>Thread-safe: holds no state but the data source.
 */
public final class TelemetryStore {

  private static final String FROM_MILLIS = "timestamptz 'epoch' + %s * interval '1 millisecond'";

  private static final String INSERT_FIXES = "INSERT INTO telemetry (agent_id, device_time, received_at, lat, lon,"
      + " accuracy_m, speed_mps, heading_deg, battery_pct, charging, seq)"
      + " SELECT a, " + FROM_MILLIS.formatted("t") + ", " + FROM_MILLIS.formatted("r") + ", la, lo, ac, sp, hd, ba, ch, sq"
      + " FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::float8[], ?::float8[], ?::real[], ?::real[], ?::real[],"
      + " ?::smallint[], ?::boolean[], ?::bigint[]) AS u(a, t, r, la, lo, ac, sp, hd, ba, ch, sq)"
      + " ON CONFLICT DO NOTHING";

  // Only a newer device time moves the latest position: a backlog from hours ago must not.
  private static final String UPSERT_LATEST = "INSERT INTO agent_position AS p (agent_id, device_time, received_at, lat, lon,"
      + " accuracy_m, speed_mps, heading_deg, battery_pct, charging)"
      + " SELECT a, " + FROM_MILLIS.formatted("t") + ", " + FROM_MILLIS.formatted("r") + ", la, lo, ac, sp, hd, ba, ch"
      + " FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::float8[], ?::float8[], ?::real[], ?::real[], ?::real[],"
      + " ?::smallint[], ?::boolean[]) AS u(a, t, r, la, lo, ac, sp, hd, ba, ch)"
      + " ON CONFLICT (agent_id) DO UPDATE SET device_time = excluded.device_time, received_at = excluded.received_at,"
      + " lat = excluded.lat, lon = excluded.lon, accuracy_m = excluded.accuracy_m, speed_mps = excluded.speed_mps,"
      + " heading_deg = excluded.heading_deg, battery_pct = excluded.battery_pct, charging = excluded.charging"
      + " WHERE excluded.device_time > p.device_time";

  private static final String COLUMNS = "agent_id, (extract(epoch from device_time) * 1000)::bigint,"
      + " (extract(epoch from received_at) * 1000)::bigint, lat, lon, accuracy_m, speed_mps, heading_deg, battery_pct, charging";

  private static final Comparator<Fix> KEY_ORDER = Comparator.comparing(Fix::agentId).thenComparingLong(Fix::deviceTimeMillis);

  private final DataSource dataSource;

  public TelemetryStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Inserts the fixes and moves each agent's latest position, in one transaction.
   *
   * @return how many fixes were new (the rest were already stored: redeliveries)
   */
  public int insert(List<Fix> fixes) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        int inserted;
        try (PreparedStatement ps = c.prepareStatement(INSERT_FIXES)) {
          bindColumns(c, ps, inLockOrder(fixes), true);
          inserted = ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT_LATEST)) {
          bindColumns(c, ps, newestPerAgent(fixes), false);
          ps.executeUpdate();
        }
        c.commit();
        return inserted;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      }
    }
  }

  /** The fixes of one agent with {@code from <= device time < to}, oldest first, at most {@code limit}. */
  public List<Fix> track(String agentId, Instant from, Instant to, int limit) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", seq FROM telemetry"
            + " WHERE agent_id = ? AND device_time >= ? AND device_time < ? ORDER BY device_time LIMIT ?")) {
      ps.setString(1, agentId);
      ps.setObject(2, java.time.OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC));
      ps.setObject(3, java.time.OffsetDateTime.ofInstant(to, java.time.ZoneOffset.UTC));
      ps.setInt(4, limit);
      List<Fix> fixes = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          fixes.add(read(rs, rs.getObject(11, Long.class)));
        }
      }
      return fixes;
    }
  }

  /** Every agent's latest stored position, by agent id. */
  public Map<String, Fix> latestPositions() throws SQLException {
    Map<String, Fix> latest = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM agent_position");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Fix f = read(rs, null);
        latest.put(f.agentId(), f);
      }
    }
    return latest;
  }

  private static Fix read(ResultSet rs, Long seq) throws SQLException {
    return new Fix(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getDouble(4), rs.getDouble(5),
        rs.getObject(6) == null ? null : rs.getDouble(6),
        rs.getObject(7) == null ? null : rs.getDouble(7),
        rs.getObject(8) == null ? null : rs.getDouble(8),
        rs.getObject(9) == null ? null : rs.getInt(9),
        rs.getObject(10, Boolean.class),
        seq);
  }

  /**
   * The fixes sorted by their key {@code (agent_id, device_time)}. The insert takes its index-tuple locks in
   * row order; two writers holding overlapping keys (a phone re-sending its backlog while the first copy is
   * still being written) in different orders deadlocked, and PostgreSQL killed one after {@code deadlock_timeout}
   * (1 s of held acknowledgements, issue #13). Sorted, the second writer only waits for the first to commit.
   */
  static List<Fix> inLockOrder(List<Fix> fixes) {
    List<Fix> sorted = new ArrayList<>(fixes);
    sorted.sort(KEY_ORDER);
    return sorted;
  }

  /**
   * One fix per agent, the newest, sorted by agent id: two writers upserting overlapping agents
   * then lock their rows in the same order and cannot deadlock.
   */
  static List<Fix> newestPerAgent(List<Fix> fixes) {
    Map<String, Fix> newest = new HashMap<>();
    for (Fix f : fixes) {
      newest.merge(f.agentId(), f, (a, b) -> b.isNewerThan(a) ? b : a);
    }
    List<Fix> sorted = new ArrayList<>(newest.values());
    sorted.sort(Comparator.comparing(Fix::agentId));
    return sorted;
  }

  private static void bindColumns(Connection c, PreparedStatement ps, List<Fix> fixes, boolean withSeq) throws SQLException {
    int n = fixes.size();
    String[] agent = new String[n];
    Long[] deviceTime = new Long[n];
    Long[] receivedAt = new Long[n];
    Double[] lat = new Double[n];
    Double[] lon = new Double[n];
    Float[] acc = new Float[n];
    Float[] spd = new Float[n];
    Float[] hdg = new Float[n];
    Short[] bat = new Short[n];
    Boolean[] chg = new Boolean[n];
    Long[] seq = new Long[n];
    for (int i = 0; i < n; i++) {
      Fix f = fixes.get(i);
      agent[i] = f.agentId();
      deviceTime[i] = f.deviceTimeMillis();
      receivedAt[i] = f.receivedAtMillis();
      lat[i] = f.lat();
      lon[i] = f.lon();
      acc[i] = toFloat(f.accuracyMeters());
      spd[i] = toFloat(f.speedMetersPerSecond());
      hdg[i] = toFloat(f.headingDegrees());
      bat[i] = f.batteryPercent() == null ? null : f.batteryPercent().shortValue();
      chg[i] = f.charging();
      seq[i] = f.seq();
    }
    int p = 1;
    ps.setArray(p++, array(c, "text", agent));
    ps.setArray(p++, array(c, "int8", deviceTime));
    ps.setArray(p++, array(c, "int8", receivedAt));
    ps.setArray(p++, array(c, "float8", lat));
    ps.setArray(p++, array(c, "float8", lon));
    ps.setArray(p++, array(c, "float4", acc));
    ps.setArray(p++, array(c, "float4", spd));
    ps.setArray(p++, array(c, "float4", hdg));
    ps.setArray(p++, array(c, "int2", bat));
    ps.setArray(p++, array(c, "bool", chg));
    if (withSeq) {
      ps.setArray(p, array(c, "int8", seq));
    }
  }

  private static Array array(Connection c, String type, Object[] values) throws SQLException {
    return c.createArrayOf(type, values);
  }

  private static Float toFloat(Double d) {
    return d == null ? null : d.floatValue();
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // The connection is likely broken; the pool discards it and the caller sees the first error.
    }
  }

}
