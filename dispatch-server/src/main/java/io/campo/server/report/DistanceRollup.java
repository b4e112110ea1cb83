package io.campo.server.report;

import io.campo.server.agentday.FixSummary;
import io.campo.tracking.telemetry.Fix;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Keeps {@code agent_distance_daily} (V12): the metres each agent covered per local day, by the
 * agent's day timeline's rule ({@link FixSummary#distanceMeters}). No trigger on telemetry, whose
 * ingest is the hottest write path: {@link #refresh()} — at boot, then every few minutes — finds
 * the agent-days that received a fix since the watermark (by {@code received_at}, so a backlog of
 * fixes for a past day recomputes that day) and recomputes each one whole. The scan looks
 * {@link #OVERLAP} behind the watermark: a fix stamped just before it by a writer whose batch
 * commits later is still found (recomputing a day twice is harmless).
 */
public final class DistanceRollup {

  static final String OVERLAP = "2 minutes";
  /** How often the server refreshes: a manager's distance figures lag the fixes by at most this. */
  public static final Duration INTERVAL = Duration.ofMinutes(5);

  private final DataSource dataSource;
  private final ZoneId zone;
  private final String postgresZone;

  public DistanceRollup(DataSource dataSource, ZoneId zone) {
    this.dataSource = dataSource;
    this.zone = zone;
    this.postgresZone = ContactRollup.postgresName(zone);
  }

  /**
   * One pass, in one transaction that holds the watermark row (two nodes never interleave).
   *
   * @return how many agent-days were recomputed
   */
  public int refresh() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        int days = refresh(c);
        c.commit();
        return days;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private int refresh(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeQuery("SELECT received_at FROM distance_rollup_watermark FOR UPDATE").close();
      try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM telemetry"
          + " WHERE received_at > (SELECT received_at FROM distance_rollup_watermark))")) {
        rs.next();
        if (!rs.getBoolean(1)) {
          return 0;
        }
      }
    }
    record AgentDay(String agentId, LocalDate day) {}
    List<AgentDay> touched = new ArrayList<>();
    OffsetDateTime newest = null;
    try (PreparedStatement ps = c.prepareStatement("""
        SELECT t.agent_id, (t.device_time AT TIME ZONE ?)::date, max(t.received_at)
        FROM telemetry t
        WHERE t.received_at > (SELECT received_at FROM distance_rollup_watermark) - interval '%s'
        GROUP BY 1, 2""".formatted(OVERLAP))) {
      ps.setString(1, postgresZone);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          touched.add(new AgentDay(rs.getString(1), rs.getObject(2, LocalDate.class)));
          OffsetDateTime at = rs.getObject(3, OffsetDateTime.class);
          newest = newest == null || at.isAfter(newest) ? at : newest;
        }
      }
    }
    if (touched.isEmpty()) {
      return 0;
    }
    try (PreparedStatement fixes = c.prepareStatement("SELECT device_time, lat, lon FROM telemetry"
            + " WHERE agent_id = ? AND device_time >= ? AND device_time < ? ORDER BY device_time");
        PreparedStatement upsert = c.prepareStatement("INSERT INTO agent_distance_daily (agent_id, local_day, meters, fixes)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (agent_id, local_day) DO UPDATE SET meters = excluded.meters, fixes = excluded.fixes")) {
      for (AgentDay d : touched) {
        fixes.setString(1, d.agentId());
        fixes.setObject(2, d.day().atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC));
        fixes.setObject(3, d.day().plusDays(1).atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC));
        List<Fix> day = new ArrayList<>();
        try (ResultSet rs = fixes.executeQuery()) {
          while (rs.next()) {
            long t = rs.getObject(1, OffsetDateTime.class).toInstant().toEpochMilli();
            day.add(new Fix(d.agentId(), t, t, rs.getDouble(2), rs.getDouble(3), null, null, null, null, null, null));
          }
        }
        upsert.setString(1, d.agentId());
        upsert.setObject(2, d.day());
        upsert.setDouble(3, FixSummary.distanceMeters(day));
        upsert.setInt(4, day.size());
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE distance_rollup_watermark SET received_at = greatest(received_at, ?)")) {
      ps.setObject(1, newest);
      ps.executeUpdate();
    }
    return touched.size();
  }
}
