package io.campo.server.team;

import io.campo.server.api.ApiException;
import io.campo.server.auth.KnownTeams;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** The teams, their agents and their members, in PostgreSQL. Blocking (JDBC): call it off the event loop. */
public final class Teams {

  /** A team as the API lists it, with how many agents it has. */
  public record Team(String id, String name, int agents) {}

  static final Pattern TEAM_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final DataSource dataSource;

  public Teams(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Creates a team; its name defaults to its id.
   *
   * @throws ApiException 400 for a malformed id, 409 when the id is taken
   */
  public Team create(String id, String name) throws SQLException {
    if (id == null || !TEAM_ID.matcher(id).matches()) {
      throw ApiException.badRequest("team id '" + id + "' is invalid: use 1 to 64 letters, digits, '.', '_' or '-'");
    }
    String displayName = name == null || name.isBlank() ? id : name.strip();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO team (id, name) VALUES (?, ?) ON CONFLICT (id) DO NOTHING")) {
      ps.setString(1, id);
      ps.setString(2, displayName);
      if (ps.executeUpdate() == 0) {
        throw new ApiException(409, "team '" + id + "' already exists");
      }
    }
    return new Team(id, displayName, 0);
  }

  /** The teams the filter admits, by id, each with its number of agents. */
  public List<Team> list(Predicate<String> teamIds) throws SQLException {
    List<Team> teams = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT t.id, t.name, count(a.id) FROM team t LEFT JOIN agent a ON a.team_id = t.id"
            + " GROUP BY t.id, t.name ORDER BY t.id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        if (teamIds.test(rs.getString(1))) {
          teams.add(new Team(rs.getString(1), rs.getString(2), rs.getInt(3)));
        }
      }
    }
    return teams;
  }

  /**
   * Puts the agent in the team, or in none when {@code teamId} is null.
   *
   * @throws ApiException 404 for an unknown agent, 400 for an unknown team
   */
  public void assignAgent(String agentId, String teamId) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      if (teamId != null) {
        KnownTeams.require(c, List.of(teamId));
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE agent SET team_id = ? WHERE id = ?")) {
        ps.setString(1, teamId);
        ps.setString(2, agentId);
        if (ps.executeUpdate() == 0) {
          throw ApiException.notFound("no agent '" + agentId + "'");
        }
      }
    }
  }

  /** Every agent's team and every user's teams, for {@link TeamScope}. */
  public TeamMemberships memberships() throws SQLException {
    Map<String, String> teamOfAgent = new HashMap<>();
    Map<String, Set<String>> teamsOfUser = new HashMap<>();
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement("SELECT id, team_id FROM agent WHERE team_id IS NOT NULL");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          teamOfAgent.put(rs.getString(1), rs.getString(2));
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT username, team_id FROM user_team");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          teamsOfUser.computeIfAbsent(rs.getString(1), u -> new HashSet<>()).add(rs.getString(2));
        }
      }
    }
    return new TeamMemberships(teamOfAgent, teamsOfUser);
  }


}
