package io.campo.load.bench.ingest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Mosquitto process of our own for one run: loopback only, anonymous, nothing persisted, with
 * a configuration written to a temporary folder that is deleted with it. It never touches a
 * system-wide Mosquitto service.
 */
final class MosquittoBroker implements AutoCloseable {

  /** Same as the receive maximum Campo grants a device, so both brokers let a client push equally hard. */
  static final int MAX_INFLIGHT_MESSAGES = 1_000;

  private final Process process;
  private final Path folder;
  private final int port;
  private final String version;

  private MosquittoBroker(Process process, Path folder, int port, String version) {
    this.process = process;
    this.folder = folder;
    this.port = port;
    this.version = version;
  }

  static MosquittoBroker start(Path executable) throws IOException, InterruptedException {
    String version = version(executable);
    Path folder = Files.createTempDirectory("campo-bench-mosquitto-");
    int port = freePort();
    Path config = folder.resolve("mosquitto.conf");
    Files.writeString(config, String.join("\n",
        "# Written by ./campo bench ingest for one run, deleted after it.",
        "listener " + port + " 127.0.0.1",
        "allow_anonymous true",
        "persistence false",
        "max_inflight_messages " + MAX_INFLIGHT_MESSAGES,
        "log_dest stderr",
        "log_type error",
        "log_type warning",
        ""), StandardCharsets.UTF_8);
    Path log = folder.resolve("mosquitto.log");
    Process process = new ProcessBuilder(executable.toString(), "-c", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    MosquittoBroker broker = new MosquittoBroker(process, folder, port, version);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!accepts(port)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        String said = Files.exists(log) ? Files.readString(log) : "";
        broker.close();
        throw new IllegalStateException("Mosquitto did not start on 127.0.0.1:" + port + (said.isBlank() ? "" : "; it said:\n" + said));
      }
      Thread.sleep(50);
    }
    return broker;
  }

  int port() {
    return port;
  }

  /** E.g. "Mosquitto 2.0.11". */
  String version() {
    return version;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("campo bench: could not delete " + folder + ": " + e.getMessage());
    }
  }

  private static String version(Path executable) throws IOException, InterruptedException {
    // "mosquitto -h" prints "mosquitto version 2.0.11" first (and exits non-zero).
    Process p = new ProcessBuilder(executable.toString(), "-h").redirectErrorStream(true).start();
    List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    p.waitFor(5, TimeUnit.SECONDS);
    return lines.stream().filter(l -> l.startsWith("mosquitto version ")).findFirst()
        .map(l -> "Mosquitto " + l.substring("mosquitto version ".length()).trim())
        .orElse("Mosquitto");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
