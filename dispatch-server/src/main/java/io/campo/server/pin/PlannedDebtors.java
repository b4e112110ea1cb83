package io.campo.server.pin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * Whether a debtor was on one of an agent's planned routes between two dates: the agents who may say where that
 * debtor lives. A stop's visit id is its debtor's external id (the portfolio's planning input). Blocking (JDBC).
 */
final class PlannedDebtors {

  private PlannedDebtors() {}

  static boolean planned(Connection c, String agentId, String debtorExternalId, LocalDate from, LocalDate to) throws SQLException {
    // jsonb containment matches the agent's route and the stop inside the same route element, without reading the rest.
    String routeWithStop = new JsonObject().put("routes", new JsonArray().add(new JsonObject().put("agentId", agentId)
        .put("stops", new JsonArray().add(new JsonObject().put("visitId", debtorExternalId))))).encode();
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM plan_job WHERE status = 'done' AND plan_date BETWEEN ? AND ?"
        + " AND result @> ?::jsonb LIMIT 1")) {
      ps.setObject(1, from);
      ps.setObject(2, to);
      ps.setString(3, routeWithStop);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}
