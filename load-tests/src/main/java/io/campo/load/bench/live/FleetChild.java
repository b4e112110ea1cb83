package io.campo.load.bench.live;

import io.campo.load.fleet.AgentCredentials;
import io.campo.load.fleet.FleetCounts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The parent's handle on a {@link FleetProcess}: starts it on this JVM's class path, follows its connections, stops it. */
final class FleetChild implements AutoCloseable {

  private static final Path NICE = Path.of("/usr/bin/nice");

  private final Process process;
  private final Path credentialsFile;
  private final CompletableFuture<FleetCounts> counts = new CompletableFuture<>();
  private volatile int connected;

  private FleetChild(Process process, Path credentialsFile) {
    this.process = process;
    this.credentialsFile = credentialsFile;
    Thread reader = new Thread(this::readOutput, "fleet-child-output");
    reader.setDaemon(true);
    reader.start();
  }

  static FleetChild start(LiveOptions options, String host, int mqttPort, List<AgentCredentials> agents) throws IOException {
    Path credentials = Files.createTempFile("campo-live-fleet-", ".csv");
    List<String> lines = new ArrayList<>(agents.size());
    agents.forEach(a -> lines.add(a.agentId() + "," + a.deviceToken()));
    Files.write(credentials, lines, StandardCharsets.UTF_8);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(NICE)) {
      // The load generator yields the CPU to the system under test (server, PostgreSQL, browser): in production the
      // phones are not on the server's machine. The fleet still has to publish on time; it reports how late it ran.
      command.addAll(List.of(NICE.toString(), "-n", Integer.toString(options.fleetNiceness())));
    }
    command.addAll(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
        FleetProcess.class.getName(), host, Integer.toString(mqttPort), options.mqtt().label(),
        Long.toString(options.interval().toMillis()), Integer.toString(options.radiusMetres()), Long.toString(options.seed()),
        credentials.toString()));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    try {
      return new FleetChild(builder.start(), credentials);
    } catch (IOException e) {
      Files.deleteIfExists(credentials);
      throw e;
    }
  }

  private void readOutput() {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        String[] words = line.trim().split(" ");
        if (words[0].equals("connected") && words.length == 2) {
          connected = Integer.parseInt(words[1]);
        } else if (words[0].equals("counts") && words.length == 5) {
          counts.complete(new FleetCounts(Long.parseLong(words[1]), Long.parseLong(words[2]), Long.parseLong(words[3]),
              Long.parseLong(words[4])));
        } else {
          System.out.println("fleet: " + line);
        }
      }
    } catch (IOException | RuntimeException e) {
      counts.completeExceptionally(e);
    }
    counts.completeExceptionally(new IllegalStateException("the fleet process ended without its counts"));
  }

  int connected() {
    return connected;
  }

  /** Waits until {@code agents} are connected; fails when the process dies or the time is up. */
  void awaitConnected(int agents, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (connected < agents) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the fleet process ended (exit " + process.exitValue() + ") with " + connected + " agents connected");
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + connected + " of " + agents + " agents connected within " + timeout.toSeconds() + " s");
      }
      Thread.sleep(100);
    }
  }

  /** The measured phase starts: the fleet reports its publish lateness from now on. */
  void measure() throws IOException {
    OutputStream in = process.getOutputStream();
    in.write("measure\n".getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /** Stops publishing and returns what the fleet sent and had acknowledged. */
  FleetCounts stop() throws Exception {
    OutputStream in = process.getOutputStream();
    in.write("stop\n".getBytes(StandardCharsets.UTF_8));
    in.flush();
    return counts.get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      process.destroyForcibly();
      try {
        Files.deleteIfExists(credentialsFile);
      } catch (IOException e) {
        System.err.println("campo bench live: could not delete " + credentialsFile);
      }
    }
  }
}
