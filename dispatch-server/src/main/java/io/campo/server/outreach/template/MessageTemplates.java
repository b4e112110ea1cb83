package io.campo.server.outreach.template;

import io.campo.server.outreach.channel.Channel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The stored templates. Blocking (JDBC); thread-safe. */
public final class MessageTemplates {

  private static final String COLUMNS = "id, name, channel, language, body, created_by, created_at";
  private final DataSource dataSource;

  public MessageTemplates(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The new template, or empty when one of that channel, name and language exists. */
  public Optional<MessageTemplate> create(TemplateDraft d, String actor) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO message_template (name, channel, language, body, created_by)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (channel, name, language) DO NOTHING RETURNING " + COLUMNS)) {
      ps.setString(1, d.name());
      ps.setString(2, d.channel().id());
      ps.setString(3, d.language());
      ps.setString(4, d.body());
      ps.setString(5, actor);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  public List<MessageTemplate> list() throws SQLException {
    List<MessageTemplate> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM message_template ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(read(rs));
      }
    }
    return out;
  }

  public Optional<MessageTemplate> byId(long id) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return byId(c, id);
    }
  }

  public static Optional<MessageTemplate> byId(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM message_template WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  /** By name on a channel; when several languages exist, es_MX first, then the oldest. */
  public Optional<MessageTemplate> byName(Channel channel, String name) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM message_template WHERE channel = ? AND name = ?"
            + " ORDER BY language <> 'es_MX', id LIMIT 1")) {
      ps.setString(1, channel.id());
      ps.setString(2, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  private static MessageTemplate read(ResultSet rs) throws SQLException {
    return new MessageTemplate(rs.getLong(1), rs.getString(2), Channel.parse(rs.getString(3)).orElseThrow(), rs.getString(4),
        rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant());
  }
}
