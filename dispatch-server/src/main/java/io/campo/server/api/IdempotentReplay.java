package io.campo.server.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What an agent's request stored the first time under its {@code Idempotency-Key}: a phone that lost the answer sends
 * the request again and must get the same answer, not a second row; the key sent again with another request is
 * refused, since the phone would otherwise believe the second request stored.
 *
 * <p>Blocking (JDBC); stateless.
 */
public final class IdempotentReplay {

  private IdempotentReplay() {}

  /**
   * @param table a table with {@code id}, {@code agent_id}, {@code idempotency_key} and {@code request_hash} (a constant of
   *     the caller's, never input)
   * @param what what a row of it is, for the refusal's reason ("visit", "correction")
   * @param key null when the phone sent none: nothing to replay
   * @return the id of the row stored under ({@code agentId}, {@code key}); empty when there is none
   * @throws ApiException 409 when that row was stored for a request of another hash
   */
  public static Optional<Long> storedId(DataSource dataSource, String table, String what, String agentId, String key,
      String requestHash) throws SQLException {
    if (key == null) {
      return Optional.empty();
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT id, request_hash FROM " + table + " WHERE agent_id = ? AND idempotency_key = ?")) {
      ps.setString(1, agentId);
      ps.setString(2, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        if (!rs.getString(2).equals(requestHash)) {
          throw new ApiException(409, "Idempotency-Key '" + key + "' was already used for a different " + what + "; use a new key");
        }
        return Optional.of(rs.getLong(1));
      }
    }
  }
}
