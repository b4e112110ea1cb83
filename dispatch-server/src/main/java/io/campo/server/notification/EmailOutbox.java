package io.campo.server.notification;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * E-mails waiting in {@code notification}. A claimed e-mail is leased for two minutes, so if
 * the node sending it dies, another sends it later (at least once, never lost); several nodes
 * claim different rows ({@code SKIP LOCKED}).
 *
 * <p>Blocking (JDBC); thread-safe.
 */
public final class EmailOutbox {

  /** One e-mail to send. */
  public record Email(long id, String recipient, String subject, String body, int attempts) {}

  static final int MAX_RETRY_DELAY_SECONDS = 600;

  private final DataSource dataSource;

  public EmailOutbox(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Queues an e-mail inside the caller's transaction. */
  public static void enqueue(Connection c, String recipient, String subject, String body) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO notification (recipient, subject, body) VALUES (?, ?, ?)")) {
      ps.setString(1, recipient);
      ps.setString(2, subject);
      ps.setString(3, body);
      ps.executeUpdate();
    }
  }

  List<Email> claim(int limit) throws SQLException {
    List<Email> due = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE notification SET next_attempt_at = now() + interval '2 minutes'"
            + " WHERE id IN (SELECT id FROM notification WHERE sent_at IS NULL AND next_attempt_at <= now()"
            + " ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING id, recipient, subject, body, attempts")) {
      ps.setInt(1, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          due.add(new Email(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)));
        }
      }
    }
    return due;
  }

  void sent(long id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE notification SET sent_at = now(), last_error = NULL WHERE id = ?")) {
      ps.setLong(1, id);
      ps.executeUpdate();
    }
  }

  /** Records a failed attempt; the next one waits 2^attempts seconds, at most ten minutes. */
  void failed(long id, int attempts, String error) throws SQLException {
    int delay = (int) Math.min(MAX_RETRY_DELAY_SECONDS, 1L << Math.min(attempts + 1, 20));
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE notification SET attempts = attempts + 1, last_error = ?,"
            + " next_attempt_at = now() + ? * interval '1 second' WHERE id = ?")) {
      ps.setString(1, error);
      ps.setInt(2, delay);
      ps.setLong(3, id);
      ps.executeUpdate();
    }
  }
}
