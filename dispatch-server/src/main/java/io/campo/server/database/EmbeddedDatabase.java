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
 * <p>A server killed with SIGKILL leaves its PostgreSQL running and holding the folder; {@link
 * #start()} stops that orphan first rather than failing on the lock.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
  public static final String DATABASE = "campo";

  private final Path dataDir;
  private final int port;
  private EmbeddedPostgres postgres;

  /**
   * @param dataDir PostgreSQL's data folder (created on first start)
   * @param port 0 picks a free port
   */
  public EmbeddedDatabase(Path dataDir, int port) {
    this.dataDir = dataDir;
    this.port = port;
  }

  public EmbeddedDatabase start() throws IOException, SQLException {
    Files.createDirectories(dataDir.getParent());
    stopOrphan();
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
        .setDataDirectory(dataDir)
        .setCleanDataDirectory(false)
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
    createDatabaseIfMissing();
    log.info("embedded PostgreSQL on port {} with data in {}", postgres.getPort(), dataDir);
    return this;
  }

  public String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", DATABASE);
  }

  public int port() {
    return postgres.getPort();
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

  /** Stops a PostgreSQL left running on our data folder by a server that was killed. */
  private void stopOrphan() throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    Optional<ProcessHandle> orphan = lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
    if (orphan.isEmpty() || !orphan.get().isAlive()) {
      return;
    }
    log.warn("a PostgreSQL (pid {}) from an earlier run still holds {}; stopping it", orphan.get().pid(), dataDir);
    // SIGINT is PostgreSQL's "fast" shutdown: it rolls back open transactions and exits cleanly.
    new ProcessBuilder("kill", "-INT", Long.toString(orphan.get().pid())).inheritIO().start();
    try {
      orphan.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IOException("the PostgreSQL left running on " + dataDir + " (pid " + orphan.get().pid()
          + ") did not stop; stop it by hand", e);
    }
  }

  /** Stops PostgreSQL; its data stays. */
  @Override
  public void close() throws IOException {
    if (postgres != null) {
      postgres.close();
      postgres = null;
    }
  }
}
