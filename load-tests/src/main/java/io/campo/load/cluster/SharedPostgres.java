package io.campo.load.cluster;

import io.campo.server.database.EmbeddedCredentials;
import io.campo.server.database.EmbeddedDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The one PostgreSQL every node of a test cluster shares: the embedded binaries, running as their own
 * process, on a fixed port and data folder so that it can be stopped and started again under load and the
 * nodes' pools find it where it was.
 *
 * <p>Not thread-safe: one harness drives it.
 */
public final class SharedPostgres implements AutoCloseable {

  private final Path dataDir;
  private final int port;
  private EmbeddedDatabase database;
  private String password;

  public SharedPostgres(Path dataDir, int port) {
    this.dataDir = dataDir;
    this.port = port;
  }

  public SharedPostgres start() throws IOException, SQLException {
    database = new EmbeddedDatabase(dataDir, port).start();
    // Kept past a stop: nodes restarted while the database is down still need it.
    password = database.password();
    return this;
  }

  /** A fast shutdown (open transactions roll back, connections drop): what a database failover or restart does to the nodes. */
  public void stop() throws IOException {
    if (database != null) {
      database.close();
      database = null;
    }
  }

  public boolean running() {
    return database != null;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + EmbeddedDatabase.DATABASE;
  }

  /** Campo's own role (no superuser), as a production node would log in. */
  public String user() {
    return EmbeddedCredentials.APP_ROLE;
  }

  /** The role's generated password; known once the database has started. */
  public String password() {
    return password;
  }

  public int port() {
    return port;
  }

  /** Plain connections for the harness's own checks (no pool: it must not hold connections across a restart). */
  public DataSource dataSource() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(jdbcUrl());
    ds.setUser(user());
    ds.setPassword(password());
    return ds;
  }

  @Override
  public void close() throws IOException {
    stop();
  }
}
