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
import java.util.Optional;
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

  /**
   * One message; {@code deliveredAt} null until the device acknowledged it. {@code fromAgent}: the agent's own reply
   * (from the agent app), never sent to a device; {@code replyTo} the message it answers, or null.
   */
  public record Message(long id, String agentId, String text, String sentBy, Instant sentAt, Instant deliveredAt,
      boolean fromAgent, Long replyTo) {

    /** As the API, the live feed and the timeline show it. */
    public JsonObject json() {
      JsonObject json = new JsonObject().put("id", id).put("agentId", agentId).put("text", text).put("sentBy", sentBy)
          .put("sentAt", sentAt.toString()).put("delivered", deliveredAt != null)
          .put("deliveredAt", deliveredAt == null ? null : deliveredAt.toString());
      if (fromAgent) {
        json.put("fromAgent", true).put("replyTo", replyTo);
      }
      return json;
    }

    /** What the phone receives on {@code campo/agents/{id}/inbox}. */
    public JsonObject devicePayload() {
      return new JsonObject().put("id", id).put("text", text).put("sentBy", sentBy).put("sentAt", sentAt.toString());
    }
  }

  private static final String SELECT = "SELECT m.id, m.agent_id, m.text, m.sent_by, m.sent_at,"
      + " coalesce(m.delivered_at, d.delivered_at), m.from_agent, m.reply_to FROM agent_message m LEFT JOIN device_downlink d ON d.id = m.downlink_id";

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
        return new Message(rs.getLong(1), agentId, text, sentBy, rs.getTimestamp(2).toInstant(), null, false, null);
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
        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(), rs.getBoolean(7), (Long) rs.getObject(8));
  }

  /** A reply stored by the agent, and whether this call stored it (false: a retry under the same key). */
  public record Reply(boolean created, Message message) {}

  /**
   * Stores the agent's own message (text already checked), once per {@code idempotencyKey}: a retry answers with the
   * first one. {@code replyTo}, when given, must be a message of this agent's.
   *
   * @throws ReplyRefused when {@code replyTo} is not one of the agent's messages, or the key was used for another text
   */
  public Reply reply(String agentId, String text, Long replyTo, String idempotencyKey) throws SQLException {
    Optional<Message> earlier = byKey(agentId, idempotencyKey);
    if (earlier.isEmpty()) {
      if (replyTo != null && !belongsTo(replyTo, agentId)) {
        throw new ReplyRefused("'replyTo' " + replyTo + " is not one of your messages");
      }
      try (Connection c = dataSource.getConnection();
          PreparedStatement ps = c.prepareStatement("INSERT INTO agent_message (agent_id, text, sent_by, from_agent, reply_to,"
              + " idempotency_key) VALUES (?, ?, ?, true, ?, ?) ON CONFLICT (agent_id, idempotency_key)"
              + " WHERE idempotency_key IS NOT NULL DO NOTHING RETURNING id")) {
        ps.setString(1, agentId);
        ps.setString(2, text);
        ps.setString(3, agentId);
        ps.setObject(4, replyTo, java.sql.Types.BIGINT);
        ps.setString(5, idempotencyKey);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return new Reply(true, find(rs.getLong(1)));
          }
        }
      }
      // A retry of the same reply raced this one and won.
      earlier = byKey(agentId, idempotencyKey);
    }
    Message first = earlier.orElseThrow();
    if (!first.text().equals(text) || !java.util.Objects.equals(first.replyTo(), replyTo)) {
      throw new ReplyRefused("Idempotency-Key '" + idempotencyKey + "' was already used for another message; use a new key");
    }
    return new Reply(false, first);
  }

  /** The agent's messages both ways sent after {@code since} (exclusive), oldest first, at most {@code limit}. */
  public List<Message> since(String agentId, Instant since, int limit) throws SQLException {
    List<Message> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(SELECT + " WHERE m.agent_id = ? AND m.sent_at > ? ORDER BY m.sent_at, m.id LIMIT ?")) {
      ps.setString(1, agentId);
      ps.setObject(2, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
      ps.setInt(3, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs));
        }
      }
    }
    return out;
  }

  private Optional<Message> byKey(String agentId, String key) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(SELECT + " WHERE m.agent_id = ? AND m.idempotency_key = ?")) {
      ps.setString(1, agentId);
      ps.setString(2, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  private boolean belongsTo(long messageId, String agentId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT 1 FROM agent_message WHERE id = ? AND agent_id = ?")) {
      ps.setLong(1, messageId);
      ps.setString(2, agentId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** A reply that cannot be stored as asked, with the reason for the agent. */
  public static final class ReplyRefused extends RuntimeException {
    public ReplyRefused(String reason) {
      super(reason);
    }
  }
}
