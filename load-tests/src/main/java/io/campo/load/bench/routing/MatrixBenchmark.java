package io.campo.load.bench.routing;

import com.graphhopper.GHRequest;
import com.graphhopper.GHResponse;
import io.campo.load.bench.BenchArgumentException;
import io.campo.load.bench.BenchCommand;
import io.campo.load.bench.CommandLineFlags;
import io.campo.routing.api.SnapOutcome;
import io.campo.routing.api.SnappedPoint;
import io.campo.routing.api.TravelMatrix;
import io.campo.routing.api.TravelProfile;
import io.campo.routing.api.Waypoint;
import io.campo.routing.matrix.MatrixCalculator;
import io.campo.routing.network.RoadNetwork;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * {@code ./campo bench matrix --osm F --points N}: time of an N x N travel-time matrix (first run,
 * which flattens the hierarchy, then warm runs), and a sampled check that entries equal plain
 * GraphHopper route queries between the same points (within 1 s and 1 m).
 */
public final class MatrixBenchmark implements BenchCommand {

  private static final Set<String> FLAGS = Set.of("osm", "points", "profile", "runs", "check", "threads", "cache", "seed");
  private final PrintStream out = System.out;

  @Override
  public String name() {
    return "matrix";
  }

  @Override
  public String usage() {
    return "--osm FILE|demo --points N [--profile car] [--runs 5] [--check 200] [--threads 2] [--cache .campo/graphs]";
  }

  @Override
  public int run(List<String> args) throws Exception {
    CommandLineFlags flags = CommandLineFlags.parse(args, FLAGS);
    String osm = flags.text("osm").orElseThrow(() -> new BenchArgumentException("--osm is required"));
    int n = flags.integer("points", 1000, 2, MatrixCalculator.MAX_POINTS);
    TravelProfile profile = TravelProfile.fromName(flags.text("profile").orElse("car"));
    int runs = flags.integer("runs", 5, 1, 100);
    int checks = flags.integer("check", 200, 0, 100_000);
    int threads = flags.integer("threads", Runtime.getRuntime().availableProcessors(), 1, 64);
    Random random = new Random(flags.integer("seed", 1, 0, Integer.MAX_VALUE));
    try (RoadNetwork network = BenchNetwork.start(osm, Path.of(flags.text("cache").orElse(".campo/graphs")), profile);
        MatrixCalculator calculator = new MatrixCalculator(network, threads)) {
      List<SnappedPoint> points = new ArrayList<>();
      int tries = 0;
      while (points.size() < n && tries++ < 20 * n) {
        double[] c = BenchNetwork.randomCoordinate(network, random);
        SnapOutcome outcome = network.snap(List.of(new Waypoint("point " + points.size(), c[0], c[1])), profile, 300).get(0);
        if (outcome instanceof SnappedPoint point) {
          points.add(point);
        }
      }
      long[] nanos = new long[runs];
      TravelMatrix matrix = null;
      for (int r = 0; r < runs; r++) {
        long started = System.nanoTime();
        matrix = calculator.calculate(points, profile);
        nanos[r] = System.nanoTime() - started;
      }
      long[] sorted = nanos.clone();
      Arrays.sort(sorted);
      out.printf(Locale.ROOT, "matrix %dx%d %s, %d threads: first %d ms, median %d ms, best %d ms (%d runs)%n", points.size(),
          points.size(), profile.profileName(), threads, nanos[0] / 1_000_000, sorted[runs / 2] / 1_000_000, sorted[0] / 1_000_000, runs);

      int checked = 0;
      int mismatches = 0;
      int unreachable = 0;
      double worstSeconds = 0;
      double worstMeters = 0;
      for (int k = 0; k < checks; k++) {
        int from = random.nextInt(points.size());
        int to = random.nextInt(points.size());
        Waypoint a = points.get(from).waypoint();
        Waypoint b = points.get(to).waypoint();
        GHResponse route = network.graphHopper().route(
            new GHRequest(a.latitude(), a.longitude(), b.latitude(), b.longitude()).setProfile(profile.profileName()));
        if (route.hasErrors()) {
          unreachable++;
          if (matrix.isReachable(from, to)) {
            mismatches++;
          }
          continue;
        }
        checked++;
        double ds = Math.abs(route.getBest().getTime() / 1000.0 - matrix.seconds(from, to));
        double dm = Math.abs(route.getBest().getDistance() - matrix.meters(from, to));
        worstSeconds = Math.max(worstSeconds, ds);
        worstMeters = Math.max(worstMeters, dm);
        if (ds > 1.0 || dm > 1.0) {
          mismatches++;
        }
      }
      out.printf(Locale.ROOT, "check: %d sampled pairs against route queries (%d without a route): %d mismatches;"
          + " worst difference %.3f s, %.3f m%n", checked, unreachable, mismatches, worstSeconds, worstMeters);
      out.printf(Locale.ROOT, "summary: %dx%d in %d ms (median of %d), %d/%d sampled entries match route queries%n", points.size(),
          points.size(), sorted[runs / 2] / 1_000_000, runs, checked + unreachable - mismatches, checked + unreachable);
      return mismatches == 0 ? 0 : 1;
    }
  }

  /** For running without the dispatcher. */
  public static void main(String[] args) throws Exception {
    try {
      System.exit(new MatrixBenchmark().run(List.of(args)));
    } catch (BenchArgumentException e) {
      System.err.println("matrix: " + e.getMessage());
      System.exit(2);
    }
  }
}
