package io.campo.server.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.campo.server.config.CampoConfig;
import java.io.IOException;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system of record: an external PostgreSQL ({@code CAMPO_DB_URL}) or the embedded one, connection pools over it,
 * and the schema brought up to date by Flyway at start. Three pools, so that no kind of work can take every
 * connection from another: the general one (logins, API calls, jobs), the telemetry writers' own (a burst of logins
 * or a slow report must never delay a PUBACK), and the reports' own, whose statements time out.
 */
public final class Database implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final CampoConfig config;
  private EmbeddedDatabase embedded;
  private HikariDataSource pool;
  private HikariDataSource telemetryPool;
  private HikariDataSource reportPool;

  private MetricsTrackerFactory poolMetrics;

  public Database(CampoConfig config) {
    this.config = config;
  }

  /** Reports every pool's connections, waits and timeouts ({@code hikaricp_*}, tag {@code pool}); before {@link #start}. */
  public Database meteredBy(MeterRegistry registry) {
    this.poolMetrics = new MicrometerMetricsTrackerFactory(registry);
    return this;
  }

  /** Starts everything or, when any part fails, closes what it had started (pools hold connections; PostgreSQL runs). */
  public Database start() throws IOException, SQLException {
    try {
      return open();
    } catch (IOException | SQLException | RuntimeException | Error e) {
      try {
        close();
      } catch (IOException | RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  private Database open() throws IOException, SQLException {
    String url = config.dbUrl();
    String user = config.dbUser();
    String password = config.dbPassword();
    if (config.embeddedDatabase()) {
      // Stopped by close(), after the server's own shutdown; never by a JVM hook racing it.
      embedded = new EmbeddedDatabase(config.dataDir().resolve("pg"), 0, false).start();
      url = embedded.jdbcUrl();
      user = embedded.user();
      password = embedded.password();
    }
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(url);
    hc.setUsername(user);
    hc.setPassword(password);
    hc.setMaximumPoolSize(Math.max(10, config.writerThreads() + 8));
    hc.setPoolName("campo");
    if (poolMetrics != null) {
      // Copied to the side pools with the rest of this configuration.
      hc.setMetricsTrackerFactory(poolMetrics);
    }
    // Fail a borrow quickly while the database is down: the writer retries on its own schedule.
    hc.setConnectionTimeout(5_000);
    // Start even when the database is not reachable yet would hide a wrong URL: fail fast instead.
    hc.setInitializationFailTimeout(30_000);
    pool = new HikariDataSource(hc);
    migrate();
    // One connection per writer thread (each holds one for its batch's transaction), and one to spare for a retry
    // while a broken connection is replaced.
    HikariConfig telemetry = sidePool(hc, "campo-telemetry", config.writerThreads() + 1);
    // No writer ever waits for another's connection here, so a borrow that takes a second means the database is
    // unreachable: the writer learns it (and /health says so) in one second instead of five, then retries as before.
    telemetry.setConnectionTimeout(1_000);
    telemetryPool = new HikariDataSource(telemetry);
    HikariConfig reports = sidePool(hc, "campo-reports", config.reportConnections());
    // Every statement on these connections, lock waits included: a report over years of visits ends with an error
    // the manager can act on instead of holding a connection and a CPU for as long as it likes.
    reports.setConnectionInitSql("SET statement_timeout = " + config.reportStatementTimeout().toMillis());
    reportPool = new HikariDataSource(reports);
    return this;
  }

  /** A pool to the same database as {@code general}, with its own name and size. */
  private static HikariConfig sidePool(HikariConfig general, String name, int size) {
    HikariConfig hc = new HikariConfig();
    general.copyStateTo(hc);
    hc.setPoolName(name);
    hc.setMaximumPoolSize(size);
    return hc;
  }

  private void migrate() {
    var result = Flyway.configure()
        .dataSource(pool)
        .locations("classpath:db/migration")
        .javaMigrations(new V2__TelemetryStorage("auto".equals(config.timescale()), config.telemetryRetentionDays()))
        .load()
        .migrate();
    if (result.migrationsExecuted > 0) {
      log.info("database schema migrated to version {} ({} migrations)", result.targetSchemaVersion, result.migrationsExecuted);
    }
  }

  public DataSource dataSource() {
    return pool;
  }

  /** The telemetry writers' own pool: nothing else borrows from it. */
  public DataSource telemetryDataSource() {
    return telemetryPool;
  }

  /** The reports' own pool; every statement on it ends after {@code CAMPO_REPORT_STATEMENT_TIMEOUT_MS}. */
  public DataSource reportDataSource() {
    return reportPool;
  }

  /** The embedded database, when this server started one. */
  public EmbeddedDatabase embedded() {
    return embedded;
  }

  @Override
  public void close() throws IOException {
    if (reportPool != null) {
      reportPool.close();
    }
    if (telemetryPool != null) {
      telemetryPool.close();
    }
    if (pool != null) {
      pool.close();
    }
    if (embedded != null) {
      embedded.close();
    }
  }
}
