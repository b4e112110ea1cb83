package io.campo.load.bench.cluster;

import io.campo.load.fleet.Reconnections.Reconnection;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import org.HdrHistogram.Histogram;

/** Prints the runs of one {@code ./campo bench cluster} as a table, then the comparison and the reconnections. */
final class ClusterReport {

  private final ClusterBenchOptions options;
  private final List<ClusterRunResult> runs = new ArrayList<>();

  ClusterReport(ClusterBenchOptions options) {
    this.options = options;
  }

  void add(ClusterRunResult run) {
    runs.add(run);
  }

  private List<ClusterRunResult> find(int nodes, boolean clustered) {
    return runs.stream().filter(r -> r.nodes() == nodes && r.clustered() == clustered && !r.killed()).toList();
  }

  long losses() {
    return runs.stream().mapToLong(ClusterRunResult::losses).sum();
  }

  void print(PrintStream out) {
    out.println();
    out.printf("Campo cluster benchmark: %d devices (MQTT 5, QoS 1, %d in flight each), %d s measured after %d s warm-up,"
            + " every node a JVM with -Xmx%dm on this machine (%d cores) with the devices and PostgreSQL%n",
        options.agents(), options.window(), options.measured().toSeconds(), options.warmup().toSeconds(), options.heapMegabytes(),
        Runtime.getRuntime().availableProcessors());
    out.println();
    out.printf("%-32s %12s  %-40s %9s %9s %9s %7s%n", "run", "fixes/s", "per node (fixes/s)", "p50 ms", "p99 ms", "max ms", "losses");
    for (ClusterRunResult r : runs) {
      StringBuilder perNode = new StringBuilder();
      double seconds = r.measured().toMillis() / 1000.0;
      r.acknowledgedByNode().forEach((node, n) -> perNode.append(perNode.isEmpty() ? "" : " ").append(node.replace("node-", "n"))
          .append('=').append(String.format("%,.0f", n / seconds)));
      Histogram h = r.latencyMicros();
      out.printf("%-32s %,12.0f  %-40s %9.1f %9.1f %9.1f %7d%n", r.label(), r.fixesPerSecond(), perNode,
          h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, r.losses());
    }
    out.println();
    for (ClusterRunResult r : runs) {
      out.printf("%-32s stored check: %s; publishes given up %d, unanswered %d%n", r.label(), r.stored(), r.failed(), r.unanswered());
    }
    out.println();
    for (ClusterRunResult r : runs) {
      out.printf("%-32s PostgreSQL: %,.0f bytes of WAL per acknowledged fix (%.1f MB/s), %,.0f bytes on disk per stored fix"
              + " (table + indexes)%n", r.label(), (double) r.walBytes() / Math.max(1, r.acknowledged()),
          r.walBytes() / 1e6 / (r.measured().toMillis() / 1000.0), (double) r.telemetryBytes() / Math.max(1, r.stored().stored()));
    }
    boolean comparedAny = false;
    for (int nodes : runs.stream().mapToInt(ClusterRunResult::nodes).distinct().toArray()) {
      List<ClusterRunResult> standalone = find(nodes, false);
      List<ClusterRunResult> clustered = find(nodes, true);
      if (standalone.isEmpty() || clustered.isEmpty()) {
        continue;
      }
      if (!comparedAny) {
        out.println();
        comparedAny = true;
      }
      double a = standalone.stream().mapToDouble(ClusterRunResult::fixesPerSecond).average().orElseThrow();
      double b = clustered.stream().mapToDouble(ClusterRunResult::fixesPerSecond).average().orElseThrow();
      out.printf("cost of clustering, %d node%s: %,.0f fixes/s clustered against %,.0f standalone on the same database (%+.1f %%)%s%n",
          nodes, nodes == 1 ? "" : "s", b, a, 100.0 * (b - a) / a,
          standalone.size() > 1 ? ", means of " + standalone.size() + " runs each, in mirrored order" : "");
    }
    for (ClusterRunResult r : runs) {
      if (r.reconnections().isEmpty()) {
        continue;
      }
      LongSummaryStatistics s = r.reconnections().stream().mapToLong(Reconnection::millis).summaryStatistics();
      long[] sorted = r.reconnections().stream().mapToLong(Reconnection::millis).sorted().toArray();
      out.println();
      out.printf("%s: %d devices of the killed node reconnected to survivors: median %d ms, max %d ms; the node was ready again %.1f s"
              + " after its restart%n", r.label(), s.getCount(), sorted[sorted.length / 2], s.getMax(), r.rejoinSeconds());
    }
    out.println();
    out.println(losses() == 0 ? "losses: 0 (every acknowledged fix stored exactly once, every publish answered)"
        : "LOSSES: " + losses() + " (see the stored checks above)");
  }
}
