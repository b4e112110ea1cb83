package io.campo.load.bench.ingest;

import java.time.Duration;

/**
 * When a load runs, on the {@link System#nanoTime()} clock: warm-up from {@code startNanos},
 * measurement from {@code measureStartNanos}, nothing new sent from {@code endNanos}.
 */
record LoadPhases(long startNanos, long measureStartNanos, long endNanos) {

  static LoadPhases startingNow(Duration warmup, Duration measured) {
    long start = System.nanoTime();
    long measureStart = start + warmup.toNanos();
    return new LoadPhases(start, measureStart, measureStart + measured.toNanos());
  }

  boolean measured(long sendNanos) {
    return sendNanos >= measureStartNanos;
  }
}
