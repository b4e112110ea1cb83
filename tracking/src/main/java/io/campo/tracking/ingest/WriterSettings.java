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
 */
public record WriterSettings(int writerThreads, int maxBatchFixes, int maxQueuedFixes, Duration maxRetryBackoff) {

  public static final WriterSettings DEFAULT = new WriterSettings(2, 5_000, 200_000, Duration.ofSeconds(2));

  public WriterSettings {
    if (writerThreads < 1 || maxBatchFixes < 1 || maxQueuedFixes < maxBatchFixes) {
      throw new IllegalArgumentException("need writerThreads >= 1 and maxQueuedFixes >= maxBatchFixes >= 1");
    }
  }
}
