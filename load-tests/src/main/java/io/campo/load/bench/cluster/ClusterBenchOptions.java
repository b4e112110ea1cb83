package io.campo.load.bench.cluster;

import io.campo.load.bench.BenchArgumentException;
import io.campo.load.bench.CommandLineFlags;
import io.campo.load.bench.DurationText;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code ./campo bench cluster} arguments.
 *
 * @param nodes nodes of the cluster run
 * @param agents devices, spread evenly over the nodes
 * @param measured how long each run is measured, after its warm-up
 * @param warmup load before measuring (JIT, pools, PostgreSQL caches)
 * @param window QoS 1 fixes each device keeps in flight: the load is closed-loop, as fast as the nodes acknowledge
 * @param kill whether the cluster run kills one node (SIGKILL) a third of the way in and restarts it at two thirds
 * @param compare whether to also run one standalone node against one clustered node, and N standalone nodes on one
 *     database against N clustered nodes, same load, for the cost of clustering
 * @param heapMegabytes -Xmx of each node
 */
record ClusterBenchOptions(int nodes, int agents, Duration measured, Duration warmup, int window, boolean kill, boolean compare,
    int heapMegabytes) {

  static final Set<String> FLAGS = Set.of("nodes", "agents", "seconds", "warmup", "window", "kill", "compare", "heap-mb");
  static final String USAGE = "[--nodes 3] [--agents 300] [--seconds 30] [--warmup 10s] [--window 4] [--kill on|off]"
      + " [--compare on|off] [--heap-mb 512]";

  static ClusterBenchOptions parse(List<String> args) {
    CommandLineFlags flags = CommandLineFlags.parse(args, FLAGS);
    int nodes = flags.integer("nodes", 3, 1, 9);
    boolean kill = onOff(flags, "kill", true);
    if (kill && nodes < 2) {
      throw new BenchArgumentException("--kill on needs at least 2 nodes (the devices fail over to a survivor)");
    }
    return new ClusterBenchOptions(nodes,
        flags.integer("agents", 300, nodes, 20_000),
        Duration.ofSeconds(flags.integer("seconds", 30, 6, 3_600)),
        flags.text("warmup").map(t -> DurationText.parseAllowingZero("--warmup", t)).orElse(Duration.ofSeconds(10)),
        flags.integer("window", 4, 1, 100),
        kill,
        onOff(flags, "compare", true),
        flags.integer("heap-mb", 512, 128, 8_192));
  }

  private static boolean onOff(CommandLineFlags flags, String name, boolean fallback) {
    String v = flags.text(name).orElse(fallback ? "on" : "off");
    return switch (v) {
      case "on" -> true;
      case "off" -> false;
      default -> throw new BenchArgumentException("--" + name + " is on or off, got '" + v + "'");
    };
  }
}
