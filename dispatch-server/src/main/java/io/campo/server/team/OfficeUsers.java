package io.campo.server.team;

import io.campo.server.api.ApiException;
import io.campo.server.auth.UserAccounts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * The people who log in and the teams they belong to. A user and their memberships are written in
 * one transaction: a user is never left without the teams they were created with. Blocking.
 */
public final class OfficeUsers {

  /** A user as the API lists it: never the password hash. */
  public record OfficeUser(String username, String role, Set<String> teams) {}

  private static final String ADMIN = "admin";

  private final DataSource dataSource;

  public OfficeUsers(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** @throws ApiException 400 naming unknown teams, 409 when the username is taken */
  public OfficeUser create(NewUser user) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        Teams.requireExisting(c, user.teams());
        if (!UserAccounts.insert(c, user.username(), user.password(), user.role())) {
          throw new ApiException(409, "user '" + user.username() + "' already exists");
        }
        insertMemberships(c, user.username(), user.teams());
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
    return new OfficeUser(user.username(), user.role(), new TreeSet<>(user.teams()));
  }

  public List<OfficeUser> list() throws SQLException {
    List<OfficeUser> users = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT u.username, u.role, array_remove(array_agg(ut.team_id ORDER BY ut.team_id), NULL)"
            + " FROM app_user u LEFT JOIN user_team ut ON ut.username = u.username GROUP BY u.username, u.role ORDER BY u.username");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String[] teams = (String[]) rs.getArray(3).getArray();
        users.add(new OfficeUser(rs.getString(1), rs.getString(2), new TreeSet<>(List.of(teams))));
      }
    }
    return users;
  }

  /**
   * Replaces the user's teams.
   *
   * @throws ApiException 404 for an unknown user, 400 naming unknown teams
   */
  public OfficeUser setTeams(String username, Set<String> teams) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        String role = lockedRole(c, username);
        Teams.requireExisting(c, teams);
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM user_team WHERE username = ?")) {
          ps.setString(1, username);
          ps.executeUpdate();
        }
        insertMemberships(c, username, teams);
        c.commit();
        return new OfficeUser(username, role, new TreeSet<>(teams));
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** What {@link #setRole} did: the user as they are now, and whether their role really changed. */
  public record RoleChange(OfficeUser user, boolean changed) {}

  /**
   * Gives the user another role. A real change moves the user's credentials generation on, so their tokens (which name
   * the old role) stop working; the same role again changes nothing.
   *
   * @throws ApiException 404 for an unknown user, 409 when it would demote the last admin
   */
  public RoleChange setRole(String username, String role) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        List<String> admins = new ArrayList<>();
        String before = lockAdminsAndUser(c, username, admins);
        boolean changed = !before.equals(role);
        if (changed && ADMIN.equals(before)) {
          requireAnotherAdmin(admins, username);
        }
        if (changed) {
          try (PreparedStatement ps = c.prepareStatement(
              "UPDATE app_user SET role = ?, credentials_generation = nextval('credentials_generation') WHERE username = ?")) {
            ps.setString(1, role);
            ps.setString(2, username);
            ps.executeUpdate();
          }
        }
        Set<String> teams = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT team_id FROM user_team WHERE username = ?")) {
          ps.setString(1, username);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              teams.add(rs.getString(1));
            }
          }
        }
        c.commit();
        return new RoleChange(new OfficeUser(username, role, teams), changed);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /**
   * Removes the user and their memberships.
   *
   * @throws ApiException 404 for an unknown user, 409 for the last admin
   */
  public void delete(String username) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        List<String> admins = new ArrayList<>();
        if (ADMIN.equals(lockAdminsAndUser(c, username, admins))) {
          requireAnotherAdmin(admins, username);
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM app_user WHERE username = ?")) {
          ps.setString(1, username);
          ps.executeUpdate();
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /**
   * Locks the admins' rows and the user's, in one statement and in username order, so that demotions and removals
   * running at once wait for one another (two admins demoting each other cannot leave the agency with none) and cannot
   * deadlock; fills {@code admins}.
   *
   * @return the user's role
   * @throws ApiException 404 for an unknown user
   */
  private static String lockAdminsAndUser(Connection c, String username, List<String> admins) throws SQLException {
    String role = null;
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT username, role FROM app_user WHERE role = 'admin' OR username = ? ORDER BY username FOR UPDATE")) {
      ps.setString(1, username);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (ADMIN.equals(rs.getString(2))) {
            admins.add(rs.getString(1));
          }
          if (rs.getString(1).equals(username)) {
            role = rs.getString(2);
          }
        }
      }
    }
    if (role == null) {
      throw ApiException.notFound("no user '" + username + "'");
    }
    return role;
  }

  /** @throws ApiException 409 when {@code username} is the only admin among {@code admins} */
  private static void requireAnotherAdmin(List<String> admins, String username) {
    if (admins.stream().allMatch(username::equals)) {
      throw new ApiException(409, "'" + username + "' is the last admin: make another user admin first");
    }
  }

  /**
   * The user's role, their row locked until the transaction ends.
   *
   * @throws ApiException 404 for an unknown user
   */
  private static String lockedRole(Connection c, String username) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT role FROM app_user WHERE username = ? FOR UPDATE")) {
      ps.setString(1, username);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw ApiException.notFound("no user '" + username + "'");
        }
        return rs.getString(1);
      }
    }
  }

  private static void insertMemberships(Connection c, String username, Collection<String> teams) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO user_team (username, team_id) VALUES (?, ?)")) {
      for (String team : teams) {
        ps.setString(1, username);
        ps.setString(2, team);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
