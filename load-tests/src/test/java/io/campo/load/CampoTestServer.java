package io.campo.load;

import io.campo.server.CampoServer;
import io.campo.server.config.CampoConfig;
import io.campo.server.database.EmbeddedDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/** The real server for this module's tests: its own embedded PostgreSQL in a test's folder, free ports. */
public final class CampoTestServer implements AutoCloseable {

  public final EmbeddedDatabase postgres;
  public final CampoServer server;

  private CampoTestServer(EmbeddedDatabase postgres, CampoServer server) {
    this.postgres = postgres;
    this.server = server;
  }

  /** Without a road network: planning is disabled. */
  public static CampoTestServer start(Path folder) throws Exception {
    return start(folder, Map.of());
  }

  /** With {@code overrides} of the test configuration, e.g. {@code CAMPO_ROADS=demo} and a small {@code CAMPO_DEMO_CITY_KM}. */
  public static CampoTestServer start(Path folder, Map<String, String> overrides) throws Exception {
    EmbeddedDatabase postgres = new EmbeddedDatabase(folder.resolve("pg"), 0).start();
    try {
      Map<String, String> env = new HashMap<>(Map.of(
          "CAMPO_DATA_DIR", folder.toString(),
          "CAMPO_DB_URL", postgres.jdbcUrl(),
          "CAMPO_DB_USER", postgres.user(),
          "CAMPO_DB_PASSWORD", postgres.password(),
          "CAMPO_BIND", "127.0.0.1",
          "CAMPO_HTTP_PORT", "0",
          "CAMPO_MQTT_PORT", "0",
          "CAMPO_MQTT_WS_PORT", "-1",
          "CAMPO_ADMIN_PASSWORD", "load-tests-admin",
          "CAMPO_ROADS", "none"));
      // Every simulated phone connects from 127.0.0.1: no per-address cap unless a test sets one.
      env.put("CAMPO_MQTT_MAX_CONNECTIONS_PER_ADDRESS", "0");
      env.put("CAMPO_OSMAND_PORT", "-1");
      env.putAll(overrides);
      return new CampoTestServer(postgres, CampoServer.start(CampoConfig.from(env)));
    } catch (Exception e) {
      postgres.close();
      throw e;
    }
  }

  public long count(String sql) throws SQLException {
    try (Connection c = server.database().dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    postgres.close();
  }
}
