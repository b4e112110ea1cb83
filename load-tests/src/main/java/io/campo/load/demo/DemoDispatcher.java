package io.campo.load.demo;

import io.campo.server.auth.UserAccounts;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's dispatcher, {@code despacho}: the person who plans the fleet's day through the
 * HTTP API, as a real dispatcher would, and whose login the banner shows. The first run creates
 * the account with a generated password and keeps it in {@link #PASSWORD_FILE_NAME} (the server
 * stores only its hash); later runs reuse it.
 */
public final class DemoDispatcher {

  public static final String USERNAME = "despacho";
  /** Where the password is kept, under the server's data folder. */
  public static final String PASSWORD_FILE_NAME = "demo-dispatcher.properties";
  private static final String ROLE = "dispatcher";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final UserAccounts users;
  private final DemoSecretsFile passwordFile;

  public DemoDispatcher(UserAccounts users, Path dataDir) {
    this.users = users;
    this.passwordFile = new DemoSecretsFile(dataDir.resolve(PASSWORD_FILE_NAME));
  }

  /**
   * The dispatcher's password, after making sure the account exists. Empty when the account
   * exists but the file does not hold its password (the file was deleted, or the database was
   * swapped): it cannot be recovered from the hash.
   */
  public Optional<String> ensurePassword() throws IOException, SQLException {
    Map<String, String> secrets = passwordFile.read();
    String known = secrets.get(USERNAME);
    if (known != null && users.verify(USERNAME, known).isPresent()) {
      return Optional.of(known);
    }
    String password = generatePassword();
    // Does nothing when the account already exists: then the new password does not open it.
    users.create(USERNAME, password, ROLE);
    if (users.verify(USERNAME, password).isEmpty()) {
      return Optional.empty();
    }
    secrets.put(USERNAME, password);
    passwordFile.write(secrets, "Password of the demo's dispatcher account (campo demo).");
    return Optional.of(password);
  }

  public Path passwordFile() {
    return passwordFile.path();
  }

  private static String generatePassword() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
