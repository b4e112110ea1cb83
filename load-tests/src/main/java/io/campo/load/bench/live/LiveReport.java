package io.campo.load.bench.live;

import java.io.PrintStream;
import org.HdrHistogram.Histogram;

/**
 * What the map page measured during the run's measured phase, and the verdict: PASS when the p99 delay from a fix's
 * device time to its marker update is within the limit and the page's backlog of unapplied frames is not growing.
 */
final class LiveReport {

  /** A backlog at least this long at the end, and longer than in the middle, means the page is falling behind. */
  static final long GROWING_BACKLOG_FRAMES = 3;

  private final Histogram delays = new Histogram(3);
  private final int maxP99Millis;
  private long negativeDelays;

  LiveReport(int maxP99Millis) {
    this.maxP99Millis = maxP99Millis;
  }

  void record(long[] delaysMillis) {
    for (long d : delaysMillis) {
      if (d < 0) {
        // Same machine, same clock: a negative delay is rounding of a sub-millisecond one.
        negativeDelays++;
        d = 0;
      }
      delays.recordValue(d);
    }
  }

  /** Every recorded fix-to-marker delay (ms). */
  Histogram delays() {
    return delays;
  }

  long count() {
    return delays.getTotalCount();
  }

  long p99Millis() {
    return delays.getValueAtPercentile(99);
  }

  static boolean backlogGrowing(long middle, long end) {
    return end >= GROWING_BACKLOG_FRAMES && end > middle;
  }

  boolean passed(PageCounters middle, PageCounters end) {
    return count() > 0 && p99Millis() <= maxP99Millis && !backlogGrowing(middle.backlog(), end.backlog());
  }

  void print(PrintStream out, PageCounters start, PageCounters middle, PageCounters end) {
    out.printf("measured %.1f s on the page%n", end.secondsSince(start));
    if (count() == 0) {
      out.println("delays: none recorded (did the page apply any agent update?)");
    } else {
      out.printf("fix-to-marker delay (ms) over %,d updates: p50 %d, p90 %d, p99 %d, max %d%s%n", count(),
          delays.getValueAtPercentile(50), delays.getValueAtPercentile(90), p99Millis(), delays.getMaxValue(),
          negativeDelays > 0 ? " (" + negativeDelays + " slightly negative counted as 0)" : "");
    }
    out.printf("frames: %.2f/s; agent updates: %,.0f/s%n", end.framesPerSecondSince(start), end.agentUpdatesPerSecondSince(start));
    out.printf("backlog (frames received, not applied): middle %d, end %d%s%n", middle.backlog(), end.backlog(),
        backlogGrowing(middle.backlog(), end.backlog()) ? " -- growing" : "");
    out.printf("page busy (long tasks): %.1f %% of wall time%n", 100 * end.busyShareSince(start));
    out.printf("%s: p99 %s %d ms%s%n", passed(middle, end) ? "PASS" : "FAIL", count() == 0 ? "n/a" : p99Millis() + " ms vs",
        maxP99Millis, backlogGrowing(middle.backlog(), end.backlog()) ? ", backlog growing" : "");
  }
}
