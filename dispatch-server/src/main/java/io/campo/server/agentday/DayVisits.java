package io.campo.server.agentday;

import io.vertx.core.json.JsonArray;
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
 * The visits an agent recorded in a day (by check-in time), with what the validation said.
 *
 * <p>Blocking (JDBC); thread-safe.
 */
public final class DayVisits {

  /** One recorded visit; {@code failures} are the validation's reason codes (empty when valid). */
  public record RecordedVisit(long id, String debtorExternalId, Instant checkInAt, String outcome, String status, List<String> failures) {

    public JsonObject json() {
      JsonArray codes = new JsonArray();
      failures.forEach(codes::add);
      return new JsonObject().put("id", id).put("outcome", outcome).put("status", status).put("failures", codes);
    }
  }

  private final DataSource dataSource;

  public DayVisits(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Oldest first. */
  public List<RecordedVisit> of(String agentId, Instant from, Instant to) throws SQLException {
    List<RecordedVisit> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT v.id, d.external_id, v.check_in_at, v.outcome, v.status, v.validation::text"
            + " FROM visit v JOIN debtor d ON d.id = v.debtor_id"
            + " WHERE v.agent_id = ? AND v.check_in_at >= ? AND v.check_in_at < ? ORDER BY v.check_in_at, v.id")) {
      ps.setString(1, agentId);
      ps.setObject(2, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
      ps.setObject(3, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          List<String> failures = new ArrayList<>();
          JsonArray f = new JsonObject(rs.getString(6)).getJsonArray("failures", new JsonArray());
          for (Object o : f) {
            if (o instanceof JsonObject failure && failure.getString("reason") != null) {
              failures.add(failure.getString("reason"));
            }
          }
          out.add(new RecordedVisit(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
              rs.getString(5), failures));
        }
      }
    }
    return out;
  }
}
