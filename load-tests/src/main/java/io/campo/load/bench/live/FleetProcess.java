package io.campo.load.bench.live;

import io.campo.load.fleet.AgentCredentials;
import io.campo.load.fleet.FleetCounts;
import io.campo.load.fleet.FleetSettings;
import io.campo.load.fleet.LatLon;
import io.campo.load.fleet.MqttVersion;
import io.campo.load.fleet.SimulatedFleet;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The live benchmark's fleet, in a process of its own: ten thousand phones are ten thousand sockets on each side, and
 * this machine allows a process 20,000 open files, so the phones cannot share the server's JVM. Talks to
 * {@link FleetChild} over its standard streams: prints {@code connected N} as agents connect; a line {@code measure} on
 * stdin starts the measured phase (publish lateness counts from then); any other line (or end of input) stops it: it
 * prints how late its publishes ran and {@code counts SENT ACKNOWLEDGED REFUSED FAILED}, and exits.
 *
 * <p>Arguments: host, MQTT port, MQTT version, publish interval ms, radius metres, seed, credentials file (one
 * {@code agentId,deviceToken} per line).
 */
public final class FleetProcess {

  private FleetProcess() {}

  public static void main(String[] args) throws Exception {
    List<AgentCredentials> agents = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[6]), StandardCharsets.UTF_8)) {
      int comma = line.indexOf(',');
      agents.add(new AgentCredentials(line.substring(0, comma), line.substring(comma + 1)));
    }
    FleetSettings settings = new FleetSettings(args[0], Integer.parseInt(args[1]), MqttVersion.parse(args[2]),
        Duration.ofMillis(Long.parseLong(args[3])), LatLon.MEXICO_CITY, Double.parseDouble(args[4]), Long.parseLong(args[5]), 1.0);
    SimulatedFleet fleet = SimulatedFleet.start(settings, agents);
    Thread progress = new Thread(() -> {
      int last = -1;
      while (!Thread.currentThread().isInterrupted()) {
        int now = fleet.connectedAgents();
        if (now != last) {
          System.out.println("connected " + now);
          System.out.flush();
          last = now;
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "fleet-progress");
    progress.setDaemon(true);
    progress.start();
    BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String command;
    while ("measure".equals(command = commands.readLine())) {
      fleet.takePublishLateness(); // the measured phase starts: forget the warm-up's
    }
    progress.interrupt();
    Histogram late = fleet.takePublishLateness();
    fleet.stopPublishing();
    fleet.awaitSettled(Duration.ofSeconds(5));
    FleetCounts c = fleet.counts();
    System.out.printf("publishes ran late (ms after their scheduled time) over %,d: p50 %d, p90 %d, p99 %d, max %d%n",
        late.getTotalCount(), late.getValueAtPercentile(50), late.getValueAtPercentile(90), late.getValueAtPercentile(99),
        late.getMaxValue());
    System.out.println("counts " + c.sent() + " " + c.acknowledged() + " " + c.refused() + " " + c.failed());
    System.out.flush();
    fleet.close();
    // HiveMQ's threads would keep the process alive.
    System.exit(0);
  }
}
