package io.campo.load.bench.routing;

import io.campo.load.bench.BenchArgumentException;
import io.campo.load.bench.BenchCommand;
import io.campo.load.bench.CommandLineFlags;
import io.campo.routing.api.Agent;
import io.campo.routing.api.AgentBreak;
import io.campo.routing.api.AgentRoute;
import io.campo.routing.api.Coordinate;
import io.campo.routing.api.DayPlan;
import io.campo.routing.api.PlanRequest;
import io.campo.routing.api.PlanStatistics;
import io.campo.routing.api.SearchScore;
import io.campo.routing.api.TimeWindow;
import io.campo.routing.api.TravelProfile;
import io.campo.routing.api.UnassignedVisit;
import io.campo.routing.api.Violation;
import io.campo.routing.api.Visit;
import io.campo.routing.matrix.MatrixCalculator;
import io.campo.routing.network.RoadNetwork;
import io.campo.routing.planning.DayPlanner;
import io.campo.routing.planning.PlanOutcome;
import io.campo.routing.planning.RouteChecker;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * {@code ./campo bench plan --osm F --agents A --visits V}: a whole day planned on a road network,
 * matrix included, timed by phase. Agents work 08:00–17:00 with a 45-minute lunch starting
 * 12:00–14:00, start and end at home, at most 40 visits; a fifth of them have the "legal" skill.
 * Visits take 10–20 minutes, a third have one two-hour window and a third two, a tenth need
 * "legal", and are worth 500–50,000. All places are random inside the map. The plan is verified
 * with {@link RouteChecker}.
 */
public final class PlanBenchmark implements BenchCommand {

  private static final Set<String> FLAGS = Set.of("osm", "agents", "visits", "time", "seed", "threads", "cache", "profile", "iterations");
  private static final Instant DAY = Instant.parse("2026-11-23T14:00:00Z");
  private final PrintStream out = System.out;

  @Override
  public String name() {
    return "plan";
  }

  @Override
  public String usage() {
    return "[--osm FILE|demo] --agents 100 --visits 3000 [--time 45s] [--iterations N] [--seed 1] [--threads 2] [--profile car] [--cache .campo/graphs]";
  }

  @Override
  public int run(List<String> args) throws Exception {
    CommandLineFlags flags = CommandLineFlags.parse(args, FLAGS);
    String osm = flags.text("osm").orElse("demo");
    int agentCount = flags.integer("agents", 100, 1, 10_000);
    int visitCount = flags.integer("visits", 3000, 1, 30_000);
    Duration search = flags.duration("time", Duration.ofSeconds(45));
    int seed = flags.integer("seed", 1, 0, Integer.MAX_VALUE);
    int threads = flags.integer("threads", Math.min(2, Runtime.getRuntime().availableProcessors()), 1, 64);
    int iterations = flags.integer("iterations", Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
    TravelProfile profile = TravelProfile.fromName(flags.text("profile").orElse("car"));
    try (RoadNetwork network = BenchNetwork.start(osm, Path.of(flags.text("cache").orElse(".campo/graphs")), profile);
        MatrixCalculator matrices = new MatrixCalculator(network, Runtime.getRuntime().availableProcessors())) {
      Random random = new Random(seed);
      List<Agent> agents = agents(network, random, agentCount, profile);
      List<Visit> visits = visits(network, random, visitCount);
      PlanRequest request = new PlanRequest(LocalDate.of(2026, 11, 23), agents, visits, seed, search, 300, iterations);
      out.printf(Locale.ROOT, "campo bench plan: %d agents, %d visits, search limit %d s, %d solver thread(s)%n", agentCount,
          visitCount, search.toSeconds(), threads);

      long started = System.nanoTime();
      PlanOutcome outcome = new DayPlanner(network, matrices, threads).plan(request);
      double wall = (System.nanoTime() - started) / 1e9;

      DayPlan plan = outcome.plan();
      PlanStatistics stats = outcome.statistics();
      List<Violation> violations = new RouteChecker().check(request, plan, outcome.matrices());
      long totalValue = visits.stream().mapToLong(Visit::value).sum();
      Map<String, Long> valueById = new java.util.HashMap<>();
      visits.forEach(v -> valueById.put(v.id(), v.value()));
      long collected = 0;
      int routed = 0;
      double travelHours = 0;
      for (AgentRoute route : plan.routes()) {
        routed += route.stops().size();
        travelHours += route.travelSeconds() / 3600;
        for (var stop : route.stops()) {
          collected += valueById.get(stop.visitId());
        }
      }
      Map<UnassignedVisit.Reason, Integer> reasons = new EnumMap<>(UnassignedVisit.Reason.class);
      plan.unassigned().forEach(u -> reasons.merge(u.reason(), 1, Integer::sum));
      out.printf(Locale.ROOT, "regions: %d (a day above %d matrix points is planned by region, one matrix each)%n",
          outcome.matrices().get(profile).regionCount(), DayPlanner.MAX_MATRIX_POINTS);
      out.printf(Locale.ROOT, "phases: snapping %.2f s, matrix %.2f s, optimising %.2f s (%d iterations), geometry %.2f s%n",
          secs(stats.snapping()), secs(stats.matrix()), secs(stats.optimising()), stats.iterations(), secs(stats.geometry()));
      out.printf(Locale.ROOT, "routed %d of %d visits (%.1f per agent), value collected %.1f %% of all, travel %.1f h in total;"
          + " unassigned %s%n", routed, visitCount, (double) routed / agentCount, 100.0 * collected / totalValue, travelHours, reasons);
      SearchScore first = stats.firstSolution();
      SearchScore best = stats.bestSolution();
      out.printf(Locale.ROOT, "search gain over its first solution: visits %d -> %d, value left out %.0f -> %.0f (%+.2f %%),"
              + " travel %.1f h -> %.1f h (%+.2f %%)%n", first.routedJobs(), best.routedJobs(), first.unservedValue(),
          best.unservedValue(), change(first.unservedValue(), best.unservedValue()), first.travel() / 3600, best.travel() / 3600,
          change(first.travel(), best.travel()));
      out.printf(Locale.ROOT, "route checker: %s%n", violations.isEmpty() ? "ok" : violations.size() + " violations, first: " + violations.get(0));
      out.printf(Locale.ROOT, "summary: %d agents x %d visits planned in %.1f s (matrix included, network load excluded); %s%n",
          agentCount, visitCount, wall, violations.isEmpty() ? "valid" : "INVALID");
      return violations.isEmpty() ? 0 : 1;
    }
  }

  private static double change(double before, double after) {
    return before == 0 ? 0 : (after - before) / before * 100;
  }

  private static double secs(Duration d) {
    return d.toMillis() / 1000.0;
  }

  private static List<Agent> agents(RoadNetwork network, Random random, int count, TravelProfile profile) {
    List<Agent> agents = new ArrayList<>();
    AgentBreak lunch = new AgentBreak(DAY.plus(Duration.ofHours(4)), DAY.plus(Duration.ofHours(6)), Duration.ofMinutes(45));
    for (int i = 0; i < count; i++) {
      double[] home = BenchNetwork.randomCoordinate(network, random);
      Coordinate place = new Coordinate(home[0], home[1]);
      agents.add(new Agent("agent-" + i, profile, DAY, DAY.plus(Duration.ofHours(9)), place, Optional.of(place), Optional.of(lunch), 40,
          i % 5 == 0 ? Set.of("legal") : Set.of()));
    }
    return agents;
  }

  private static List<Visit> visits(RoadNetwork network, Random random, int count) {
    List<Visit> visits = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double[] c = BenchNetwork.randomCoordinate(network, random);
      List<TimeWindow> windows = new ArrayList<>();
      int kind = random.nextInt(3);
      if (kind == 1) {
        windows.add(window(random.nextInt(7), 2));
      } else if (kind == 2) {
        windows.add(window(random.nextInt(3), 2));
        windows.add(window(5 + random.nextInt(2), 2));
      }
      visits.add(new Visit("visit-" + i, new Coordinate(c[0], c[1]), Duration.ofMinutes(10 + random.nextInt(11)), windows,
          500 + random.nextInt(49_501), i % 10 == 0 ? Set.of("legal") : Set.of(), false));
    }
    return visits;
  }

  private static TimeWindow window(int startHour, int hours) {
    return new TimeWindow(DAY.plus(Duration.ofHours(startHour)), DAY.plus(Duration.ofHours(startHour + hours)));
  }

  /** For running without the dispatcher. */
  public static void main(String[] args) throws Exception {
    try {
      System.exit(new PlanBenchmark().run(List.of(args)));
    } catch (BenchArgumentException e) {
      System.err.println("plan: " + e.getMessage());
      System.exit(2);
    }
  }
}
