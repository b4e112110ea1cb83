package io.campo.load.bench.routing;

import io.campo.load.bench.BenchArgumentException;
import io.campo.load.bench.BenchCommand;
import io.campo.load.bench.DurationText;
import io.campo.routing.planning.vrp.JspritVrpSolver;
import io.campo.routing.planning.vrp.SolverSettings;
import io.campo.routing.planning.vrp.VrpProblem;
import io.campo.routing.planning.vrp.VrpSolution;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ./campo bench optw FILES…}: one route, more customers than time, maximise the prize
 * collected — the shape of an agent's day — on Vansteenwegen's TOPTW instances with one route.
 * Prints per instance the prize, the proven optimum from {@code optimal_one_route.csv} beside the
 * first file, the share of it reached, customers visited and time; every route is checked.
 */
public final class OptwBenchmark implements BenchCommand {

  private static final Set<String> FLAGS = Set.of("time", "seed", "optima");
  private final PrintStream out = System.out;

  @Override
  public String name() {
    return "optw";
  }

  @Override
  public String usage() {
    return "FILES... [--time 10s] [--seed 1] [--optima optimal_one_route.csv]   orienteering with time windows, one route";
  }

  @Override
  public int run(List<String> args) throws Exception {
    BenchArguments arguments = BenchArguments.parse(args, FLAGS);
    Duration limit = arguments.flags().duration("time", Duration.ofSeconds(10));
    long seed = arguments.flags().integer("seed", 1, 0, Integer.MAX_VALUE);
    Optional<BestKnownValues> optima = arguments.flags().text("optima").isPresent()
        ? Optional.of(BestKnownValues.read(Path.of(arguments.flags().text("optima").get())))
        : BestKnownValues.besides(arguments.files().get(0), "optimal_one_route.csv");
    out.printf(Locale.ROOT, "campo bench optw: %d instances, %s per instance, seed %d%n", arguments.files().size(),
        DurationText.format(limit), seed);
    out.printf(Locale.ROOT, "%-8s %7s %7s %8s %9s %7s %6s %s%n", "instance", "prize", "optimum", "share", "visited", "time", "iter", "check");

    JspritVrpSolver solver = new JspritVrpSolver();
    List<Double> shares = new ArrayList<>();
    int infeasible = 0;
    for (Path file : arguments.files()) {
      TopTwInstance instance = TopTwInstance.read(file);
      VrpProblem problem = instance.problem();
      long started = System.nanoTime();
      VrpSolution solution = solver.solve(problem, SolverSettings.timeLimited(seed, limit));
      double elapsed = (System.nanoTime() - started) / 1e9;
      SolvedRoutes routes = new SolvedRoutes(problem, solution);
      List<String> violations = routes.violations();
      if (!violations.isEmpty()) {
        infeasible++;
      }
      long prize = routes.value();
      Optional<Double> optimum = optima.flatMap(t -> t.number(instance.name(), "optimal_prize_one_route"));
      Optional<Double> optimalVisits = optima.flatMap(t -> t.number(instance.name(), "customers_visited"));
      optimum.ifPresent(o -> shares.add(prize / o * 100));
      out.printf(Locale.ROOT, "%-8s %7d %7s %8s %4d (%3s) %6.2fs %6d %s%n", instance.name(), prize,
          optimum.map(o -> String.valueOf(o.intValue())).orElse("-"),
          optimum.map(o -> String.format(Locale.ROOT, "%.1f%%", prize / o * 100)).orElse("-"), routes.served(),
          optimalVisits.map(v -> String.valueOf(v.intValue())).orElse("-"), elapsed, solution.iterations(),
          violations.isEmpty() ? "ok" : String.join("; ", violations));
    }
    out.println();
    out.printf(Locale.ROOT, "summary: %d instances, mean share of the optimum %s, lowest %s; %d infeasible%n",
        arguments.files().size(),
        shares.isEmpty() ? "-" : String.format(Locale.ROOT, "%.2f %%", shares.stream().mapToDouble(d -> d).average().orElse(0)),
        shares.isEmpty() ? "-" : String.format(Locale.ROOT, "%.2f %%", shares.stream().mapToDouble(d -> d).min().orElse(0)),
        infeasible);
    return infeasible == 0 ? 0 : 1;
  }

  /** For running without the dispatcher: {@code java … OptwBenchmark FILES…}. */
  public static void main(String[] args) throws Exception {
    try {
      System.exit(new OptwBenchmark().run(List.of(args)));
    } catch (BenchArgumentException e) {
      System.err.println("optw: " + e.getMessage());
      System.exit(2);
    }
  }
}
