package io.campo.load;

import io.campo.load.bench.BenchArgumentException;
import io.campo.load.bench.BenchCommand;
import io.campo.load.bench.agentapp.AgentAppBenchmark;
import io.campo.load.bench.cluster.ClusterBenchmark;
import io.campo.load.bench.geofence.GeofenceBenchmark;
import io.campo.load.bench.ingest.IngestBenchmark;
import io.campo.load.bench.live.LiveBenchmark;
import io.campo.load.bench.outreach.CampaignBenchmark;
import io.campo.load.bench.portfolio.ImportBenchmark;
import io.campo.load.bench.reports.ReportsBenchmark;
import io.campo.load.bench.routing.MatrixBenchmark;
import io.campo.load.bench.routing.OptwBenchmark;
import io.campo.load.bench.routing.PlanBenchmark;
import io.campo.load.bench.routing.VrptwBenchmark;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./campo bench NAME ARGS…}: runs one benchmark harness. A new harness implements
 * {@link BenchCommand} and is added to {@link #COMMANDS}.
 */
public final class Bench {

  private static final Map<String, BenchCommand> COMMANDS = new LinkedHashMap<>();

  static {
    register(new IngestBenchmark());
    register(new GeofenceBenchmark());
    register(new VrptwBenchmark());
    register(new OptwBenchmark());
    register(new MatrixBenchmark());
    register(new PlanBenchmark());
    register(new ImportBenchmark());
    register(new LiveBenchmark());
    register(new ReportsBenchmark());
    register(new ClusterBenchmark());
    register(new AgentAppBenchmark());
    register(new CampaignBenchmark());
  }

  private Bench() {}

  private static void register(BenchCommand command) {
    COMMANDS.put(command.name(), command);
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
      usage(System.out);
      System.exit(args.length == 0 ? 2 : 0);
      return;
    }
    BenchCommand command = COMMANDS.get(args[0]);
    if (command == null) {
      System.err.println("campo bench: unknown benchmark '" + args[0] + "'");
      usage(System.err);
      System.exit(2);
      return;
    }
    int status;
    try {
      status = command.run(List.of(Arrays.copyOfRange(args, 1, args.length)));
    } catch (BenchArgumentException e) {
      System.err.println("campo bench " + command.name() + ": " + e.getMessage());
      System.err.println("usage: ./campo bench " + command.name() + " " + command.usage());
      status = 2;
    } catch (Exception e) {
      System.err.println("campo bench " + command.name() + ": failed: " + e.getMessage());
      e.printStackTrace();
      status = 1;
    }
    // HiveMQ's and Vert.x's threads would otherwise keep the JVM alive after a failed run.
    System.exit(status);
  }

  private static void usage(java.io.PrintStream out) {
    out.println("usage: ./campo bench NAME [ARGS...]");
    COMMANDS.values().forEach(c -> out.println("  " + c.name() + " " + c.usage()));
  }
}
