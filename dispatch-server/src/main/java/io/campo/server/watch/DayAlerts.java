package io.campo.server.watch;

import io.campo.server.notification.EmailOutbox;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * The alerts of running days, in {@code day_alert}: at most one open per agent, kind and stop (a unique index, so two
 * nodes raising the same alert at once store it once), raised when a condition starts and cleared when it ends. A raised
 * alert's e-mail to the agent's supervisor is queued in the same transaction, so it is sent once, or not at all when the
 * raise lost the race.
 *
 * <p>Blocking (JDBC); thread-safe.
 */
final class DayAlerts {

  /** Most alerts one listing returns. */
  static final int MAX_LISTED = 1000;

  record Alert(long id, String agentId, AlertKind kind, String subject, Instant raisedAt, Instant clearedAt, JsonObject detail) {

    String key() {
      return kind.code + "/" + subject;
    }

    JsonObject json() {
      return new JsonObject()
          .put("id", id)
          .put("agentId", agentId)
          .put("kind", kind.code)
          .put("subject", subject.isEmpty() ? null : subject)
          .put("raisedAt", raisedAt.toString())
          .put("clearedAt", clearedAt == null ? null : clearedAt.toString())
          .put("detail", detail);
    }
  }

  private static final String COLUMNS = "id, agent_id, kind, subject, raised_at, cleared_at, detail::text";

  private final DataSource dataSource;
  private final ZoneId zone;

  DayAlerts(DataSource dataSource, ZoneId zone) {
    this.dataSource = dataSource;
    this.zone = zone;
  }

  List<Alert> open() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM day_alert WHERE cleared_at IS NULL ORDER BY id")) {
      return read(ps, a -> true, Integer.MAX_VALUE);
    }
  }

  /**
   * The alerts of visible agents: the open ones, and with {@code since} also those cleared since then; newest first.
   */
  List<Alert> list(Predicate<String> visibleAgent, Instant since) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM day_alert WHERE cleared_at IS NULL"
            + (since == null ? "" : " OR cleared_at >= ?") + " ORDER BY raised_at DESC, id DESC")) {
      if (since != null) {
        ps.setTimestamp(1, Timestamp.from(since));
      }
      return read(ps, visibleAgent, MAX_LISTED);
    }
  }

  /** Empty when an open alert of that agent, kind and stop already exists (this node or another raised it). */
  Optional<Alert> raise(String agentId, AlertConditions.Condition condition, Instant at, boolean email) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        Optional<Alert> raised;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO day_alert (agent_id, kind, subject, raised_at, detail)"
            + " VALUES (?, ?, ?, ?, ?::jsonb) ON CONFLICT (agent_id, kind, subject) WHERE cleared_at IS NULL DO NOTHING"
            + " RETURNING " + COLUMNS)) {
          ps.setString(1, agentId);
          ps.setString(2, condition.kind().code);
          ps.setString(3, condition.subject());
          ps.setTimestamp(4, Timestamp.from(at));
          ps.setString(5, condition.detail().encode());
          List<Alert> rows = read(ps, a -> true, 1);
          raised = rows.stream().findFirst();
        }
        if (raised.isPresent() && email) {
          queueEmail(c, raised.get());
        }
        c.commit();
        return raised;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Empty when it was already cleared. */
  Optional<Alert> clear(long id, Instant at) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE day_alert SET cleared_at = ? WHERE id = ? AND cleared_at IS NULL"
            + " RETURNING " + COLUMNS)) {
      ps.setTimestamp(1, Timestamp.from(at));
      ps.setLong(2, id);
      return read(ps, a -> true, 1).stream().findFirst();
    }
  }

  private void queueEmail(Connection c, Alert alert) throws SQLException {
    String supervisor;
    String agentName;
    try (PreparedStatement ps = c.prepareStatement("SELECT supervisor_email, name FROM agent WHERE id = ?")) {
      ps.setString(1, alert.agentId());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || rs.getString(1) == null) {
          return;
        }
        supervisor = rs.getString(1);
        agentName = rs.getString(2);
      }
    }
    DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm").withZone(zone);
    String what = AlertText.spanish(alert, clock);
    EmailOutbox.enqueue(c, supervisor, "Alerta: " + agentName + " — " + what,
        "Agente: " + agentName + " (" + alert.agentId() + ")\n"
            + "Alerta: " + what + "\n"
            + "Desde: " + clock.format(alert.raisedAt()) + " (" + zone.getId() + ")\n"
            + "Alerta #" + alert.id() + "; se cierra sola cuando la condición termina.\n");
    try (PreparedStatement ps = c.prepareStatement("UPDATE day_alert SET emailed_at = now() WHERE id = ?")) {
      ps.setLong(1, alert.id());
      ps.executeUpdate();
    }
  }

  private static List<Alert> read(PreparedStatement ps, Predicate<String> visibleAgent, int limit) throws SQLException {
    List<Alert> alerts = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next() && alerts.size() < limit) {
        String agentId = rs.getString(2);
        if (!visibleAgent.test(agentId)) {
          continue;
        }
        Timestamp cleared = rs.getTimestamp(6);
        alerts.add(new Alert(rs.getLong(1), agentId, AlertKind.ofCode(rs.getString(3)), rs.getString(4),
            rs.getTimestamp(5).toInstant(), cleared == null ? null : cleared.toInstant(), new JsonObject(rs.getString(7))));
      }
    }
    return alerts;
  }
}
