package io.campo.load.bench.live;

import io.campo.load.bench.BenchArgumentException;
import io.campo.load.bench.CommandLineFlags;
import io.campo.load.bench.DurationText;
import io.campo.load.fleet.MqttVersion;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one {@code ./campo bench live} run does.
 *
 * @param agents simulated phones, each with its own MQTT connection, one fix per {@code interval}
 * @param interval time between two fixes of one phone
 * @param warmup load and page running before the measured phase (JIT, the page's first frames and marker creation)
 * @param duration the measured phase
 * @param radiusMetres how far from Mexico City's centre the agents wander (the map page's default view)
 * @param maxP99Millis the verdict: PASS when the page's p99 fix-to-marker delay is at most this
 * @param fleetNiceness the fleet JVM's niceness (0 = the server's priority): the load generator yields the CPU to the
 *     system under test, as phones are not on the server's machine in production
 */
public record LiveOptions(int agents, Duration interval, Duration warmup, Duration duration, MqttVersion mqtt, int radiusMetres,
    int maxP99Millis, long seed, int fleetNiceness) {

  public static final String USAGE = "[--agents 10000] [--interval 1s] [--warmup 20s] [--duration 60s] [--mqtt 3|5]"
      + " [--radius 3000] [--p99 400] [--seed 1] [--fleet-nice 10]";

  private static final Set<String> FLAGS = new LinkedHashSet<>(
      List.of("agents", "interval", "warmup", "duration", "mqtt", "radius", "p99", "seed", "fleet-nice"));

  public static LiveOptions parse(List<String> args) {
    CommandLineFlags flags = CommandLineFlags.parse(args, FLAGS);
    int agents = flags.integer("agents", 10_000, 1, 100_000);
    Duration interval = flags.duration("interval", Duration.ofSeconds(1));
    if (interval.toMillis() < 100) {
      throw new BenchArgumentException("--interval is at least 100ms (a phone reports at most 10 fixes/s), got "
          + DurationText.format(interval));
    }
    Duration warmup = flags.text("warmup").map(t -> DurationText.parseAllowingZero("--warmup", t)).orElse(Duration.ofSeconds(20));
    Duration duration = flags.duration("duration", Duration.ofSeconds(60));
    if (duration.compareTo(Duration.ofHours(1)) > 0 || warmup.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new BenchArgumentException("--duration is at most 1h and --warmup at most 10m");
    }
    MqttVersion mqtt;
    try {
      // 3.1.1 by default: the lighter protocol for ten thousand connections in one JVM next to a browser.
      mqtt = MqttVersion.parse(flags.text("mqtt").orElse("3"));
    } catch (IllegalArgumentException e) {
      throw new BenchArgumentException("--mqtt: " + e.getMessage());
    }
    int radius = flags.integer("radius", 3000, 50, 50_000);
    int p99 = flags.integer("p99", 400, 1, 60_000);
    int seed = flags.integer("seed", 1, 0, Integer.MAX_VALUE);
    int fleetNiceness = flags.integer("fleet-nice", 10, 0, 19);
    return new LiveOptions(agents, interval, warmup, duration, mqtt, radius, p99, seed, fleetNiceness);
  }
}
