package io.campo.tracking.ingest;

import java.time.Duration;

/**
 * How {@link TelemetryWriter} batches and how much it may hold.
 *
 * @param writerThreads concurrent transactions; two let one batch be assembled while the other
 *     waits for its commit's fsync
 * @param maxBatchFixes fixes per transaction at most
 * @param maxQueuedFixes fixes accepted but not yet committed at most; past it, writes are
 *     refused at once, which bounds memory while the database is slow or down
 * @param maxRetryBackoff longest pause between attempts to write a batch the database refused
 * @param linger how long a writer that finds fewer than {@code lingerUntilFixes} fixes waiting lets more
 *     gather, counted from the arrival of the oldest one ({@link Duration#ZERO}: write at once). Many phones
 *     each sending one fix a second arrive as a steady trickle: without it each transaction carried ~4
 *     fixes (10,000 phones: ~2,600 transactions/s, half a core of PostgreSQL); the PUBACK waits this much longer
 * @param lingerUntilFixes a writer stops lingering as soon as this many fixes wait
 */
public record WriterSettings(int writerThreads, int maxBatchFixes, int maxQueuedFixes, Duration maxRetryBackoff,
    Duration linger, int lingerUntilFixes) {

  public static final Duration DEFAULT_LINGER = Duration.ofMillis(10);

  public static final WriterSettings DEFAULT = new WriterSettings(2, 5_000, 200_000, Duration.ofSeconds(2), DEFAULT_LINGER, 500);

  public WriterSettings {
    if (writerThreads < 1 || maxBatchFixes < 1 || maxQueuedFixes < maxBatchFixes) {
      throw new IllegalArgumentException("need writerThreads >= 1 and maxQueuedFixes >= maxBatchFixes >= 1");
    }
    if (linger.isNegative() || lingerUntilFixes < 1) {
      throw new IllegalArgumentException("need linger >= 0 and lingerUntilFixes >= 1");
    }
  }

  /** These settings with another linger. */
  public WriterSettings withLinger(Duration newLinger) {
    return new WriterSettings(writerThreads, maxBatchFixes, maxQueuedFixes, maxRetryBackoff, newLinger, lingerUntilFixes);
  }
}
