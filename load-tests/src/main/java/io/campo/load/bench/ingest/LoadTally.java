package io.campo.load.bench.ingest;

import io.campo.load.fleet.PubAck;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The running count of one load, in fixes, and the PUBACK latencies of its measured phase.
 * Latency is recorded from the time a publish was due (open loop) or sent (closed loop) to its
 * PUBACK, in microseconds.
 *
 * <p>Thread-safe and wait-free for the recording threads (the MQTT client's event loops).
 */
final class LoadTally {

  private final LongAdder sent = new LongAdder();
  private final LongAdder acknowledged = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder measuredAcknowledged = new LongAdder();
  private final AtomicLong lastMeasuredAckNanos = new AtomicLong();
  private final AtomicReference<String> firstRefusal = new AtomicReference<>();
  private final AtomicReference<String> firstFailure = new AtomicReference<>();
  private final Recorder latencyMicros = new Recorder(3);
  private final Recorder senderLagMicros = new Recorder(3);

  void sent(int fixes) {
    sent.add(fixes);
  }

  /**
   * Records how late the load generator itself sent a measured message after its due time.
   * When this is high, the machine (CPU shared with the server and PostgreSQL), not the broker,
   * made the latency.
   */
  void sentLate(long lagNanos) {
    senderLagMicros.recordValue(Math.max(0, lagNanos / 1_000));
  }

  /** Records the outcome of one publish of {@code fixes} fixes that was due or sent at {@code startNanos}. */
  void answered(PubAck ack, Throwable failure, int fixes, long startNanos, boolean measured) {
    long now = System.nanoTime();
    if (failure != null) {
      failed.add(fixes);
      firstFailure.compareAndSet(null, failure.toString());
      return;
    }
    if (!ack.accepted()) {
      refused.add(fixes);
      firstRefusal.compareAndSet(null, ack.refusal());
      return;
    }
    acknowledged.add(fixes);
    if (measured) {
      measuredAcknowledged.add(fixes);
      lastMeasuredAckNanos.accumulateAndGet(now, Math::max);
      latencyMicros.recordValue(Math.max(0, (now - startNanos) / 1_000));
    }
  }

  long sent() {
    return sent.sum();
  }

  long acknowledged() {
    return acknowledged.sum();
  }

  long refused() {
    return refused.sum();
  }

  long failed() {
    return failed.sum();
  }

  long answered() {
    return acknowledged.sum() + refused.sum() + failed.sum();
  }

  long measuredAcknowledged() {
    return measuredAcknowledged.sum();
  }

  long lastMeasuredAckNanos() {
    return lastMeasuredAckNanos.get();
  }

  String firstRefusal() {
    return firstRefusal.get();
  }

  String firstFailure() {
    return firstFailure.get();
  }

  /** Every latency recorded so far; call once, at the end. */
  Histogram latencies() {
    return latencyMicros.getIntervalHistogram();
  }

  /** Every sender lag recorded so far (open loop only); call once, at the end. */
  Histogram senderLags() {
    return senderLagMicros.getIntervalHistogram();
  }
}
