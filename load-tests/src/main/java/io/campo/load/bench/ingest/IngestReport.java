package io.campo.load.bench.ingest;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/** Prints an ingest run: each target's figures, the Campo/Mosquitto ratios, and a summary block for the README. */
final class IngestReport {

  private static final double[] PERCENTILES = {50, 99, 99.9};

  private IngestReport() {}

  static void printResult(PrintStream out, LoadResult r, IngestOptions options) {
    out.println();
    out.println(r.target() + " (" + r.durability() + ")");
    row(out, "sent", count(r.sent()) + " fixes");
    row(out, "acknowledged", count(r.acknowledged()));
    if (r.refused() > 0) {
      row(out, "refused", count(r.refused()) + "   first: " + r.firstRefusal());
    }
    if (r.failed() > 0) {
      row(out, "failed", count(r.failed()) + "   first: " + r.firstFailure());
    }
    if (r.unanswered() > 0) {
      row(out, "unanswered", count(r.unanswered()) + "   (no PUBACK " + OpenLoopLoad.DRAIN_TIMEOUT.toSeconds() + " s after the load ended)");
    }
    if (r.notSent() > 0) {
      row(out, "not sent", count(r.notSent()) + "   (the sender fell " + OpenLoopLoad.GIVE_UP_BEHIND.toSeconds()
          + " s behind schedule: this rate is not sustainable here)");
    }
    row(out, "stored", r.stored().isPresent()
        ? count(r.stored().getAsLong()) + "   (SELECT count(*) FROM telemetry, this run's agents)"
        : "n/a (keeps nothing)");
    OptionalLong lost = r.lost();
    row(out, "lost", lost.isPresent()
        ? count(lost.getAsLong()) + "   (acknowledged - stored; must be 0)" + (lost.getAsLong() > 0 ? "   <<< LOST FIXES" : "")
        : "n/a");
    row(out, "achieved", String.format(Locale.ROOT, "%,.0f fixes/s", r.fixesPerSecond())
        + "   (" + count(r.measuredAcknowledged()) + " acknowledged in " + String.format(Locale.ROOT, "%.1f", r.measuredSeconds())
        + " s of measured phase)");
    row(out, "PUBACK latency", latencies(r) + "   (n=" + count(r.latencyMicros().getTotalCount()) + ", from "
        + (options.closedLoop() ? "actual send" : "due time on the schedule") + ")");
    if (r.senderLagMicros().getTotalCount() > 0) {
      row(out, "sender lag", "p99 " + millis(r.senderLagMicros().getValueAtPercentile(99) / 1_000.0) + " ms   max "
          + millis(r.senderLagMicros().getMaxValue() / 1_000.0)
          + " ms   (the load generator's own lateness, included in the latency: high means a busy machine)");
    }
    r.receiveMaximum().ifPresent(max -> row(out, "receive maximum", max + " unacknowledged publishes per connection"));
    if (r.deviceClockLeadMillis() > 1_000) {
      row(out, "warning", "device stamps ran up to " + r.deviceClockLeadMillis() / 1_000
          + " s ahead of the clock (over 1,000 fixes/s per device); fixes over 300 s ahead are refused: use more --agents");
    }
  }

  /**
   * The cost of evaluating arrivals and departures at ingest: with / without, for throughput (closed loop) and PUBACK
   * latency; the target is within 5 %.
   */
  static void printGeofenceCost(PrintStream out, List<LoadResult> with, List<LoadResult> without) {
    out.println();
    out.println("geofence evaluation at ingest, mean of the runs with / mean of the runs without:");
    double withRate = mean(with, LoadResult::fixesPerSecond);
    double withoutRate = mean(without, LoadResult::fixesPerSecond);
    double throughput = withoutRate == 0 ? Double.NaN : withRate / withoutRate;
    out.printf(java.util.Locale.ROOT, "  fixes/s   %,.0f / %,.0f = %.3f%n", withRate, withoutRate, throughput);
    for (double p : new double[] {50, 99}) {
      double w = mean(with, r -> r.latencyMillis(p));
      double wo = mean(without, r -> r.latencyMillis(p));
      out.printf(java.util.Locale.ROOT, "  p%s ms    %s / %s = %.3f%n", percentile(p), millis(w), millis(wo), w / wo);
    }
    out.printf(java.util.Locale.ROOT, "  cost: %.1f %% of throughput (target: within 5 %%)%n", (1 - throughput) * 100);
  }

  private static double mean(List<LoadResult> results, java.util.function.ToDoubleFunction<LoadResult> figure) {
    return results.stream().mapToDouble(figure).average().orElse(Double.NaN);
  }

  static void printComparison(PrintStream out, LoadResult campo, LoadResult baseline) {
    out.println();
    out.println("Campo / " + baseline.target() + " (same load, same run)");
    out.printf(Locale.ROOT, "  %-10s %14s %18s %10s%n", "", "Campo", baseline.target(), "ratio");
    out.printf(Locale.ROOT, "  %-10s %14s %18s %10s%n", "fixes/s",
        String.format(Locale.ROOT, "%,.0f", campo.fixesPerSecond()), String.format(Locale.ROOT, "%,.0f", baseline.fixesPerSecond()),
        ratio(campo.fixesPerSecond(), baseline.fixesPerSecond()));
    for (double p : PERCENTILES) {
      comparisonRow(out, "p" + percentile(p) + " ms", campo.latencyMillis(p), baseline.latencyMillis(p));
    }
    comparisonRow(out, "max ms", campo.maxLatencyMillis(), baseline.maxLatencyMillis());
    out.println("  " + baseline.target() + " persists nothing here (persistence false): it is the MQTT-layer ceiling on"
        + " this machine, not a durable peer. Campo acknowledges only what PostgreSQL has committed.");
  }

  /** A block to paste into the README as it is: the command, the machine, one table row per target. */
  static void printSummary(PrintStream out, String command, IngestOptions options, List<LoadResult> results) {
    out.println();
    out.println("---- summary (paste into load-tests/README.md) ----");
    out.println("`" + command + "` - " + LocalDate.now(ZoneOffset.UTC) + ", " + Runtime.getRuntime().availableProcessors()
        + " cores, Java " + System.getProperty("java.version") + ", " + System.getProperty("os.name") + "; "
        + options.describe() + ".");
    out.println();
    out.println("| target | durable | fixes/s | p50 ms | p99 ms | p99.9 ms | max ms | sent | acknowledged | stored | lost |");
    out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (LoadResult r : results) {
      out.printf(Locale.ROOT, "| %s | %s | %,.0f | %s | %s | %s | %s | %s | %s | %s | %s |%n",
          r.target(), r.stored().isPresent() ? "yes" : "no (MQTT ceiling)", r.fixesPerSecond(),
          millis(r.latencyMillis(50)), millis(r.latencyMillis(99)), millis(r.latencyMillis(99.9)), millis(r.maxLatencyMillis()),
          count(r.sent()), count(r.acknowledged()),
          r.stored().isPresent() ? count(r.stored().getAsLong()) : "n/a",
          r.lost().isPresent() ? count(r.lost().getAsLong()) : "n/a");
    }
    out.println("---- end of summary ----");
  }

  private static String latencies(LoadResult r) {
    StringBuilder s = new StringBuilder();
    for (double p : PERCENTILES) {
      s.append("p").append(percentile(p)).append(' ').append(millis(r.latencyMillis(p))).append(" ms   ");
    }
    return s.append("max ").append(millis(r.maxLatencyMillis())).append(" ms").toString();
  }

  private static void comparisonRow(PrintStream out, String label, double campo, double baseline) {
    out.printf(Locale.ROOT, "  %-10s %14s %18s %10s%n", label, millis(campo), millis(baseline), ratio(campo, baseline));
  }

  private static void row(PrintStream out, String label, String value) {
    out.printf(Locale.ROOT, "  %-16s %s%n", label, value);
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String percentile(double p) {
    return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
  }

  /** Enough digits to compare, no more: 0.412, 4.12, 41.2, 412. */
  static String millis(double ms) {
    if (Double.isNaN(ms)) {
      return "n/a";
    }
    if (ms < 1) {
      return String.format(Locale.ROOT, "%.3f", ms);
    }
    if (ms < 10) {
      return String.format(Locale.ROOT, "%.2f", ms);
    }
    if (ms < 100) {
      return String.format(Locale.ROOT, "%.1f", ms);
    }
    return String.format(Locale.ROOT, "%,.0f", ms);
  }

  private static String ratio(double campo, double baseline) {
    if (Double.isNaN(campo) || Double.isNaN(baseline) || baseline == 0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.2f", campo / baseline);
  }
}
