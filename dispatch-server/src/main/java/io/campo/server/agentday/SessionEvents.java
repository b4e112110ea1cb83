package io.campo.server.agentday;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * When the agent's devices came online and went offline, from {@code mqtt_session}. That table
 * keeps one row per MQTT client id with its latest connection only, so a day shows at most the
 * last connect and the last disconnect of each phone, not every one.
 *
 * <p>Blocking (JDBC); thread-safe.
 */
final class SessionEvents {

  private final DataSource dataSource;

  SessionEvents(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Events {"t", "kind": "online"|"offline", "clientId"} inside {@code [from, to)}, unsorted. */
  List<JsonObject> of(String agentId, Instant from, Instant to) throws SQLException {
    List<JsonObject> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT client_id, connected_at, disconnected_at FROM mqtt_session WHERE agent_id = ?")) {
      ps.setString(1, agentId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          add(out, rs.getString(1), rs.getTimestamp(2), "online", from, to);
          add(out, rs.getString(1), rs.getTimestamp(3), "offline", from, to);
        }
      }
    }
    return out;
  }

  private static void add(List<JsonObject> out, String clientId, Timestamp at, String kind, Instant from, Instant to) {
    if (at != null && !at.toInstant().isBefore(from) && at.toInstant().isBefore(to)) {
      out.add(new JsonObject().put("t", at.toInstant().toString()).put("kind", kind).put("clientId", clientId));
    }
  }
}
