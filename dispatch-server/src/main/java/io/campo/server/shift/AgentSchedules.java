package io.campo.server.shift;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** Schedules and shift actions in PostgreSQL (blocking JDBC: call from worker threads). */
final class AgentSchedules {

  /** A stored schedule and who last changed it. */
  record Stored(WorkSchedule schedule, Instant updatedAt, String updatedBy) {}

  /** One shift started or ended from the app, as audited. */
  record ShiftAction(String agentId, String action, Instant at, Instant until, String byUser) {}

  private final DataSource ds;

  AgentSchedules(DataSource ds) {
    this.ds = ds;
  }

  Optional<Stored> get(String agentId) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT weekly::text, exceptions::text, updated_at, updated_by FROM agent_schedule WHERE agent_id = ?")) {
      ps.setString(1, agentId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Stored(ScheduleJson.parse(rs.getString(1), rs.getString(2)),
            rs.getTimestamp(3).toInstant(), rs.getString(4)));
      }
    }
  }

  /** @return false when there is no such agent */
  boolean put(String agentId, WorkSchedule schedule, String byUser) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO agent_schedule (agent_id, weekly, exceptions, updated_by)"
            + " SELECT id, ?::jsonb, ?::jsonb, ? FROM agent WHERE id = ?"
            + " ON CONFLICT (agent_id) DO UPDATE SET weekly = EXCLUDED.weekly, exceptions = EXCLUDED.exceptions,"
            + " updated_at = now(), updated_by = EXCLUDED.updated_by")) {
      ps.setString(1, ScheduleJson.weekly(schedule).encode());
      ps.setString(2, ScheduleJson.exceptions(schedule).encode());
      ps.setString(3, byUser);
      ps.setString(4, agentId);
      return ps.executeUpdate() == 1;
    }
  }

  /** @return false when the agent had no schedule */
  boolean delete(String agentId) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("DELETE FROM agent_schedule WHERE agent_id = ?")) {
      ps.setString(1, agentId);
      return ps.executeUpdate() == 1;
    }
  }

  Map<String, WorkSchedule> all() throws SQLException {
    Map<String, WorkSchedule> out = new HashMap<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT agent_id, weekly::text, exceptions::text FROM agent_schedule");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), ScheduleJson.parse(rs.getString(2), rs.getString(3)));
      }
    }
    return out;
  }

  void record(ShiftAction a) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "INSERT INTO agent_shift_action (agent_id, action, at, until, by_user) VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, a.agentId());
      ps.setString(2, a.action());
      ps.setTimestamp(3, Timestamp.from(a.at()));
      ps.setTimestamp(4, Timestamp.from(a.until()));
      ps.setString(5, a.byUser());
      ps.executeUpdate();
    }
  }

  /** Shift actions still in force after {@code since}, per agent, oldest first. */
  Map<String, List<ShiftOverride>> overridesEndingAfter(Instant since) throws SQLException {
    Map<String, List<ShiftOverride>> out = new HashMap<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT agent_id, action, at, until FROM agent_shift_action"
            + " WHERE until > ? ORDER BY at, id")) {
      ps.setTimestamp(1, Timestamp.from(since));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new ShiftOverride("start".equals(rs.getString(2)),
              rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant()));
        }
      }
    }
    return out;
  }

  /** The agent's latest shift actions, newest first, for the office to see who pressed what. */
  List<ShiftAction> recentActions(String agentId, int limit) throws SQLException {
    List<ShiftAction> out = new ArrayList<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT action, at, until, by_user FROM agent_shift_action"
            + " WHERE agent_id = ? ORDER BY at DESC, id DESC LIMIT ?")) {
      ps.setString(1, agentId);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new ShiftAction(agentId, rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant(),
              rs.getString(4)));
        }
      }
    }
    return out;
  }
}
