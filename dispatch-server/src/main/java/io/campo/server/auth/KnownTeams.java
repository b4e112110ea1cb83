package io.campo.server.auth;

import io.campo.server.api.ApiException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The check that team ids name existing teams, for users' and agents' memberships alike. Here rather than in the team
 * package because the team package depends on this one, not the reverse.
 */
public final class KnownTeams {

  private KnownTeams() {}

  /** @throws ApiException 400 naming every team id that does not exist */
  public static void require(Connection c, Collection<String> teamIds) throws SQLException {
    Set<String> missing = new LinkedHashSet<>(teamIds);
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM team WHERE id = ANY (?)")) {
      ps.setArray(1, c.createArrayOf("text", teamIds.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          missing.remove(rs.getString(1));
        }
      }
    }
    if (!missing.isEmpty()) {
      throw ApiException.badRequest("unknown team" + (missing.size() > 1 ? "s " : " ")
          + String.join(", ", missing.stream().map(t -> "'" + t + "'").toList()) + "; create it first with POST /api/teams");
    }
  }
}
