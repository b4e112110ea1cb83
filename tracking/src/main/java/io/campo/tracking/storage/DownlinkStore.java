package io.campo.tracking.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Messages waiting for devices, in {@code device_downlink}: the retained one per agent and topic
 * (its latest plan), and queued ones (dispatcher messages) until the device acknowledges them.
 *
 * <p>Blocking (JDBC); thread-safe.
 */
public final class DownlinkStore {

  /** A queued message not yet acknowledged by the device. */
  public record Pending(long id, byte[] payload) {}

  private static final int MAX_PENDING_PER_FETCH = 200;

  private final DataSource dataSource;

  public DownlinkStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Replaces the retained message of the agent's topic. */
  public void retain(String agentId, String leaf, byte[] payload) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO device_downlink (agent_id, topic_leaf, payload, retained)"
            + " VALUES (?, ?, ?, true) ON CONFLICT (agent_id, topic_leaf) WHERE retained"
            + " DO UPDATE SET payload = excluded.payload, created_at = now()")) {
      ps.setString(1, agentId);
      ps.setString(2, leaf);
      ps.setBytes(3, payload);
      ps.executeUpdate();
    }
  }

  public Optional<byte[]> retained(String agentId, String leaf) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT payload FROM device_downlink WHERE agent_id = ? AND topic_leaf = ? AND retained")) {
      ps.setString(1, agentId);
      ps.setString(2, leaf);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
      }
    }
  }

  /** Queues a message; returns its id. */
  public long enqueue(String agentId, String leaf, byte[] payload) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO device_downlink (agent_id, topic_leaf, payload, retained)"
            + " VALUES (?, ?, ?, false) RETURNING id")) {
      ps.setString(1, agentId);
      ps.setString(2, leaf);
      ps.setBytes(3, payload);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The oldest unacknowledged queued messages of the agent's topic, oldest first. */
  public List<Pending> pending(String agentId, String leaf) throws SQLException {
    List<Pending> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT id, payload FROM device_downlink WHERE agent_id = ? AND topic_leaf = ?"
            + " AND NOT retained AND delivered_at IS NULL ORDER BY id LIMIT " + MAX_PENDING_PER_FETCH)) {
      ps.setString(1, agentId);
      ps.setString(2, leaf);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Pending(rs.getLong(1), rs.getBytes(2)));
        }
      }
    }
    return out;
  }

  /** Marks a queued message as acknowledged by the device. */
  public void delivered(long id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE device_downlink SET delivered_at = now() WHERE id = ? AND delivered_at IS NULL")) {
      ps.setLong(1, id);
      ps.executeUpdate();
    }
  }
}
