package io.campo.load.bench.ingest;

import io.campo.load.bench.BenchArgumentException;
import io.campo.load.bench.CommandLineFlags;
import io.campo.load.bench.DurationText;
import io.campo.load.fleet.MqttVersion;
import io.campo.tracking.telemetry.TelemetryLimits;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What one {@code ./campo bench ingest} run does.
 *
 * @param agents simulated devices, each with its own connection
 * @param fixesPerSecond open-loop target rate over all agents; empty for {@code --rate max}
 *     (closed loop: each device keeps {@code window} publishes in flight)
 * @param duration the measured phase
 * @param warmup load before the measured phase, not counted in rates and latencies (JIT,
 *     connection pools, PostgreSQL's caches)
 * @param batch fixes per MQTT message
 * @param window publishes each device keeps unacknowledged in closed-loop mode
 * @param baselineMosquitto also run the same load against a local Mosquitto
 * @param compareGeofences 0, or run Campo twice over this many debtors' geofences, with arrival/departure evaluation
 *     at ingest and without ({@code CAMPO_GEOFENCE_EVENTS}), and print the ratio
 */
public record IngestOptions(
    int agents,
    OptionalInt fixesPerSecond,
    Duration duration,
    Duration warmup,
    MqttVersion mqtt,
    int batch,
    int window,
    boolean baselineMosquitto,
    int compareGeofences) {

  public static final String USAGE = "[--agents A] [--rate R|max] [--duration D] [--warmup D] [--qos 1] [--mqtt 5|3]"
      + " [--batch K] [--window W] [--baseline mosquitto] [--geofences compare] [--geofence-count N]";

  /**
   * A device stamps its fixes with distinct milliseconds (the server keys a fix by agent and
   * device time), so one device cannot honestly send more than this.
   */
  static final int MAX_FIXES_PER_SECOND_PER_AGENT = 1_000;

  /**
   * Measured: at 10,000 fixes/s a cold JVM fell behind for its first 5-8 s and drained that
   * backlog into a 5 s warm-up's measured phase (p99 1.2 s); after 10-15 s it was steady.
   */
  static final Duration DEFAULT_WARMUP = Duration.ofSeconds(10);

  /** Fixes the load keeps unacknowledged at most; below the server's own queue bound, so the run measures, not overloads. */
  static final int MAX_FIXES_IN_FLIGHT = 100_000;

  private static final Set<String> FLAGS = new LinkedHashSet<>(
      List.of("agents", "rate", "duration", "warmup", "qos", "mqtt", "batch", "window", "baseline", "geofences",
          "geofence-count"));

  public static IngestOptions parse(List<String> args) {
    CommandLineFlags flags = CommandLineFlags.parse(args, FLAGS);
    int agents = flags.integer("agents", 100, 1, 100_000);
    OptionalInt rate = rate(flags.text("rate").orElse("10000"));
    Duration duration = flags.duration("duration", Duration.ofSeconds(30));
    if (duration.compareTo(Duration.ofHours(1)) > 0) {
      throw new BenchArgumentException("--duration is at most 1h, got " + DurationText.format(duration));
    }
    Duration warmup = flags.text("warmup").map(t -> DurationText.parseAllowingZero("--warmup", t)).orElse(DEFAULT_WARMUP);
    if (warmup.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new BenchArgumentException("--warmup is at most 10m, got " + DurationText.format(warmup));
    }
    String qos = flags.text("qos").orElse("1").trim();
    if (!qos.equals("1")) {
      throw new BenchArgumentException("--qos " + qos + " is not supported: the benchmark times PUBACKs, which only QoS 1 has"
          + " (devices publish telemetry at QoS 1)");
    }
    MqttVersion mqtt;
    try {
      mqtt = MqttVersion.parse(flags.text("mqtt").orElse("5"));
    } catch (IllegalArgumentException e) {
      throw new BenchArgumentException("--mqtt: " + e.getMessage());
    }
    int maxBatch = TelemetryLimits.DEFAULT.maxFixesPerPublish();
    int batch = flags.integer("batch", 1, 1, maxBatch);
    if (flags.has("window") && rate.isPresent()) {
      throw new BenchArgumentException("--window applies only to --rate max; with a fixed rate the schedule sets the pace");
    }
    int window = flags.integer("window", 100, 1, 65_535);
    boolean mosquitto = false;
    if (flags.has("baseline")) {
      String b = flags.text("baseline").get().trim();
      if (!b.equals("mosquitto")) {
        throw new BenchArgumentException("--baseline '" + b + "' is unknown; the only baseline is mosquitto");
      }
      mosquitto = true;
    }
    int compareGeofences = 0;
    if (flags.has("geofences")) {
      String g = flags.text("geofences").get().trim();
      if (!g.equals("compare")) {
        throw new BenchArgumentException("--geofences '" + g + "' is unknown; 'compare' runs Campo with and without"
            + " arrival/departure evaluation at ingest");
      }
      compareGeofences = flags.integer("geofence-count", DEFAULT_GEOFENCES, 1, 2_000_000);
    } else if (flags.has("geofence-count")) {
      throw new BenchArgumentException("--geofence-count applies only with --geofences compare");
    }
    if (rate.isPresent()) {
      long perAgent = ((long) rate.getAsInt() + agents - 1) / agents;
      if (perAgent > MAX_FIXES_PER_SECOND_PER_AGENT) {
        throw new BenchArgumentException("--rate " + rate.getAsInt() + " over " + agents + " agents is " + perAgent
            + " fixes/s per agent; one device stamps at most " + MAX_FIXES_PER_SECOND_PER_AGENT
            + " (one per millisecond: the server keys fixes by agent and device time). Use --agents "
            + ((rate.getAsInt() + MAX_FIXES_PER_SECOND_PER_AGENT - 1) / MAX_FIXES_PER_SECOND_PER_AGENT) + " or more");
      }
      if (rate.getAsInt() < batch) {
        throw new BenchArgumentException("--rate " + rate.getAsInt() + " is less than one message of --batch " + batch + " per second");
      }
    } else if ((long) agents * window * batch > MAX_FIXES_IN_FLIGHT) {
      throw new BenchArgumentException("--agents " + agents + " x --window " + window + " x --batch " + batch + " keeps "
          + (long) agents * window * batch + " fixes in flight; the limit is " + MAX_FIXES_IN_FLIGHT + ": lower --window");
    }
    return new IngestOptions(agents, rate, duration, warmup, mqtt, batch, window, mosquitto, compareGeofences);
  }

  /** Debtors' geofences over 32 × 32 km around the devices: see {@link BenchGeofences} for the crossings this makes. */
  static final int DEFAULT_GEOFENCES = 10_000;

  private static OptionalInt rate(String text) {
    if (text.trim().equalsIgnoreCase("max")) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(CommandLineFlags.parseCount("--rate", text, 1, 10_000_000));
    } catch (BenchArgumentException e) {
      throw new BenchArgumentException(e.getMessage() + " (or 'max' to find the highest sustained rate)");
    }
  }

  public boolean closedLoop() {
    return fixesPerSecond.isEmpty();
  }

  /** One line saying what load this is, for reports. */
  public String describe() {
    String pace = closedLoop()
        ? "closed loop (--rate max, " + window + " publishes in flight per device)"
        : String.format(Locale.ROOT, "open loop at %,d fixes/s", fixesPerSecond.getAsInt());
    return String.format(Locale.ROOT, "%,d agents, %s, %d fix%s per message, QoS 1, MQTT %s, %s measured after %s warm-up",
        agents, pace, batch, batch == 1 ? "" : "es", mqtt.label(), DurationText.format(duration),
        warmup.isZero() ? "no" : DurationText.format(warmup));
  }
}
