package io.campo.server.database;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway Debian PostgreSQL 15 cluster with TimescaleDB preloaded, for the tests that need the real extension
 * (the embedded PostgreSQL 17 cannot load it). {@code ./campo test} builds TimescaleDB into Debian's PostgreSQL 15
 * ({@code ../shared/tools/timescaledb-pg15.sh}) and names its bin folder in {@code CAMPO_TEST_PG15_BIN}.
 *
 * <p>Runs as the {@code postgres} account when the JVM is root (CI is; initdb refuses root), listens on 127.0.0.1
 * only, password (SCRAM) authentication, and is as durable as production: {@code fsync} and
 * {@code synchronous_commit} on, so the latencies measured against it mean something.
 */
final class DebianPostgres15 implements AutoCloseable {

  static final String BIN_ENV = "CAMPO_TEST_PG15_BIN";
  static final String PASSWORD = "campo-test-pg15";

  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean asPostgresAccount;

  private DebianPostgres15(Path bin, Path dir, int port, boolean asPostgresAccount) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asPostgresAccount = asPostgresAccount;
  }

  /** The bin folder of a PostgreSQL 15 that has TimescaleDB installed, or null when this run has none. */
  static Path configuredBin() {
    String bin = System.getenv(BIN_ENV);
    return bin == null || bin.isBlank() ? null : Path.of(bin);
  }

  static DebianPostgres15 start(Path bin) throws IOException, InterruptedException {
    return start(bin, true);
  }

  /** @param preloadTimescale false: TimescaleDB installed in the binaries but not loaded (a plain PostgreSQL 15) */
  static DebianPostgres15 start(Path bin, boolean preloadTimescale) throws IOException, InterruptedException {
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("campo-pg15-");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    DebianPostgres15 pg = new DebianPostgres15(bin, dir, port, root);
    try {
      Path pwfile = dir.resolve("pwfile");
      Files.writeString(pwfile, PASSWORD + "\n", StandardCharsets.UTF_8);
      if (root) {
        pg.run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
      }
      pg.run(List.of(bin.resolve("initdb").toString(), "-D", pg.data().toString(), "-U", "postgres", "-E", "UTF8",
          "--locale=C", "--auth=scram-sha-256", "--pwfile=" + pwfile), root);
      String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + dir
          + (preloadTimescale ? " -c shared_preload_libraries=timescaledb -c timescaledb.telemetry_level=off" : "")
          + " -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c max_connections=100 -c timezone=UTC";
      pg.run(List.of(bin.resolve("pg_ctl").toString(), "-D", pg.data().toString(), "-l", dir.resolve("log").toString(),
          "-o", options, "-w", "-t", "60", "start"), root);
      return pg;
    } catch (IOException | InterruptedException | RuntimeException e) {
      pg.close();
      throw e;
    }
  }

  int port() {
    return port;
  }

  String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** What PostgreSQL logged, for a failure message. */
  String log() {
    try {
      return Files.readString(dir.resolve("log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private Path data() {
    return dir.resolve("data");
  }

  private void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asPostgres) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", full) + " failed: " + new String(out, StandardCharsets.UTF_8));
    }
  }

  @Override
  public void close() {
    try {
      if (Files.exists(data().resolve("postmaster.pid"))) {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast", "-w", "stop"), asPostgresAccount);
      }
    } catch (IOException | InterruptedException e) {
      System.err.println("could not stop the PostgreSQL 15 in " + dir + ": " + e.getMessage());
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not remove " + dir + ": " + e.getMessage());
    }
  }
}
