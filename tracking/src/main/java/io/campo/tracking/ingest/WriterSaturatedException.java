package io.campo.tracking.ingest;

/**
 * The writer already holds as many uncommitted fixes as it may: the caller must not acknowledge
 * and should make the device resend later.
 */
public final class WriterSaturatedException extends RuntimeException {
  public WriterSaturatedException(int queuedFixes) {
    super("telemetry writer is full (" + queuedFixes + " fixes waiting for the database); resend later");
  }
}
