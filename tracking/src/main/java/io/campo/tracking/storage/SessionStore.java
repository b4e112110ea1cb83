package io.campo.tracking.storage;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * MQTT persistent sessions ({@code mqtt_session}), one per agent and client id: which topic filters it subscribed
 * to, kept in the database so that a device resuming its session on any node, or after a
 * restart, still receives its downlink without subscribing again.
 *
 * <p>Blocking (JDBC); thread-safe.
 */
public final class SessionStore {

  private final DataSource dataSource;

  public SessionStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * The filters of the client's unexpired session of this agent, if it has one. An expired one is removed and reported
   * absent; another agent's session with this client id is not this one and stays as it is.
   */
  public Optional<List<String>> resume(String clientId, String agentId) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement("SELECT filters FROM mqtt_session WHERE client_id = ? AND agent_id = ?"
          + " AND (expiry_seconds IS NULL OR disconnected_at IS NULL"
          + " OR disconnected_at + expiry_seconds * interval '1 second' > now())")) {
        ps.setString(1, clientId);
        ps.setString(2, agentId);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return Optional.of(Arrays.asList((String[]) rs.getArray(1).getArray()));
          }
        }
      }
      clear(c, agentId, clientId);
      return Optional.empty();
    }
  }

  /** Starts (or continues) the client's session, marking it connected. */
  public void open(String clientId, String agentId, Integer expirySeconds) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO mqtt_session (client_id, agent_id, expiry_seconds, connected_at) VALUES (?, ?, ?, now())"
            + " ON CONFLICT (agent_id, client_id) DO UPDATE SET"
            + " expiry_seconds = excluded.expiry_seconds, disconnected_at = NULL, connected_at = now()")) {
      ps.setString(1, clientId);
      ps.setString(2, agentId);
      if (expirySeconds == null) {
        ps.setNull(3, Types.INTEGER);
      } else {
        ps.setInt(3, expirySeconds);
      }
      ps.executeUpdate();
    }
  }

  /**
   * Replaces the session's topic filters.
   *
   * @throws SQLException also when the client has no stored session (it was opened at CONNECT): nothing was stored
   */
  public void saveFilters(String agentId, String clientId, Set<String> filters) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE mqtt_session SET filters = ? WHERE agent_id = ? AND client_id = ?")) {
      Array array = c.createArrayOf("text", filters.toArray(String[]::new));
      ps.setArray(1, array);
      ps.setString(2, agentId);
      ps.setString(3, clientId);
      if (ps.executeUpdate() != 1) {
        throw new SQLException("no stored session for client id '" + clientId + "'");
      }
    }
  }

  /** The connection ended; the session's expiry runs from now. */
  public void disconnected(String agentId, String clientId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE mqtt_session SET disconnected_at = now() WHERE agent_id = ? AND client_id = ?")) {
      ps.setString(1, agentId);
      ps.setString(2, clientId);
      ps.executeUpdate();
    }
  }

  /**
   * Whether another agent's persistent session with this client id is connected now (on any node). A node that died
   * leaves its sessions marked connected until their agents connect again; until then only their own agent may use
   * the client id, which is what a client id held by a colleague should mean anyway.
   */
  public boolean connectedForAnother(String clientId, String agentId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT 1 FROM mqtt_session WHERE client_id = ? AND agent_id <> ?"
            + " AND connected_at IS NOT NULL AND disconnected_at IS NULL LIMIT 1")) {
      ps.setString(1, clientId);
      ps.setString(2, agentId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  public void clear(String agentId, String clientId) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      clear(c, agentId, clientId);
    }
  }

  private static void clear(Connection c, String agentId, String clientId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM mqtt_session WHERE agent_id = ? AND client_id = ?")) {
      ps.setString(1, agentId);
      ps.setString(2, clientId);
      ps.executeUpdate();
    }
  }
}
