package io.campo.load.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Campo node as a real child process: {@code java -cp <this classpath> io.campo.server.CampoMain serve
 * [--cluster]}, as {@code ./campo serve} runs it, so that {@link #kill()} is a true {@code kill -9}: no
 * shutdown hook, no goodbye to Hazelcast, no closed MQTT sessions, sockets reset by the kernel.
 *
 * <p>Not thread-safe: one harness drives it.
 */
public final class NodeProcess implements AutoCloseable {

  /** The line a node logs once it has joined the cluster and every listener is up (cluster contract). */
  static final String READY_LINE = "Campo listening:";

  private final NodeSettings settings;
  private final Map<String, String> environment;
  private Process process;
  private long logOffsetAtStart;

  NodeProcess(NodeSettings settings, Map<String, String> environment) {
    this.settings = settings;
    this.environment = Map.copyOf(environment);
  }

  /** Starts the JVM; returns at once (see {@link #awaitReady}). */
  public NodeProcess start() throws IOException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(settings.name() + " is already running");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + settings.heapMegabytes() + "m");
    // Three server JVMs, PostgreSQL and the devices share two cores: C1 only starts a node in a few seconds.
    if (settings.quickJit()) {
      command.add("-XX:TieredStopAtLevel=1");
    }
    command.add("-XX:+UseSerialGC");
    // The same flags as ./campo: Hazelcast's reflective access, allowed rather than warned about.
    command.addAll(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/java.nio=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-opens", "java.management/sun.management=ALL-UNNAMED",
        "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.campo.server.CampoMain");
    command.add("serve");
    if (settings.clustered()) {
      command.add("--cluster");
    }
    Files.createDirectories(settings.log().getParent());
    logOffsetAtStart = Files.exists(settings.log()) ? Files.size(settings.log()) : 0;
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(settings.log().toFile()));
    pb.environment().keySet().removeIf(k -> k.startsWith("CAMPO_"));
    pb.environment().putAll(environment);
    process = pb.start();
    return this;
  }

  /** Waits for the node's readiness line; fails with the end of its log if it exits or takes too long. */
  public NodeProcess awaitReady(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!loggedSinceStart().contains(READY_LINE)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(settings.name() + " exited with status " + process.exitValue() + " before it was ready:\n" + logTail());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(settings.name() + " not ready within " + timeout.toSeconds() + " s:\n" + logTail());
      }
      Thread.sleep(100);
    }
    return this;
  }

  /** SIGKILL, and waits until the process is gone. */
  public void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** SIGTERM (the server's own shutdown), then SIGKILL after {@code grace}. */
  public void stop(Duration grace) throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
      }
    }
  }

  public boolean alive() {
    return process != null && process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  public NodeSettings settings() {
    return settings;
  }

  public String name() {
    return settings.name();
  }

  public int mqttPort() {
    return settings.mqttPort();
  }

  public int httpPort() {
    return settings.httpPort();
  }

  /** Everything the node logged since its last start. */
  public String loggedSinceStart() throws IOException {
    if (!Files.exists(settings.log())) {
      return "";
    }
    byte[] all = Files.readAllBytes(settings.log());
    int from = (int) Math.min(all.length, logOffsetAtStart);
    return new String(all, from, all.length - from, StandardCharsets.UTF_8);
  }

  String logTail() throws IOException {
    String text = loggedSinceStart();
    return text.length() <= 4_000 ? text : "..." + text.substring(text.length() - 4_000);
  }

  @Override
  public void close() throws InterruptedException {
    stop(Duration.ofSeconds(10));
  }

  static Map<String, String> environmentOf(NodeSettings s, SharedPostgres db, String adminPassword, List<NodeSettings> all,
      Path dataDir) {
    Map<String, String> env = new HashMap<>();
    env.put("CAMPO_DB_URL", db.jdbcUrl());
    env.put("CAMPO_DB_USER", db.user());
    env.put("CAMPO_DB_PASSWORD", db.password());
    env.put("CAMPO_DATA_DIR", dataDir.toString());
    env.put("CAMPO_BIND", "127.0.0.1");
    env.put("CAMPO_HTTP_PORT", Integer.toString(s.httpPort()));
    // Every simulated phone connects from 127.0.0.1: no per-address cap here (docs/security.md).
    env.put("CAMPO_MQTT_MAX_CONNECTIONS_PER_ADDRESS", "0");
    env.put("CAMPO_MQTT_PORT", Integer.toString(s.mqttPort()));
    env.put("CAMPO_MQTT_WS_PORT", "-1");
    env.put("CAMPO_OSMAND_PORT", "-1");
    env.put("CAMPO_ADMIN_PASSWORD", adminPassword);
    // Telemetry, sessions and the live map only: no road import competing for the two cores.
    env.put("CAMPO_ROADS", "none");
    env.put("CAMPO_NODE_ID", s.name());
    if (s.clustered()) {
      env.put("CAMPO_CLUSTER", "on");
      env.put("CAMPO_CLUSTER_HOST", "127.0.0.1");
      env.put("CAMPO_CLUSTER_PORT", Integer.toString(s.clusterPort()));
      env.put("CAMPO_CLUSTER_NAME", "campo-test-" + all.get(0).clusterPort());
      env.put("CAMPO_CLUSTER_MEMBERS", String.join(",",
          all.stream().filter(NodeSettings::clustered).map(n -> "127.0.0.1:" + n.clusterPort()).toList()));
    }
    return env;
  }
}
