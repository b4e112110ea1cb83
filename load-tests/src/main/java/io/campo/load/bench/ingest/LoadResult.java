package io.campo.load.bench.ingest;

import java.util.OptionalInt;
import java.util.OptionalLong;
import org.HdrHistogram.Histogram;

/**
 * What one load did to one target, in fixes.
 *
 * @param sent handed to the MQTT clients
 * @param acknowledged accepted by a PUBACK
 * @param refused answered with an MQTT 5 error reason code (see {@code firstRefusal})
 * @param failed not deliverable at all (see {@code firstFailure})
 * @param notSent due on the schedule but never sent: the target fell too far behind
 * @param stored counted in the target's database afterwards; empty for a target that stores nothing
 * @param measuredAcknowledged acknowledged fixes of the measured phase
 * @param measuredSeconds from the start of the measured phase to its last PUBACK
 * @param latencyMicros PUBACK latencies of the measured phase
 * @param senderLagMicros how late the load generator sent each measured message (open loop; empty histogram otherwise)
 * @param receiveMaximum what the target granted each MQTT 5 connection
 * @param deviceClockLeadMillis how far device stamps ran ahead of the wall clock (see {@link FixStream})
 */
record LoadResult(
    String target,
    String durability,
    long sent,
    long acknowledged,
    long refused,
    long failed,
    long notSent,
    OptionalLong stored,
    long measuredAcknowledged,
    double measuredSeconds,
    Histogram latencyMicros,
    Histogram senderLagMicros,
    String firstRefusal,
    String firstFailure,
    OptionalInt receiveMaximum,
    long deviceClockLeadMillis) {

  /** Sent and never answered, even after the drain timeout. */
  long unanswered() {
    return sent - acknowledged - refused - failed;
  }

  /** Acknowledged but not stored: must be 0. Empty for a target that stores nothing. */
  OptionalLong lost() {
    return stored.isPresent() ? OptionalLong.of(Math.max(0, acknowledged - stored.getAsLong())) : OptionalLong.empty();
  }

  double fixesPerSecond() {
    return measuredSeconds <= 0 ? 0 : measuredAcknowledged / measuredSeconds;
  }

  /** A latency percentile in milliseconds; NaN when nothing was measured. */
  double latencyMillis(double percentile) {
    return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getValueAtPercentile(percentile) / 1_000.0;
  }

  double maxLatencyMillis() {
    return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getMaxValue() / 1_000.0;
  }
}
