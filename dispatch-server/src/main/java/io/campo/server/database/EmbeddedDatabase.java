package io.campo.server.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
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
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
  public static final String DATABASE = "campo";

  private final Path dataDir;
  private final Path ownerFile;
  private final int port;
  private final boolean stopOnJvmExit;
  private EmbeddedPostgres postgres;
  private int attachedPort = -1;

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
        log.info("using the PostgreSQL of the running Campo server (pid {}) on port {}", owner.get().pid(), attachedPort);
        return this;
      }
      stopOrphan(running.get());
    }
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
        .setDataDirectory(dataDir)
        .setCleanDataDirectory(false)
        .setRegisterShutdownHook(stopOnJvmExit)
        .setPGStartupWait(Duration.ofSeconds(60))
        .setServerConfig("max_connections", "200")
        .setServerConfig("shared_buffers", "256MB")
        // Telemetry commits are group-committed by the writer; a short delay lets more share one fsync.
        .setServerConfig("commit_delay", "200")
        .setServerConfig("max_wal_size", "2GB")
        .setServerConfig("timezone", "UTC");
    if (port > 0) {
      builder.setPort(port);
    }
    postgres = builder.start();
    Files.writeString(ownerFile, Long.toString(ProcessHandle.current().pid()));
    createDatabaseIfMissing();
    log.info("embedded PostgreSQL on port {} with data in {}", postgres.getPort(), dataDir);
    return this;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE + "?user=postgres";
  }

  public int port() {
    return postgres != null ? postgres.getPort() : attachedPort;
  }

  private void createDatabaseIfMissing() throws SQLException {
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
        if (rs.next()) {
          return;
        }
      }
      s.execute("CREATE DATABASE " + DATABASE);
    }
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
