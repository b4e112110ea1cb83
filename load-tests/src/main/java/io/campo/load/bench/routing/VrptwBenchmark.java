package io.campo.load.bench.routing;

import io.campo.load.bench.BenchArgumentException;
import io.campo.load.bench.BenchCommand;
import io.campo.load.bench.DurationText;
import io.campo.routing.planning.vrp.EuclideanMatrix;
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
 * {@code ./campo bench vrptw FILES…}: the day planner's solver core on Solomon's VRPTW instances,
 * every customer mandatory, total distance minimised with a free fleet (up to the instance's
 * vehicles), arcs truncated to one decimal as in the DIMACS best-known values. Per instance it
 * prints vehicles, distance, the gap to the distance-only best-known value, the same routes
 * measured on exact arcs against the hierarchical best-known (fewest vehicles first), and the
 * time. Every solution is checked for windows, capacity and completeness by {@link SolvedRoutes}.
 *
 * <p>{@code --shape long} stretches each instance into an agent's day ({@link SolomonInstance#stretched}):
 * no published values exist for those, so gaps are taken to {@link #LONG_REFERENCE}, the best distance any of our
 * own longer runs found (its rows say which); {@code --bks} names another table ({@code instance,distance_only_dimacs},
 * instances named {@code R101-long}). {@code --shape lunch} is the long shape with a lunch break for every vehicle
 * ({@link SolomonInstance#lunch}), as real agents' days have; its gaps are to the same table, a floor (a day with lunch
 * is never shorter than the same day without).
 *
 * <p>Best-known values are read from {@code bks.csv} beside the first instance file.
 */
public final class VrptwBenchmark implements BenchCommand {

  /** Our own reference distances for {@code --shape long}: see the file's header and docs/benchmarks.md. */
  static final String LONG_REFERENCE = "vrptw/long-reference.csv";

  private static final Set<String> FLAGS = Set.of("time", "seed", "threads", "bks", "iterations", "work", "shape");
  private static final Set<String> SHAPES = Set.of("solomon", "long", "lunch");
  private final PrintStream out = System.out;

  @Override
  public String name() {
    return "vrptw";
  }

  @Override
  public String usage() {
    return "FILES... [--time 9500ms] [--iterations N] [--work MILLIONS] [--seed 1] [--threads 2] [--shape solomon|long|lunch] [--bks bks.csv]"
        + "   Solomon VRPTW instances; --shape long: times x6, windows wider, capacity 1000 (long routes, wide windows);"
        + " --shape lunch: long, every vehicle with a lunch break";
  }

  @Override
  public int run(List<String> args) throws Exception {
    BenchArguments arguments = BenchArguments.parse(args, FLAGS);
    Duration limit = arguments.flags().duration("time", Duration.ofMillis(9_500));
    long seed = arguments.flags().integer("seed", 1, 0, Integer.MAX_VALUE);
    int threads = arguments.flags().integer("threads", Math.min(2, Runtime.getRuntime().availableProcessors()), 1, 64);
    int iterations = arguments.flags().integer("iterations", Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
    // millions of travel-matrix reads per thread (shared by its rounds of searches): a budget that is reproducible by seed, unlike time (SolverSettings)
    int work = arguments.flags().integer("work", 0, 0, 1_000_000);
    String shape = arguments.flags().text("shape").orElse("solomon");
    if (!SHAPES.contains(shape)) {
      throw new BenchArgumentException("--shape must be solomon, long or lunch, was " + shape);
    }
    Optional<BestKnownValues> bks;
    if (arguments.flags().text("bks").isPresent()) {
      bks = Optional.of(BestKnownValues.read(Path.of(arguments.flags().text("bks").get())));
    } else if (!shape.equals("solomon")) {
      // a day with lunch cannot be shorter than the same day without: the long table is a floor for the lunch shape too
      bks = Optional.of(BestKnownValues.resource(LONG_REFERENCE));
    } else {
      bks = BestKnownValues.besides(arguments.files().get(0), "bks.csv");
    }
    if (bks.isEmpty()) {
      out.println("(no bks.csv found beside the instances: gaps are not shown)");
    }
    out.printf(Locale.ROOT, "campo bench vrptw: %d instances, %s per instance%s%s, seed %d, %d thread(s)%n",
        arguments.files().size(), DurationText.format(limit),
        iterations == Integer.MAX_VALUE ? "" : String.format(Locale.ROOT, ", at most %d iterations", iterations),
        work == 0 ? "" : String.format(Locale.ROOT, ", at most %d M matrix reads per thread", work), seed, threads);
    out.printf(Locale.ROOT, "%-8s %4s %10s %10s %8s | %4s %4s %10s %10s %8s | %7s %6s %s%n",
        "instance", "veh", "dist(1dp)", "bks-dimacs", "gap", "veh", "bks", "dist", "bks", "gap", "time", "iter", "check");

    JspritVrpSolver solver = new JspritVrpSolver();
    warmUp(solver, arguments.files().get(0), shape, seed, limit, iterations, threads);
    List<Double> gaps = new ArrayList<>();
    List<Double> hierarchicalGaps = new ArrayList<>();
    List<Double> seconds = new ArrayList<>();
    int infeasible = 0;
    int moreVehicles = 0;
    for (Path file : arguments.files()) {
      SolomonInstance instance = instance(file, shape);
      VrpProblem problem = problem(instance, shape);
      long started = System.nanoTime();
      SolverSettings settings = new SolverSettings(seed, limit, iterations, threads);
      VrpSolution solution = solver.solve(problem, work > 0 ? settings.withMaxWork(work * 1_000_000L) : settings);
      double elapsed = (System.nanoTime() - started) / 1e9;
      SolvedRoutes routes = new SolvedRoutes(problem, solution);
      List<String> violations = new ArrayList<>(routes.violations());
      if (!solution.unassignedIds().isEmpty()) {
        violations.add(solution.unassignedIds().size() + " customers unserved");
      }
      double truncated = routes.distance(new EuclideanMatrix(instance.x(), instance.y(), 1));
      double exact = routes.distance(new EuclideanMatrix(instance.x(), instance.y(), -1));
      Optional<Double> dimacs = bks.flatMap(t -> t.number(instance.name(), "distance_only_dimacs"));
      Optional<Double> bksVehicles = bks.flatMap(t -> t.number(instance.name(), "vehicles"));
      Optional<Double> bksDistance = bks.flatMap(t -> t.number(instance.name(), "distance"));
      String gap = dimacs.map(b -> percent(truncated, b)).orElse("-");
      dimacs.ifPresent(b -> gaps.add((truncated - b) / b * 100));
      String hierarchicalGap = bksDistance.map(b -> percent(exact, b)).orElse("-");
      bksDistance.ifPresent(b -> hierarchicalGaps.add((exact - b) / b * 100));
      if (bksVehicles.isPresent() && routes.routes() > bksVehicles.get()) {
        moreVehicles++;
      }
      seconds.add(elapsed);
      if (!violations.isEmpty()) {
        infeasible++;
      }
      out.printf(Locale.ROOT, "%-8s %4d %10.1f %10s %8s | %4d %4s %10.2f %10s %8s | %6.2fs %6d %s%n",
          instance.name(), routes.routes(), truncated, dimacs.map(v -> String.format(Locale.ROOT, "%.1f", v)).orElse("-"), gap,
          routes.routes(), bksVehicles.map(v -> String.valueOf(v.intValue())).orElse("-"), exact,
          bksDistance.map(v -> String.format(Locale.ROOT, "%.2f", v)).orElse("-"), hierarchicalGap, elapsed,
          solution.iterations(), violations.isEmpty() ? "ok" : String.join("; ", violations));
    }
    out.println();
    out.printf(Locale.ROOT, "summary: %d instances, mean gap to distance-only BKS %s, max %s;"
            + " hierarchical: %d/%d use more vehicles than the BKS, mean distance gap %s;"
            + " time mean %.2f s, max %.2f s; %d infeasible%n",
        arguments.files().size(), meanText(gaps), maxText(gaps), moreVehicles, arguments.files().size(),
        meanText(hierarchicalGaps), seconds.stream().mapToDouble(d -> d).average().orElse(0),
        seconds.stream().mapToDouble(d -> d).max().orElse(0), infeasible);
    return infeasible == 0 ? 0 : 1;
  }

  static String percent(double value, double reference) {
    return String.format(Locale.ROOT, "%+.2f%%", (value - reference) / reference * 100);
  }

  static String meanText(List<Double> values) {
    return values.isEmpty() ? "-" : String.format(Locale.ROOT, "%+.2f %%", values.stream().mapToDouble(d -> d).average().orElse(0));
  }

  static String maxText(List<Double> values) {
    return values.isEmpty() ? "-" : String.format(Locale.ROOT, "%+.2f %%", values.stream().mapToDouble(d -> d).max().orElse(0));
  }

  /** For running without the dispatcher: {@code java … VrptwBenchmark FILES…}. */
  /**
   * Solves the first instance once, untimed, so that the timed searches run compiled code: cold, the first instance's
   * search ran a third of its iterations and was cut by the 10-second limit (RC103: 3,044 iterations and +4.2 % first,
   * 11,488 and +1.05 % later in the same run), so its figure depended on where it stood in the list.
   */
  private void warmUp(JspritVrpSolver solver, Path file, String shape, long seed, Duration limit, int iterations, int threads)
      throws java.io.IOException {
    SolomonInstance instance = instance(file, shape);
    Duration warmUp = limit.compareTo(WARM_UP) < 0 ? limit : WARM_UP;
    long started = System.nanoTime();
    solver.solve(problem(instance, shape), new SolverSettings(seed, warmUp, iterations, threads));
    out.printf(Locale.ROOT, "(warm-up: %s solved once untimed, %.1f s)%n", instance.name(), (System.nanoTime() - started) / 1e9);
  }

  private static SolomonInstance instance(Path file, String shape) throws java.io.IOException {
    SolomonInstance instance = SolomonInstance.read(file);
    return shape.equals("solomon") ? instance : instance.stretched(6, 1000);
  }

  private static VrpProblem problem(SolomonInstance instance, String shape) {
    return instance.problem(1, shape.equals("lunch") ? Optional.of(instance.lunch()) : Optional.empty());
  }

  /** Long enough for the JIT to compile the search's hot loops on the 2-core machines. */
  private static final Duration WARM_UP = Duration.ofSeconds(3);

  public static void main(String[] args) throws Exception {
    try {
      System.exit(new VrptwBenchmark().run(List.of(args)));
    } catch (BenchArgumentException e) {
      System.err.println("vrptw: " + e.getMessage());
      System.exit(2);
    }
  }
}
