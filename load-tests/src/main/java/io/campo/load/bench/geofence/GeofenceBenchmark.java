package io.campo.load.bench.geofence;

import io.campo.load.bench.BenchCommand;
import io.campo.load.bench.CommandLineFlags;
import io.campo.tracking.geofence.CircleGeofence;
import io.campo.tracking.geofence.Geofence;
import io.campo.tracking.geofence.GeofenceIndex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * {@code ./campo bench geofence}: point checks per second against a million geofences with
 * {@link GeofenceIndex}, and, in the same run, with JTS's STRtree over the same circles as the
 * baseline. Two query patterns: {@code random} points over the whole area (every query a cache
 * miss: the worst case) and {@code tracks}, points along agents' walks a few metres apart (what
 * checking telemetry looks like).
 */
public final class GeofenceBenchmark implements BenchCommand {

  private static final double CENTER_LAT = 19.4326;
  private static final double CENTER_LON = -99.1332;
  private static final int QUERY_POINTS = 1 << 20;

  @Override
  public String name() {
    return "geofence";
  }

  @Override
  public String usage() {
    return "[--geofences 1000000] [--area-km 100] [--radius 75] [--accuracy 10] [--threads N] [--duration 10s]";
  }

  @Override
  public int run(List<String> args) throws Exception {
    CommandLineFlags flags = CommandLineFlags.parse(args,
        Set.of("geofences", "area-km", "radius", "accuracy", "threads", "duration"));
    int count = flags.integer("geofences", 1_000_000, 1, 20_000_000);
    int areaKm = flags.integer("area-km", 100, 1, 2000);
    int radius = flags.integer("radius", 75, 1, 5000);
    int accuracy = flags.integer("accuracy", 10, 0, 1000);
    int threads = flags.integer("threads", Runtime.getRuntime().availableProcessors(), 1, 256);
    Duration duration = flags.duration("duration", Duration.ofSeconds(10));

    double spanLat = areaKm * 1000 / 110_574.0;
    double spanLon = areaKm * 1000 / (111_320.0 * Math.cos(Math.toRadians(CENTER_LAT)));
    double lat0 = CENTER_LAT - spanLat / 2;
    double lon0 = CENTER_LON - spanLon / 2;
    Random random = new Random(7);
    List<Geofence> fences = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      fences.add(new CircleGeofence(i, lat0 + random.nextDouble() * spanLat, lon0 + random.nextDouble() * spanLon, radius));
    }
    double[][] randomPoints = randomPoints(random, lat0, lon0, spanLat, spanLon);
    double[][] trackPoints = trackPoints(random, lat0, lon0, spanLat, spanLon);

    System.out.printf("geofence benchmark: %,d circles of %d m over %d x %d km (%.0f per km²), accuracy allowance %d m, %d cores%n",
        count, radius, areaKm, areaKm, count / (double) (areaKm * areaKm), accuracy, Runtime.getRuntime().availableProcessors());
    long t0 = System.nanoTime();
    GeofenceIndex index = GeofenceIndex.build(fences);
    System.out.printf("GeofenceIndex built in %.2f s%n", (System.nanoTime() - t0) / 1e9);

    Checker campo = (lat, lon) -> index.countContaining(lat, lon, accuracy);
    long s0 = System.nanoTime();
    STRtree tree = new STRtree();
    for (Geofence g : fences) {
      tree.insert(g.envelope(), g);
    }
    tree.build();
    System.out.printf("STRtree built in %.2f s%n%n", (System.nanoTime() - s0) / 1e9);
    Checker strtree = (lat, lon) -> {
      double dLat = accuracy / 110_574.0;
      double dLon = accuracy / (111_320.0 * Math.cos(Math.toRadians(lat)));
      int[] hits = {0};
      tree.query(new Envelope(lon - dLon, lon + dLon, lat - dLat, lat + dLat), item -> {
        if (((Geofence) item).distanceMeters(lat, lon) <= accuracy) {
          hits[0]++;
        }
      });
      return hits[0];
    };

    System.out.println("| structure | queries | threads | M checks/s total | M checks/s per thread | avg hits |");
    System.out.println("|---|---|---:|---:|---:|---:|");
    Result campoRandom1 = measure("GeofenceIndex", "random", campo, randomPoints, 1, duration);
    Result treeRandom1 = measure("JTS STRtree", "random", strtree, randomPoints, 1, duration);
    Result campoTracks1 = measure("GeofenceIndex", "tracks", campo, trackPoints, 1, duration);
    Result treeTracks1 = measure("JTS STRtree", "tracks", strtree, trackPoints, 1, duration);
    if (threads > 1) {
      measure("GeofenceIndex", "random", campo, randomPoints, threads, duration);
      measure("GeofenceIndex", "tracks", campo, trackPoints, threads, duration);
    }
    System.out.printf("%nGeofenceIndex / STRtree, one thread: random %.1fx, tracks %.1fx%n",
        campoRandom1.perThread() / treeRandom1.perThread(), campoTracks1.perThread() / treeTracks1.perThread());
    if (Math.abs(campoRandom1.hitsPerQuery() - treeRandom1.hitsPerQuery()) > 0.05
        || Math.abs(campoTracks1.hitsPerQuery() - treeTracks1.hitsPerQuery()) > 0.05) {
      System.out.println("warning: the two structures found different numbers of geofences per query");
      return 1;
    }
    return 0;
  }

  @FunctionalInterface
  private interface Checker {
    int hits(double lat, double lon);
  }

  private record Result(double perThread, double hitsPerQuery) {}

  private static Result measure(String structure, String pattern, Checker checker, double[][] points, int threads, Duration duration)
      throws InterruptedException {
    AtomicLong queries = new AtomicLong();
    AtomicLong hits = new AtomicLong();
    long warmupEnd = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    long end = warmupEnd + duration.toNanos();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int offset = t * (QUERY_POINTS / threads);
      Thread worker = new Thread(() -> {
        long q = 0;
        long h = 0;
        int i = offset;
        boolean counting = false;
        while (true) {
          for (int k = 0; k < 10_000; k++) {
            int j = i++ & (QUERY_POINTS - 1);
            int found = checker.hits(points[0][j], points[1][j]);
            if (counting) {
              q++;
              h += found;
            }
          }
          long now = System.nanoTime();
          if (now >= end) {
            break;
          }
          counting = now >= warmupEnd;
        }
        queries.addAndGet(q);
        hits.addAndGet(h);
      });
      workers.add(worker);
      worker.start();
    }
    for (Thread w : workers) {
      w.join();
    }
    double total = queries.get() / (duration.toNanos() / 1e9) / 1e6;
    double hitsPerQuery = hits.get() / (double) Math.max(1, queries.get());
    System.out.printf("| %s | %s | %d | %.2f | %.2f | %.2f |%n", structure, pattern, threads, total, total / threads, hitsPerQuery);
    return new Result(total / threads, hitsPerQuery);
  }

  private static double[][] randomPoints(Random random, double lat0, double lon0, double spanLat, double spanLon) {
    double[][] p = new double[2][QUERY_POINTS];
    for (int i = 0; i < QUERY_POINTS; i++) {
      p[0][i] = lat0 + random.nextDouble() * spanLat;
      p[1][i] = lon0 + random.nextDouble() * spanLon;
    }
    return p;
  }

  /** 1,024 walkers, each 1,024 steps of about 5 m (a fix every few seconds on foot). */
  private static double[][] trackPoints(Random random, double lat0, double lon0, double spanLat, double spanLon) {
    double[][] p = new double[2][QUERY_POINTS];
    int steps = 1024;
    for (int w = 0; w < QUERY_POINTS / steps; w++) {
      double lat = lat0 + random.nextDouble() * spanLat;
      double lon = lon0 + random.nextDouble() * spanLon;
      double heading = random.nextDouble() * 2 * Math.PI;
      for (int s = 0; s < steps; s++) {
        heading += random.nextGaussian() * 0.3;
        lat += Math.cos(heading) * 5 / 110_574.0;
        lon += Math.sin(heading) * 5 / 105_000.0;
        p[0][w * steps + s] = lat;
        p[1][w * steps + s] = lon;
      }
    }
    return p;
  }
}
