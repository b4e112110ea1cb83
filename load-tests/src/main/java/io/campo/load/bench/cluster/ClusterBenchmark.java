package io.campo.load.bench.cluster;

import io.campo.load.bench.BenchCommand;
import io.campo.load.cluster.ClusterLoad;
import io.campo.load.cluster.ClusterProcesses;
import io.campo.load.cluster.NodeProcess;
import io.campo.load.cluster.StoredFixes;
import io.campo.load.fleet.AgentCredentials;
import io.campo.load.fleet.MqttVersion;
import io.campo.load.fleet.Reconnections.Reconnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * {@code ./campo bench cluster}: N {@code serve --cluster} JVMs on one PostgreSQL, all on this machine, with
 * devices spread over them publishing QoS 1 fixes as fast as they are acknowledged. Reports per-node and total
 * throughput, acknowledgement latency, losses (acknowledged fixes not stored exactly once: must be 0) and, when
 * a node is killed mid-run, how long its devices took to reconnect to the survivors. With {@code --compare on}
 * it first runs one standalone node and one clustered node under the same load, which on a machine too small
 * to show scaling still measures what clustering costs a node.
 */
public final class ClusterBenchmark implements BenchCommand {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);

  @Override
  public String name() {
    return "cluster";
  }

  @Override
  public String usage() {
    return ClusterBenchOptions.USAGE;
  }

  @Override
  public int run(List<String> args) throws Exception {
    ClusterBenchOptions options = ClusterBenchOptions.parse(args);
    Path work = Files.createTempDirectory("campo-bench-cluster-");
    System.out.println("campo bench cluster: " + options.nodes() + " nodes, " + options.agents() + " devices x " + options.window()
        + " fixes in flight, " + options.warmup().toSeconds() + " s warm-up + " + options.measured().toSeconds()
        + " s measured per run; nodes' logs in " + work);
    ClusterReport report = new ClusterReport(options);
    int n = options.nodes();
    if (options.compare()) {
      report.add(runOnce(options, work.resolve("standalone-1"), 1, false, false));
      report.add(runOnce(options, work.resolve("clustered-1"), 1, true, false));
      if (n > 1) {
        // Standalone nodes on one database: the same work minus the fan-out of every fix to every other node.
        report.add(runOnce(options, work.resolve("standalone-" + n), n, false, false));
        report.add(runOnce(options, work.resolve("clustered-" + n), n, true, false));
      }
    }
    if (options.kill() || !options.compare()) {
      report.add(runOnce(options, work.resolve("clustered-" + n + "-kill"), n, true, options.kill()));
    }
    if (options.compare()) {
      // Mirrored order for the one-node pair (standalone, clustered ... clustered, standalone): the load generator's
      // own JIT and the machine's other work drift during a run, and would otherwise favour whichever ran later.
      report.add(runOnce(options, work.resolve("clustered-1-again"), 1, true, false));
      report.add(runOnce(options, work.resolve("standalone-1-again"), 1, false, false));
    }
    report.print(System.out);
    return report.losses() == 0 ? 0 : 1;
  }

  private static ClusterRunResult runOnce(ClusterBenchOptions options, Path work, int nodes, boolean clustered, boolean kill)
      throws Exception {
    String label = nodes + (nodes == 1 ? " node, " : " nodes, ") + (clustered ? "clustered" : "standalone") + (kill ? ", one killed" : "");
    System.out.println("-- " + label + ": starting");
    try (ClusterProcesses cluster = ClusterProcesses.start(work, nodes, clustered, false, options.heapMegabytes())) {
      List<AgentCredentials> agents = cluster.createAgents("bench-", options.agents());
      try (ClusterLoad load = ClusterLoad.start(agents, cluster.mqttEndpoints(), MqttVersion.V5, Duration.ZERO, options.window(),
          CONNECT_TIMEOUT)) {
        Thread.sleep(options.warmup().toMillis());
        load.latenciesSinceLastCall();
        long startNanos = System.nanoTime();
        long acknowledgedAtStart = load.acknowledged();
        long walAtStart = DatabaseFootprint.walPosition(cluster.database().dataSource());
        Map<Integer, Long> byPortAtStart = load.acknowledgedByPort();
        NodeProcess victim = kill ? cluster.node(1) : null;
        long killedAtNanos = Long.MAX_VALUE;
        long restartedAtNanos = 0;
        if (victim != null) {
          sleepUntil(startNanos + options.measured().toNanos() / 3);
          killedAtNanos = System.nanoTime();
          victim.kill();
          System.out.println("-- killed " + victim.name() + " (pid " + victim.pid() + ")");
          sleepUntil(startNanos + options.measured().toNanos() * 2 / 3);
          restartedAtNanos = System.nanoTime();
          victim.start();
          System.out.println("-- restarting " + victim.name());
        }
        sleepUntil(startNanos + options.measured().toNanos());
        long endNanos = System.nanoTime();
        long acknowledged = load.acknowledged() - acknowledgedAtStart;
        Map<Integer, Long> byPortAtEnd = load.acknowledgedByPort();
        Histogram latencies = load.latenciesSinceLastCall();
        long walBytes = DatabaseFootprint.walPosition(cluster.database().dataSource()) - walAtStart;
        load.stopAndSettle(SETTLE_TIMEOUT);
        double rejoinSeconds = -1;
        if (victim != null) {
          victim.awaitReady(ClusterProcesses.START_TIMEOUT);
          rejoinSeconds = (System.nanoTime() - restartedAtNanos) / 1e9;
        }
        Map<String, Long> byNode = new LinkedHashMap<>();
        for (NodeProcess n : cluster.nodes()) {
          byNode.put(n.name(), byPortAtEnd.getOrDefault(n.mqttPort(), 0L) - byPortAtStart.getOrDefault(n.mqttPort(), 0L));
        }
        int victimPort = victim == null ? -1 : victim.mqttPort();
        long since = killedAtNanos;
        List<Reconnection> reconnections = victim == null ? List.of()
            : load.reconnections().since(since).stream().filter(r -> r.lostPort() == victimPort).toList();
        StoredFixes stored = StoredFixes.check(cluster.database().dataSource(), "bench-", load.acknowledgedSeqs());
        ClusterRunResult result = new ClusterRunResult(label, nodes, clustered, kill, Duration.ofNanos(endNanos - startNanos), acknowledged, byNode, latencies,
            load.failed(), load.pending(), stored, reconnections, walBytes,
            DatabaseFootprint.telemetryBytes(cluster.database().dataSource()), rejoinSeconds);
        System.out.printf("-- %s: %,.0f fixes/s, %s%n", label, result.fixesPerSecond(), stored);
        return result;
      }
    }
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long left;
    while ((left = nanos - System.nanoTime()) > 0) {
      Thread.sleep(Math.max(1, left / 1_000_000));
    }
  }
}
