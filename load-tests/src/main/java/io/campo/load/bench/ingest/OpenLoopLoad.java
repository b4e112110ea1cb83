package io.campo.load.bench.ingest;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed rate, spread round-robin over the devices, on a schedule that does not wait for the
 * broker: message {@code j} is due at {@code start + j × interval}, and its latency is counted
 * from that due time, not from when it actually left. A broker that stalls therefore pays for
 * every message it delayed (no coordinated omission).
 *
 * <p>Memory stays bounded: at most {@link IngestOptions#MAX_FIXES_IN_FLIGHT} fixes are
 * unacknowledged; beyond that the sender waits, and the wait shows in the latencies. A sender
 * that falls {@link #GIVE_UP_BEHIND} behind its schedule stops, and what it did not send is
 * reported: the broker could not sustain the rate.
 */
final class OpenLoopLoad {

  static final Duration GIVE_UP_BEHIND = Duration.ofSeconds(30);
  static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

  private final IngestOptions options;

  OpenLoopLoad(IngestOptions options) {
    this.options = options;
  }

  /** Runs the schedule on the calling thread, then waits for the outstanding PUBACKs; returns the fixes not sent. */
  long run(ConnectedDevices devices, FixStream fixes, LoadPhases phases, LoadTally tally) throws InterruptedException {
    int batch = options.batch();
    double intervalNanos = 1e9 * batch / options.fixesPerSecond().getAsInt();
    long scheduledMessages = (long) Math.ceil((phases.endNanos() - phases.startNanos()) / intervalNanos);
    Semaphore inFlight = new Semaphore(IngestOptions.MAX_FIXES_IN_FLIGHT);
    long giveUpBehindNanos = GIVE_UP_BEHIND.toNanos();
    long notSentFixes = 0;
    for (long j = 0; j < scheduledMessages; j++) {
      long due = phases.startNanos() + (long) (j * intervalNanos);
      if (due >= phases.endNanos()) {
        break;
      }
      long now;
      while ((now = System.nanoTime()) < due) {
        LockSupport.parkNanos(due - now);
      }
      long slack = giveUpBehindNanos - (now - due);
      if (slack <= 0 || !inFlight.tryAcquire(batch, slack, TimeUnit.NANOSECONDS)) {
        notSentFixes = (scheduledMessages - j) * batch;
        break;
      }
      int device = (int) (j % devices.size());
      byte[] payload = fixes.next(device, batch);
      boolean measured = phases.measured(due);
      if (measured) {
        tally.sentLate(System.nanoTime() - due);
      }
      tally.sent(batch);
      devices.client(device).publishQos1(devices.topic(device), payload).whenComplete((ack, failure) -> {
        inFlight.release(batch);
        tally.answered(ack, failure, batch, due, measured);
      });
    }
    // Drain: every sent fix answered, or the timeout.
    inFlight.tryAcquire(IngestOptions.MAX_FIXES_IN_FLIGHT, DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    return notSentFixes;
  }
}
