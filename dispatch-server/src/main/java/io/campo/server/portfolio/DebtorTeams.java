package io.campo.server.portfolio;

import io.campo.server.api.ApiException;
import io.campo.server.team.DebtorScope;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** Each debtor's team in PostgreSQL: read for the debtor routes' scope check, changed with an entry in the client log. Blocking (JDBC). */
public final class DebtorTeams {

  /** A debtor's team as stored; {@code team} null when it has none. */
  public record Membership(String team) {}

  private final DataSource dataSource;

  public DebtorTeams(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The debtor's team, or empty when there is no such debtor. */
  public Optional<Membership> of(String externalId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT team_id FROM debtor WHERE external_id = ?")) {
      ps.setString(1, externalId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new Membership(rs.getString(1))) : Optional.empty();
      }
    }
  }

  /**
   * Puts the debtor in the team, or in none when {@code team} is null, and logs the change in the debtor's client log
   * in the same transaction. The same team again changes and logs nothing. The caller has checked that {@code changer}
   * may move debtors into {@code team}; that it may see the debtor is checked again here, under the row's lock, in case
   * the debtor moved since the route's check.
   *
   * @return the debtor's team before the change (null: none)
   * @throws ApiException 404 for a debtor the changer may not see or that does not exist, or for an unknown team
   */
  public String assign(String externalId, String team, String actor, DebtorScope changer) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        long debtorId;
        String before;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, team_id FROM debtor WHERE external_id = ? FOR UPDATE")) {
          ps.setString(1, externalId);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || !changer.admits(rs.getString(2))) {
              throw ApiException.notFound("no debtor '" + externalId + "'");
            }
            debtorId = rs.getLong(1);
            before = rs.getString(2);
          }
        }
        if (team != null) {
          try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM team WHERE id = ?")) {
            ps.setString(1, team);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                throw ApiException.notFound("no team '" + team + "'; create it first with POST /api/teams");
              }
            }
          }
        }
        if (!Objects.equals(before, team)) {
          try (PreparedStatement ps = c.prepareStatement("UPDATE debtor SET team_id = ?, updated_at = now() WHERE id = ?")) {
            ps.setString(1, team);
            ps.setLong(2, debtorId);
            ps.executeUpdate();
          }
          ClientLog.append(c, debtorId, actor, ClientLog.Kind.TEAM,
              "team " + name(before) + " -> " + name(team) + " by " + actor,
              new JsonObject().put("from", before).put("to", team));
        }
        c.commit();
        return before;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static String name(String team) {
    return team == null ? "(none)" : "'" + team + "'";
  }
}
