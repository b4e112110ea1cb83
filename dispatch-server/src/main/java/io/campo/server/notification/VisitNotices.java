package io.campo.server.notification;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The e-mail a supervisor receives when one of their agents records a visit, in Spanish (the
 * language of the people who read it), queued in the visit's own transaction.
 */
public final class VisitNotices {

  private final boolean enabled;
  private final AgencyTimeText times;

  /**
   * @param enabled false when no SMTP server is configured: nothing is queued
   * @param zone the agency's time zone ({@code CAMPO_TIME_ZONE}): the arrival is written in it
   */
  public VisitNotices(boolean enabled, java.time.ZoneId zone) {
    this.enabled = enabled;
    this.times = new AgencyTimeText(zone);
  }

  /** Queues the notice for the agent's supervisor, if the agent has one. */
  public void visitRecorded(Connection c, String agentId, String debtorName, JsonObject visit) throws SQLException {
    if (!enabled) {
      return;
    }
    String supervisor;
    String agentName;
    try (PreparedStatement ps = c.prepareStatement("SELECT supervisor_email, name FROM agent WHERE id = ?")) {
      ps.setString(1, agentId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || rs.getString(1) == null) {
          return;
        }
        supervisor = rs.getString(1);
        agentName = rs.getString(2);
      }
    }
    JsonObject outcome = visit.getJsonObject("outcome");
    String status = switch (visit.getString("status")) {
      case "VALID" -> "válida";
      case "REJECTED" -> "RECHAZADA";
      default -> visit.getString("status");
    };
    String subject = "Visita " + status + ": " + agentName + " → " + debtorName + " (" + outcome.getString("type") + ")";
    StringBuilder body = new StringBuilder()
        .append("Agente: ").append(agentName).append(" (").append(agentId).append(")\n")
        .append("Deudor: ").append(debtorName).append(" (").append(visit.getString("debtor")).append(")\n")
        .append("Llegada: ").append(times.of(visit.getJsonObject("checkIn").getString("at"))).append('\n')
        .append("Resultado: ").append(outcome.getString("type"));
    if (outcome.getString("amount") != null) {
      body.append(" ").append(outcome.getString("amount")).append(" ").append(outcome.getString("currency"));
    }
    if (outcome.getString("date") != null) {
      body.append(", fecha prometida ").append(outcome.getString("date"));
    }
    body.append("\nValidación: ").append(status).append('\n');
    visit.getJsonObject("validation").getJsonArray("failures").forEach(f ->
        body.append("  - ").append(((JsonObject) f).getString("message")).append('\n'));
    body.append("Visita #").append(visit.getLong("id")).append('\n');
    EmailOutbox.enqueue(c, supervisor, subject, body.toString());
  }
}
