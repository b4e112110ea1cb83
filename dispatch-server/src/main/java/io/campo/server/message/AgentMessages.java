package io.campo.server.message;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Messages from the office to agents, in {@code agent_message}. A message counts as delivered once
 * the device acknowledged its downlink copy: the database copies that moment here (trigger of V10),
 * and reads also look at the downlink row, so an acknowledgement that raced the linking is not lost.
 *
 * <p>Blocking (JDBC); thread-safe.
 */
public final class AgentMessages {

  /** Longest message, in characters: a phone screen's worth, and what the table accepts. */
  public static final int MAX_TEXT_CHARS = 1000;

  /** One message; {@code deliveredAt} null until the device acknowledged it. */
  public record Message(long id, String agentId, String text, String sentBy, Instant sentAt, Instant deliveredAt) {

    /** As the API, the live feed and the timeline show it. */
    public JsonObject json() {
      return new JsonObject().put("id", id).put("agentId", agentId).put("text", text).put("sentBy", sentBy)
          .put("sentAt", sentAt.toString()).put("delivered", deliveredAt != null)
          .put("deliveredAt", deliveredAt == null ? null : deliveredAt.toString());
    }

    /** What the phone receives on {@code campo/agents/{id}/inbox}. */
    public JsonObject devicePayload() {
      return new JsonObject().put("id", id).put("text", text).put("sentBy", sentBy).put("sentAt", sentAt.toString());
    }
  }

  private static final String SELECT = "SELECT m.id, m.agent_id, m.text, m.sent_by, m.sent_at,"
      + " coalesce(m.delivered_at, d.delivered_at) FROM agent_message m LEFT JOIN device_downlink d ON d.id = m.downlink_id";

  private final DataSource dataSource;

  public AgentMessages(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Stores a message (text already checked); it is not yet on its way to the device. */
  public Message store(String agentId, String text, String sentBy) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO agent_message (agent_id, text, sent_by) VALUES (?, ?, ?)"
            + " RETURNING id, sent_at")) {
      ps.setString(1, agentId);
      ps.setString(2, text);
      ps.setString(3, sentBy);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Message(rs.getLong(1), agentId, text, sentBy, rs.getTimestamp(2).toInstant(), null);
      }
    }
  }

  /** Links the message to its queued downlink copy; returns it as it now stands. */
  public Message linkDownlink(long messageId, long downlinkId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE agent_message m SET downlink_id = ?,"
            + " delivered_at = (SELECT delivered_at FROM device_downlink WHERE id = ?) WHERE m.id = ?")) {
      ps.setLong(1, downlinkId);
      ps.setLong(2, downlinkId);
      ps.setLong(3, messageId);
      ps.executeUpdate();
    }
    return find(messageId);
  }

  private Message find(long id) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT + " WHERE m.id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return read(rs);
      }
    }
  }

  /** The agent's messages sent in {@code [from, to)}, oldest first. */
  public List<Message> sent(String agentId, Instant from, Instant to) throws SQLException {
    List<Message> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(SELECT + " WHERE m.agent_id = ? AND m.sent_at >= ? AND m.sent_at < ?"
            + " ORDER BY m.sent_at, m.id")) {
      ps.setString(1, agentId);
      ps.setObject(2, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
      ps.setObject(3, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs));
        }
      }
    }
    return out;
  }

  private static Message read(ResultSet rs) throws SQLException {
    return new Message(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(),
        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant());
  }
}
