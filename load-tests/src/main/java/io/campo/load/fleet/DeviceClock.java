package io.campo.load.fleet;

/**
 * A device's clock as it stamps fixes: epoch milliseconds that never repeat nor go back. The
 * server keys telemetry by (agent, device time), so two fixes of one agent stamped in the same
 * millisecond would be stored as one row, and a benchmark would report a loss that is not one.
 * Faster than one fix per millisecond the stamps run ahead of the wall clock.
 *
 * <p>Not thread-safe: one device, one caller.
 */
public final class DeviceClock {

  private long lastMillis = Long.MIN_VALUE;

  public long stamp(long wallClockMillis) {
    lastMillis = Math.max(wallClockMillis, lastMillis + 1);
    return lastMillis;
  }
}
