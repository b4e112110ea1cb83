package io.campo.server.agentday;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * An agent's planned route for a day: from the newest finished planning job of that date that
 * routed the agent (a re-plan replaces the morning's plan), in the shape {@code PlanJson} stored.
 *
 * <p>Blocking (JDBC); thread-safe.
 */
public final class PlannedRoutes {

  /** The job's id and the agent's route inside its result. */
  public record PlannedRoute(long planId, JsonObject route) {}

  private final DataSource dataSource;

  public PlannedRoutes(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public Optional<PlannedRoute> newest(String agentId, LocalDate date) throws SQLException {
    // jsonb containment finds the jobs whose result has a route of this agent without reading the others.
    String containsAgent = new JsonObject().put("routes", new JsonArray().add(new JsonObject().put("agentId", agentId))).encode();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT id, result::text FROM plan_job WHERE plan_date = ? AND status = 'done'"
            + " AND result @> ?::jsonb ORDER BY finished_at DESC NULLS LAST, id DESC LIMIT 1")) {
      ps.setObject(1, date);
      ps.setString(2, containsAgent);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        long planId = rs.getLong(1);
        for (Object r : new JsonObject(rs.getString(2)).getJsonArray("routes")) {
          if (r instanceof JsonObject route && agentId.equals(route.getString("agentId"))) {
            return Optional.of(new PlannedRoute(planId, route));
          }
        }
        return Optional.empty();
      }
    }
  }
}
