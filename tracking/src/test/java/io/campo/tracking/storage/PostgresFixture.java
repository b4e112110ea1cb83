package io.campo.tracking.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One real PostgreSQL per test JVM; each caller gets a fresh database with the telemetry schema
 * (native partitions, as here there is no TimescaleDB).
 */
public final class PostgresFixture {

  private static EmbeddedPostgres postgres;
  private static final AtomicInteger NEXT = new AtomicInteger();

  private PostgresFixture() {}

  static synchronized EmbeddedPostgres postgres() {
    if (postgres == null) {
      try {
        postgres = durableBuilder().start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return postgres;
  }

  /**
   * The library's builder made as durable as production: its defaults turn fsync and synchronous_commit off,
   * which would let these tests pass on behaviour (and speed) no real deployment has.
   */
  public static EmbeddedPostgres.Builder durableBuilder() {
    return EmbeddedPostgres.builder()
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("full_page_writes", "on")
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setServerConfig("timezone", "UTC");
  }

  public static DataSource freshTelemetryDatabase() throws SQLException {
    String name = "tracking_test_" + NEXT.incrementAndGet();
    try (Connection c = postgres().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    DataSource ds = dataSource(postgres().getPort(), name);
    try (Connection c = ds.getConnection()) {
      TelemetrySchema.create(c, false, 0);
    }
    return ds;
  }

  public static DataSource dataSource(int port, String database) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {"localhost"});
    ds.setPortNumbers(new int[] {port});
    ds.setDatabaseName(database);
    ds.setUser("postgres");
    ds.setConnectTimeout(2);
    return ds;
  }

  public static long count(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
