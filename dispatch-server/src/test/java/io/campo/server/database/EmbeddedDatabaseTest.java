package io.campo.server.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {

  static void execute(EmbeddedDatabase db, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  static long count(EmbeddedDatabase db, String sql) throws Exception {
    return Long.parseLong(query(db, sql));
  }

  static String query(EmbeddedDatabase db, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Started in a child JVM that the test kills with SIGKILL, as happens to a real server. */
  public static final class OrphanMaker {
    public static void main(String[] args) throws Exception {
      new EmbeddedDatabase(Path.of(args[0]), 0).start();
      System.out.println("ready");
      Thread.sleep(120_000);
    }
  }

  @Test
  void runsDurableOnLoopbackWithPasswordsOnlyAndCamposOwnNonSuperuserRole(@TempDir Path dir) throws Exception {
    EmbeddedDatabase db = new EmbeddedDatabase(dir.resolve("pg"), 0).start();
    try {
      assertEquals("on", query(db, "SHOW fsync"));
      assertEquals("on", query(db, "SHOW synchronous_commit"));
      assertEquals("on", query(db, "SHOW full_page_writes"));
      assertEquals("127.0.0.1", query(db, "SHOW listen_addresses"));
      // Campo's role may not even read this setting (pg_read_all_settings): ask as the superuser.
      try (Connection c = db.superuserConnection("postgres"); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SHOW unix_socket_directories")) {
        rs.next();
        assertEquals("", rs.getString(1), "no Unix socket");
      }
      assertEquals("campo", query(db, "SELECT current_user"));
      assertEquals("false", query(db, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user"));
      assertEquals("false", query(db, "SELECT (rolcreaterole OR rolcreatedb)::text FROM pg_roles WHERE rolname = current_user"));
      assertEquals("campo", query(db, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"));
      assertEquals("SCRAM-SHA-256", passwordHashPrefix(db, "campo"));
      assertEquals("SCRAM-SHA-256", passwordHashPrefix(db, "postgres"));
      execute(db, "CREATE TABLE mine (n int)");
      assertEquals("campo", query(db, "SELECT tableowner FROM pg_tables WHERE tablename = 'mine'"));

      String hba = Files.readString(dir.resolve("pg/pg_hba.conf"));
      assertTrue(hba.lines().filter(l -> !l.startsWith("#")).allMatch(l -> l.endsWith(" scram-sha-256")), hba);
      assertEquals(LoopbackPasswordAuth.CONTENT, hba);
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("pg.credentials"))));
      assertFalse(Files.exists(dir.resolve("pg.initdb-password")), "initdb's password file is removed once used");

      SQLException wrong = assertThrows(SQLException.class,
          () -> DriverManager.getConnection(db.jdbcUrl(), "campo", "not-the-password").close());
      assertEquals("28P01", wrong.getSQLState(), wrong.getMessage());
      SQLException noPassword = assertThrows(SQLException.class,
          () -> DriverManager.getConnection(db.jdbcUrl() + "?user=postgres").close());
      assertTrue(noPassword.getMessage().contains("password"), noPassword.getMessage());
      SQLException campoIsNoSuperuser = assertThrows(SQLException.class, () -> execute(db, "CREATE DATABASE other"));
      assertEquals("42501", campoIsNoSuperuser.getSQLState(), campoIsNoSuperuser.getMessage());
    } finally {
      db.close();
    }
  }

  private static String passwordHashPrefix(EmbeddedDatabase db, String role) throws Exception {
    try (Connection c = db.superuserConnection("postgres"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT split_part(rolpassword, '$', 1) FROM pg_authid WHERE rolname = '" + role + "'")) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void keepsDataAcrossRestartsAndStopsAnOrphanLeftByAKilledServer(@TempDir Path dir) throws Exception {
    Path pg = dir.resolve("pg");
    EmbeddedDatabase first = new EmbeddedDatabase(pg, 0).start();
    execute(first, "CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)");
    String password = first.password();
    first.close();

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process killed = new ProcessBuilder(java, "-cp", classpath, OrphanMaker.class.getName(), pg.toString())
        .redirectErrorStream(true).start();
    try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(killed.getInputStream()))) {
      String line;
      while ((line = out.readLine()) != null && !line.equals("ready")) {
        // skip start-up logging
      }
    }
    killed.destroyForcibly().waitFor();
    long orphanPid = Long.parseLong(Files.readAllLines(pg.resolve("postmaster.pid")).get(0).trim());
    assertTrue(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false), "SIGKILL leaves PostgreSQL running");

    EmbeddedDatabase third = new EmbeddedDatabase(pg, 0).start();
    try {
      assertFalse(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false), "the orphan was stopped");
      assertEquals(42, count(third, "SELECT n FROM kept"));
      assertEquals(password, third.password(), "the generated password is kept with the folder");
    } finally {
      third.close();
    }
  }

  @Test
  void attachesToThePostgresOfARunningServerInsteadOfStoppingIt(@TempDir Path dir) throws Exception {
    Path pg = dir.resolve("pg");
    EmbeddedDatabase running = new EmbeddedDatabase(pg, 0).start();
    try {
      // A live process other than this JVM owns it, as when `campo agent add` runs beside a server.
      Process owner = new ProcessBuilder("sleep", "60").start();
      try {
        Files.writeString(dir.resolve("pg.owner"), Long.toString(owner.pid()));
        EmbeddedDatabase attached = new EmbeddedDatabase(pg, 0).start();
        assertEquals(running.port(), attached.port());
        assertEquals(running.password(), attached.password(), "the attached one reads the server's password");
        execute(attached, "CREATE TABLE seen (n int)");
        attached.close();
        assertEquals(0, count(running, "SELECT count(*) FROM seen"), "the running PostgreSQL is untouched");
        assertTrue(Files.exists(pg.resolve("postmaster.pid")));
      } finally {
        owner.destroyForcibly();
      }
    } finally {
      running.close();
    }
  }
}
