package io.campo.load.bench.ingest;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A line every few seconds while a load runs, so that a stalled run is seen as one before it ends. */
final class ProgressLine implements AutoCloseable {

  private static final long EVERY_SECONDS = 5;

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "campo-bench-progress");
    t.setDaemon(true);
    return t;
  });

  ProgressLine(PrintStream out, LoadTally tally, LoadPhases phases) {
    long[] lastAcknowledged = {0};
    timer.scheduleAtFixedRate(() -> {
      long acknowledged = tally.acknowledged();
      double elapsed = (System.nanoTime() - phases.startNanos()) / 1e9;
      // The phase the interval just reported was mostly in.
      long middle = System.nanoTime() - TimeUnit.SECONDS.toNanos(EVERY_SECONDS) / 2;
      String phase = middle < phases.measureStartNanos() ? "warm-up" : middle < phases.endNanos() ? "measured" : "draining";
      out.printf(Locale.ROOT, "  %5.0f s %-8s sent %,12d  acknowledged %,12d  in flight %,8d  last %d s: %,.0f fixes/s%n",
          elapsed, phase, tally.sent(), acknowledged, tally.sent() - tally.answered(), EVERY_SECONDS,
          (acknowledged - lastAcknowledged[0]) / (double) EVERY_SECONDS);
      lastAcknowledged[0] = acknowledged;
    }, EVERY_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
