package io.campo.server.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.campo.server.config.CampoConfig;
import java.io.IOException;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system of record: an external PostgreSQL ({@code CAMPO_DB_URL}) or the embedded one, a
 * connection pool over it, and the schema brought up to date by Flyway at start.
 */
public final class Database implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final CampoConfig config;
  private EmbeddedDatabase embedded;
  private HikariDataSource pool;

  public Database(CampoConfig config) {
    this.config = config;
  }

  public Database start() throws IOException, SQLException {
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
    // Fail a borrow quickly while the database is down: the writer retries on its own schedule.
    hc.setConnectionTimeout(5_000);
    // Start even when the database is not reachable yet would hide a wrong URL: fail fast instead.
    hc.setInitializationFailTimeout(30_000);
    pool = new HikariDataSource(hc);
    migrate();
    return this;
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

  /** The embedded database, when this server started one. */
  public EmbeddedDatabase embedded() {
    return embedded;
  }

  @Override
  public void close() throws IOException {
    if (pool != null) {
      pool.close();
    }
    if (embedded != null) {
      embedded.close();
    }
  }
}
