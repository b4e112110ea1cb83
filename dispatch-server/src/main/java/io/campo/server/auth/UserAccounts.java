package io.campo.server.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.campo.server.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * The one store of the people who log in (admins, dispatchers, managers): their bcrypt-hashed passwords, roles,
 * credentials generations and team memberships. Login, the user API and the command line all go through it. Blocking:
 * call off the event loop.
 */
public final class UserAccounts {

  /** A user who proved their password; {@code generation} goes into their token (claim {@value #GENERATION_CLAIM}). */
  public record User(String username, String role, long generation) {}

  /**
   * A user's account as it is now: a token still speaks for it only when it names the same role and was issued for the
   * same credentials generation (a password or role change moves the generation on).
   */
  public record Account(String role, long generation) {

    public boolean issued(String tokenRole, long tokenGeneration) {
      return role.equals(tokenRole) && generation == tokenGeneration;
    }
  }

  /** A user as the API lists it: never the password hash. */
  public record OfficeUser(String username, String role, Set<String> teams) {}

  /** What {@link #setRole} did: the user as they are now, and whether their role really changed. */
  public record RoleChange(OfficeUser user, boolean changed) {}

  private static final String ADMIN = "admin";

  /** The JWT claim holding the credentials generation the token was issued for; tokens without it count as 0. */
  public static final String GENERATION_CLAIM = "gen";

  /** The shortest password a person may choose. */
  public static final int MIN_PASSWORD_LENGTH = 10;
  /** The longest, in UTF-8 bytes: bcrypt reads no further (the library refuses longer ones rather than cut them). */
  public static final int MAX_PASSWORD_BYTES = 72;

  private static boolean tooLongForBcrypt(String password) {
    return password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES;
  }

  /** Why {@code password} cannot be chosen (as {@code 'password' must …}), or empty when it can. */
  public static Optional<String> passwordProblem(String password) {
    if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
      return Optional.of("'password' must have at least " + MIN_PASSWORD_LENGTH + " characters");
    }
    if (tooLongForBcrypt(password)) {
      return Optional.of("'password' must have at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8 (72 letters without accents)");
    }
    return Optional.empty();
  }

  private static final int BCRYPT_COST = 10;
  private static final SecureRandom RANDOM = new SecureRandom();
  /**
   * What an unknown user's password is checked against: a hash of a random password (that no one can type) at the cost
   * every stored hash has, made once per process.
   */
  private static final String UNKNOWN_USER_HASH = BCrypt.withDefaults().hashToString(BCRYPT_COST, generatePassword().toCharArray());

  private final DataSource dataSource;

  public UserAccounts(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Makes sure an admin exists. With no admin yet, creates {@code admin} with the given password,
   * or a generated one when null.
   *
   * @return the generated password to print once, or empty when none was generated
   */
  public Optional<String> bootstrapAdmin(String configuredPassword) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT 1 FROM app_user WHERE role = 'admin' LIMIT 1");
        ResultSet rs = ps.executeQuery()) {
      if (rs.next()) {
        return Optional.empty();
      }
    }
    String password = configuredPassword;
    boolean generated = password == null;
    if (generated) {
      password = generatePassword();
    }
    boolean created;
    try (Connection c = dataSource.getConnection()) {
      created = insert(c, "admin", password, "admin");
    }
    // Two cluster nodes starting at once on an empty database both get here: only the one whose insert won may
    // print its password, the other's was never stored.
    return generated && created ? Optional.of(password) : Optional.empty();
  }

  /** A random password of 16 URL-safe characters (96 bits), for accounts whose password is printed once. */
  public static String generatePassword() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Adds a user without teams; a taken username is left as it is (the demo's and tests' own accounts). */
  public void create(String username, String password, String role) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      insert(c, username, password, role);
    }
  }

  /**
   * Adds a user with the password bcrypt-hashed, on the caller's connection (so that it can share
   * a transaction with the user's team memberships). Does not check the role or the password's
   * strength: callers that take them from people do.
   *
   * @return false when the username is taken (nothing is changed)
   */
  public static boolean insert(Connection c, String username, String password, String role) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO app_user (username, password_hash, role) VALUES (?, ?, ?) ON CONFLICT (username) DO NOTHING")) {
      ps.setString(1, username);
      ps.setString(2, BCrypt.withDefaults().hashToString(BCRYPT_COST, password.toCharArray()));
      ps.setString(3, role);
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * The user, when the password is right; empty for an unknown user or a wrong password alike, and in the same time:
   * an unknown user's password is checked against {@link #UNKNOWN_USER_HASH}, so that timing cannot tell which
   * usernames exist. bcrypt runs after the connection is back in the pool: a burst of logins must not hold the pool
   * (shared with every API call) for bcrypt's tens of milliseconds each.
   */
  public Optional<User> verify(String username, String password) throws SQLException {
    if (username == null || password == null || tooLongForBcrypt(password)) {
      return Optional.empty(); // no password that long was ever accepted
    }
    String hash = UNKNOWN_USER_HASH;
    User user = null;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT password_hash, role, credentials_generation FROM app_user WHERE username = ?")) {
      ps.setString(1, username);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          hash = rs.getString(1);
          user = new User(username, rs.getString(2), rs.getLong(3));
        }
      }
    }
    boolean ok = BCrypt.verifyer().verify(password.toCharArray(), hash).verified;
    return ok && user != null ? Optional.of(user) : Optional.empty();
  }

  /** The user's account now; empty when there is no such user (removed since their token was issued). */
  public Optional<Account> account(String username) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT role, credentials_generation FROM app_user WHERE username = ?")) {
      ps.setString(1, username);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new Account(rs.getString(1), rs.getLong(2))) : Optional.empty();
      }
    }
  }

  /**
   * Replaces the user's password (bcrypt-hashed) and moves their credentials generation on: tokens issued before stop
   * working. Does not check the password's strength: callers that take it from people do.
   *
   * @return the user with the new generation, empty for an unknown user
   */
  public Optional<User> setPassword(String username, String password) throws SQLException {
    return setPassword(username, password, null);
  }

  /**
   * As {@link #setPassword(String, String)}, but only while the user's credentials are still at {@code generation} (null:
   * any): a change that proved the old password must not overwrite one made meanwhile (an admin's reset).
   *
   * @return the user with the new generation, empty for an unknown user or another generation
   */
  public Optional<User> setPassword(String username, String password, Long generation) throws SQLException {
    String hash = BCrypt.withDefaults().hashToString(BCRYPT_COST, password.toCharArray());
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE app_user SET password_hash = ?,"
            + " credentials_generation = nextval('credentials_generation') WHERE username = ?"
            + (generation == null ? "" : " AND credentials_generation = ?") + " RETURNING role, credentials_generation")) {
      ps.setString(1, hash);
      ps.setString(2, username);
      if (generation != null) {
        ps.setLong(3, generation);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new User(username, rs.getString(1), rs.getLong(2))) : Optional.empty();
      }
    }
  }

  /**
   * Adds a user with the password bcrypt-hashed and their teams, in one transaction: a user is never left without the
   * teams they were created with. Does not check the role or the password's strength: callers that take them from
   * people do ({@code team.NewUser}).
   *
   * @throws ApiException 400 naming unknown teams, 409 when the username is taken
   */
  public OfficeUser create(String username, String password, String role, Set<String> teams) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        KnownTeams.require(c, teams);
        if (!insert(c, username, password, role)) {
          throw new ApiException(409, "user '" + username + "' already exists");
        }
        insertMemberships(c, username, teams);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
    return new OfficeUser(username, role, new TreeSet<>(teams));
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
        KnownTeams.require(c, teams);
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
