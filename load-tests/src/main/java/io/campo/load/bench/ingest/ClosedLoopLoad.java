package io.campo.load.bench.ingest;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * As fast as the broker acknowledges: each device keeps {@code window} publishes in flight and
 * sends the next as soon as one is acknowledged, until the end of the run. What it finds is the
 * highest sustained rate; its latencies are from actual send to PUBACK and so describe a
 * saturated broker, not a broker at a given rate (for that, use the open loop).
 */
final class ClosedLoopLoad {

  static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

  private final IngestOptions options;
  private ConnectedDevices devices;
  private FixStream fixes;
  private LoadPhases phases;
  private LoadTally tally;
  private CountDownLatch lanesRunning;

  ClosedLoopLoad(IngestOptions options) {
    this.options = options;
  }

  /** Runs until the end of the phases plus the acknowledgements still due; returns the fixes not sent (always 0). */
  long run(ConnectedDevices devices, FixStream fixes, LoadPhases phases, LoadTally tally) throws InterruptedException {
    this.devices = devices;
    this.fixes = fixes;
    this.phases = phases;
    this.tally = tally;
    this.lanesRunning = new CountDownLatch(devices.size() * options.window());
    for (int w = 0; w < options.window(); w++) {
      for (int device = 0; device < devices.size(); device++) {
        sendNext(device);
      }
    }
    long untilEnd = phases.endNanos() - System.nanoTime();
    lanesRunning.await(Math.max(0, untilEnd) + DRAIN_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
    return 0;
  }

  /** One lane: send, and on the PUBACK send again, until the end. Runs on the MQTT client's threads. */
  private void sendNext(int device) {
    long now = System.nanoTime();
    if (now >= phases.endNanos()) {
      lanesRunning.countDown();
      return;
    }
    int batch = options.batch();
    byte[] payload = fixes.next(device, batch);
    boolean measured = phases.measured(now);
    tally.sent(batch);
    devices.client(device).publishQos1(devices.topic(device), payload).whenComplete((ack, failure) -> {
      tally.answered(ack, failure, batch, now, measured);
      if (failure != null) {
        // Resending at once would spin on a broken connection; this lane is done.
        lanesRunning.countDown();
      } else {
        sendNext(device);
      }
    });
  }
}
