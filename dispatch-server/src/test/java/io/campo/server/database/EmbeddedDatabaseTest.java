package io.campo.server.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {

  static void execute(String url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  static long count(String url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
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
  void keepsDataAcrossRestartsAndStopsAnOrphanLeftByAKilledServer(@TempDir Path dir) throws Exception {
    Path pg = dir.resolve("pg");
    EmbeddedDatabase first = new EmbeddedDatabase(pg, 0).start();
    execute(first.jdbcUrl(), "CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)");
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
      assertEquals(42, count(third.jdbcUrl(), "SELECT n FROM kept"));
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
        execute(attached.jdbcUrl(), "CREATE TABLE seen (n int)");
        attached.close();
        assertEquals(0, count(running.jdbcUrl(), "SELECT count(*) FROM seen"), "the running PostgreSQL is untouched");
        assertTrue(Files.exists(pg.resolve("postmaster.pid")));
      } finally {
        owner.destroyForcibly();
      }
    } finally {
      running.close();
    }
  }
}
