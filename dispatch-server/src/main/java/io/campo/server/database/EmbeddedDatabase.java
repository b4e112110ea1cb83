package io.campo.server.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real PostgreSQL that Campo starts for itself when no {@code CAMPO_DB_URL} is set (the demo,
 * the tests, a single small agency), from the binaries published on Maven Central. Its data
 * lives in a folder of ours, so a restart keeps everything.
 *
 * <p>Who owns the running PostgreSQL is written next to its folder ({@code pg.owner}: the JVM's
 * pid). When the owner is alive (a server is running and someone calls {@code campo agent add})
 * {@link #start()} attaches to that PostgreSQL instead of starting another. When the owner is
 * dead (a server killed with SIGKILL leaves its PostgreSQL running and holding the folder),
 * the orphan is stopped first rather than failing on the lock.
 *
 * <p>It is as durable as any production PostgreSQL ({@code fsync}, {@code synchronous_commit} and
 * {@code full_page_writes} on), listens on 127.0.0.1 only and takes password (SCRAM) logins only. Campo
 * logs in as its own role ({@link #user()}), which owns database {@code campo} and is no superuser. The
 * generated passwords are in {@code <folder>.credentials} (0600) beside the data folder, next to
 * {@code pg.owner}. A folder made by an older Campo (trust, everything owned by {@code postgres}) is
 * upgraded in place at its first start.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
  public static final String DATABASE = "campo";

  private final Path dataDir;
  private final Path ownerFile;
  private final Path credentialsFile;
  private final int port;
  private final boolean stopOnJvmExit;
  private EmbeddedPostgres postgres;
  private int attachedPort = -1;
  private EmbeddedCredentials credentials;

  /** A database that stops by itself when the JVM exits (tests, tools). */
  public EmbeddedDatabase(Path dataDir, int port) {
    this(dataDir, port, true);
  }

  /**
   * @param dataDir PostgreSQL's data folder (created on first start)
   * @param port 0 picks a free port
   * @param stopOnJvmExit false when an owner closes it: the library's own shutdown hook would
   *     otherwise stop PostgreSQL while the server's hook is still writing its last sessions
   */
  public EmbeddedDatabase(Path dataDir, int port, boolean stopOnJvmExit) {
    this.dataDir = dataDir;
    this.ownerFile = dataDir.resolveSibling(dataDir.getFileName() + ".owner");
    this.credentialsFile = dataDir.resolveSibling(dataDir.getFileName() + ".credentials");
    this.port = port;
    this.stopOnJvmExit = stopOnJvmExit;
  }

  public EmbeddedDatabase start() throws IOException, SQLException {
    Files.createDirectories(dataDir.getParent());
    Optional<ProcessHandle> running = runningPostmaster();
    if (running.isPresent()) {
      Optional<ProcessHandle> owner = readPid(ownerFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
      if (owner.isPresent() && owner.get().pid() != ProcessHandle.current().pid()) {
        attachedPort = Integer.parseInt(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(3).trim());
        if (!Files.exists(credentialsFile)) {
          throw new IOException("the running Campo server (pid " + owner.get().pid() + ") uses a PostgreSQL without passwords"
              + " (no " + credentialsFile + "): restart it with this version first, which upgrades the folder");
        }
        credentials = EmbeddedCredentials.load(credentialsFile);
        log.info("using the PostgreSQL of the running Campo server (pid {}) on port {}", owner.get().pid(), attachedPort);
        return this;
      }
      stopOrphan(running.get());
    }
    boolean fresh = !Files.exists(dataDir.resolve("postgresql.conf"));
    // Generated and on disk before initdb runs: a crash later never leaves a cluster whose password nobody knows.
    credentials = EmbeddedCredentials.loadOrCreate(credentialsFile);
    Path passwordFile = fresh ? superuserPasswordFile() : null;
    try {
      postgres = builder(fresh, passwordFile).start();
    } finally {
      if (passwordFile != null) {
        Files.deleteIfExists(passwordFile);
      }
    }
    Files.writeString(ownerFile, Long.toString(ProcessHandle.current().pid()));
    setUpRoles();
    log.info("embedded PostgreSQL on 127.0.0.1:{} with data in {}", postgres.getPort(), dataDir);
    return this;
  }

  private EmbeddedPostgres.Builder builder(boolean fresh, Path passwordFile) throws IOException {
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
        .setDataDirectory(dataDir)
        .setCleanDataDirectory(false)
        .setRegisterShutdownHook(stopOnJvmExit)
        .setPGStartupWait(Duration.ofSeconds(60))
        // Left to the library's defaults, which disable both fsync and synchronous commit, PostgreSQL would lose acknowledged fixes and visits in a
        // power cut and can corrupt the cluster; measured at full ingest load, durability costs nothing
        // visible (docs/security.md). Set explicitly: the library passes -F, which these override.
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("full_page_writes", "on")
        .setServerConfig("listen_addresses", "127.0.0.1")
        // No Unix socket: every login is a password login over loopback TCP (see LoopbackPasswordAuth).
        .setServerConfig("unix_socket_directories", "")
        .setServerConfig("password_encryption", "scram-sha-256")
        .setServerConfig("max_connections", "200")
        .setServerConfig("shared_buffers", "256MB")
        // Telemetry commits are group-committed by the writer; a short delay lets more share one fsync.
        .setServerConfig("commit_delay", "200")
        .setServerConfig("max_wal_size", "2GB")
        .setServerConfig("timezone", "UTC")
        // The library checks readiness as the superuser: under trust (a folder from before passwords) it is ignored.
        .setConnectConfig("password", credentials.superuserPassword());
    if (fresh) {
      // initdb sets the superuser's password from this file; the folder never has a moment of trust.
      // (The library spells its initdb "locale" options as --key=value, which is how this reaches initdb.)
      builder.setLocaleConfig("pwfile", passwordFile.toString());
      builder.setDataDirectoryCustomizer(dir -> installAuth(dir.toPath()));
    }
    if (port > 0) {
      builder.setPort(port);
    }
    return builder;
  }

  private Path superuserPasswordFile() throws IOException {
    Path file = dataDir.resolveSibling(dataDir.getFileName() + ".initdb-password");
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, credentials.superuserPassword() + "\n");
    return file;
  }

  private static void installAuth(Path dir) {
    try {
      LoopbackPasswordAuth.install(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(LoopbackPasswordAuth.FILE), e);
    }
  }

  /**
   * Gives Campo its own role and database, then closes every door but the password. On a folder made
   * before passwords (everything owned by {@code postgres}, trust) this is the in-place upgrade: the
   * superuser gets its password while trust still lets us in, Campo's role takes over the schema, and
   * only then does password-only authentication replace trust.
   */
  private void setUpRoles() throws SQLException, IOException {
    try (Connection c = superuserConnection("postgres")) {
      ApplicationRole.setPassword(c, EmbeddedCredentials.SUPERUSER, credentials.superuserPassword());
      ApplicationRole.ensure(c, EmbeddedCredentials.APP_ROLE, credentials.appPassword(), DATABASE);
    }
    try (Connection c = superuserConnection(DATABASE)) {
      int moved = ApplicationRole.takeOwnership(c, EmbeddedCredentials.APP_ROLE);
      if (moved > 0) {
        log.info("gave {} objects of database {} to role {}", moved, DATABASE, EmbeddedCredentials.APP_ROLE);
      }
    }
    if (!LoopbackPasswordAuth.isInstalled(dataDir)) {
      LoopbackPasswordAuth.install(dataDir);
      try (Connection c = superuserConnection("postgres"); Statement s = c.createStatement()) {
        s.execute("SELECT pg_reload_conf()");
      }
      log.info("the embedded PostgreSQL in {} now takes password logins only (upgraded from trust)", dataDir);
    }
  }

  /** The superuser, for setup only (creating roles and databases); Campo itself logs in as {@link #user()}. */
  public Connection superuserConnection(String database) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port() + "/" + database,
        EmbeddedCredentials.SUPERUSER, credentials.superuserPassword());
  }

  /** Campo's database; log in with {@link #user()} and {@link #password()}. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
  }

  /** Campo's own role: owns its database, is not a superuser. */
  public String user() {
    return EmbeddedCredentials.APP_ROLE;
  }

  public String password() {
    return credentials.appPassword();
  }

  public int port() {
    return postgres != null ? postgres.getPort() : attachedPort;
  }

  private Optional<ProcessHandle> runningPostmaster() throws IOException {
    return readPid(dataDir.resolve("postmaster.pid")).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
  }

  private static Optional<Long> readPid(Path file) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(file);
    try {
      return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Stops a PostgreSQL left running on our data folder by a server that was killed. */
  private void stopOrphan(ProcessHandle orphan) throws IOException {
    log.warn("a PostgreSQL (pid {}) left by a server that is gone still holds {}; stopping it", orphan.pid(), dataDir);
    // SIGINT is PostgreSQL's "fast" shutdown: it rolls back open transactions and exits cleanly.
    new ProcessBuilder("kill", "-INT", Long.toString(orphan.pid())).inheritIO().start();
    try {
      orphan.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IOException("the PostgreSQL left running on " + dataDir + " (pid " + orphan.pid()
          + ") did not stop; stop it by hand", e);
    }
  }

  /** Stops PostgreSQL; its data stays. */
  @Override
  public void close() throws IOException {
    if (postgres != null) {
      postgres.close();
      postgres = null;
      Files.deleteIfExists(ownerFile);
    }
  }
}
