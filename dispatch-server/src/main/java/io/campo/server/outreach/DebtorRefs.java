package io.campo.server.outreach;

import io.campo.server.team.DebtorScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A debtor's row id from its external id, as the caller may see it: a debtor outside the caller's teams is answered
 * exactly as one that does not exist, so ids cannot be probed across teams. Blocking (JDBC).
 */
public final class DebtorRefs {

  private DebtorRefs() {}

  public static Optional<Long> visibleId(Connection c, String externalId, DebtorScope scope) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT id, team_id FROM debtor WHERE external_id = ?")) {
      ps.setString(1, externalId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && scope.admits(rs.getString(2)) ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }
}
