package io.campo.server.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * People who log in (admins, dispatchers, managers), with bcrypt-hashed passwords. Blocking:
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
}
