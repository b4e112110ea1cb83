package io.campo.server.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.config.CampoConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code .campo/} folder made by Campo before passwords (trust logins, everything owned by the
 * superuser {@code postgres}) is upgraded in place by the first start of this version: data kept,
 * logins by password only, every object owned by Campo's own role, later migrations run as that role.
 */
class EmbeddedDatabaseUpgradeTest {

  /** The folder exactly as the old EmbeddedDatabase made it: the library's defaults, then migrations as postgres. */
  private static void makeOldStyleFolder(Path pg) throws Exception {
    EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(pg).setCleanDataDirectory(false)
        .setServerConfig("max_connections", "200").setServerConfig("timezone", "UTC").start();
    try {
      try (Connection c = old.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + EmbeddedDatabase.DATABASE);
      }
      String url = "jdbc:postgresql://localhost:" + old.getPort() + "/campo";
      // Up to V11 only: V12 replaces a V11 function, V13 drops a V11 index, V14 and V15 alter V1/V4 tables,
      // so the migrations left to run prove Campo's role really owns what postgres created.
      // The repeatable R__report_functions.sql is hidden (another prefix): the old Campo had no such file.
      Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration")
          .javaMigrations(new V2__TelemetryStorage(true, 0)).target("11")
          .repeatableSqlMigrationPrefix(ReportFunctionsMigrationTest.OLD_SCHEMA).load().migrate();
      try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
        s.execute("INSERT INTO agent (id, name, device_token_hash) VALUES ('kept-1', 'Kept', 'x')");
      }
    } finally {
      old.close();
    }
  }

  @Test
  void upgradesAnOldTrustFolderInPlaceKeepingItsData(@TempDir Path dir) throws Exception {
    Path pg = dir.resolve("pg");
    makeOldStyleFolder(pg);
    assertTrue(Files.readString(pg.resolve("pg_hba.conf")).lines().anyMatch(l -> !l.startsWith("#") && l.endsWith("trust")),
        "the old folder trusts local logins");

    Database upgraded = new Database(CampoConfig.from(Map.of("CAMPO_DATA_DIR", dir.toString(), "CAMPO_ROADS", "none"))).start();
    try {
      EmbeddedDatabase db = upgraded.embedded();
      try (Connection c = upgraded.dataSource().getConnection(); Statement s = c.createStatement()) {
        assertEquals("campo", one(s, "SELECT current_user"));
        assertEquals("Kept", one(s, "SELECT name FROM agent WHERE id = 'kept-1'"), "data kept");
        assertEquals("0", one(s, """
            SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND pg_get_userbyid(c.relowner) <> 'campo'"""), "every table, index, sequence is Campo's");
        assertEquals("0", one(s, """
            SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> 'campo'"""), "every function is Campo's");
        assertEquals("campo", one(s, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'campo'"));
        assertEquals("11", one(s, "SELECT max(version::int) FROM flyway_schema_history WHERE installed_by = 'postgres'"));
        assertEquals("12", one(s, "SELECT min(version::int) FROM flyway_schema_history WHERE installed_by = 'campo'"),
            "the later migrations ran as Campo's role");
        assertEquals("0", one(s, "SELECT count(*) FROM flyway_schema_history WHERE NOT success"));
        assertEquals("1", one(s, "SELECT count(*) FROM pg_class WHERE relname = 'credentials_generation'"), "V15 ran");
        assertEquals("0", one(s, "SELECT count(*) FROM pg_class WHERE relname = 'visit_kpi_period'"), "V13 dropped a V11 index");
        assertEquals("on", one(s, "SHOW fsync"));
      }
      String hba = Files.readString(pg.resolve("pg_hba.conf"));
      assertEquals(LoopbackPasswordAuth.CONTENT, hba);
      SQLException trustGone = assertThrows(SQLException.class,
          () -> DriverManager.getConnection(db.jdbcUrl() + "?user=postgres").close(), "trust was replaced without a restart");
      assertTrue(trustGone.getMessage().contains("password"), trustGone.getMessage());
      try (Connection c = db.superuserConnection("postgres"); Statement s = c.createStatement()) {
        assertEquals("SCRAM-SHA-256", one(s, "SELECT split_part(rolpassword, '$', 1) FROM pg_authid WHERE rolname = 'postgres'"));
        assertEquals("false", one(s, "SELECT rolsuper::text FROM pg_roles WHERE rolname = 'campo'"));
      }
    } finally {
      upgraded.close();
    }

    // The second start finds nothing left to upgrade and the same data.
    Database again = new Database(CampoConfig.from(Map.of("CAMPO_DATA_DIR", dir.toString(), "CAMPO_ROADS", "none"))).start();
    try (Connection c = again.dataSource().getConnection(); Statement s = c.createStatement()) {
      assertEquals("Kept", one(s, "SELECT name FROM agent WHERE id = 'kept-1'"));
    } finally {
      again.close();
    }
  }

  private static String one(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
