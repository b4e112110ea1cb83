package io.campo.load.bench.ingest;

import io.campo.load.fleet.DeviceClock;
import io.campo.load.fleet.DeviceFix;
import io.campo.load.fleet.LatLon;
import io.campo.load.fleet.TelemetryJson;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The payloads the benchmark's devices publish: valid fixes in the telemetry contract, each
 * device with its own clock and counter and a spot of its own around Mexico City. Cheaper than
 * the demo's {@link io.campo.load.fleet.SimulatedAgent} on purpose: here the client's CPU is
 * taken from the server being measured.
 *
 * <p>Thread-safe: closed-loop sends come from the MQTT client's threads, so each device's
 * state is guarded by its own lock.
 */
final class FixStream {

  private static final class Device {
    final DeviceClock clock = new DeviceClock();
    final LatLon spot;
    long seq;

    Device(LatLon spot) {
      this.spot = spot;
    }
  }

  private final Device[] devices;
  private final AtomicLong maxLeadMillis = new AtomicLong();

  FixStream(int agents, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    devices = new Device[agents];
    for (int i = 0; i < agents; i++) {
      devices[i] = new Device(LatLon.MEXICO_CITY.offset(random.nextDouble(-5_000, 5_000), random.nextDouble(-5_000, 5_000)));
    }
  }

  /** The next message of device {@code agent}: one fix object, or an array of {@code fixes}. */
  byte[] next(int agent, int fixes) {
    Device d = devices[agent];
    long now = System.currentTimeMillis();
    synchronized (d) {
      if (fixes == 1) {
        return TelemetryJson.of(fix(d, now));
      }
      List<DeviceFix> batch = new ArrayList<>(fixes);
      for (int i = 0; i < fixes; i++) {
        batch.add(fix(d, now));
      }
      return TelemetryJson.of(batch);
    }
  }

  private DeviceFix fix(Device d, long now) {
    long ts = d.clock.stamp(now);
    if (ts - now > maxLeadMillis.get()) {
      maxLeadMillis.accumulateAndGet(ts - now, Math::max);
    }
    long seq = ++d.seq;
    // A few metres of drift so that consecutive fixes differ, as a walking agent's do.
    double drift = (seq % 50) * 2.0;
    LatLon p = d.spot.offset(drift, drift);
    return new DeviceFix(ts, p.lat(), p.lon(), 8.5, 1.3, 90, 80, false, seq);
  }

  /**
   * How far ahead of the wall clock any device's stamps ran, in milliseconds: above zero only
   * when a device sent more than one fix per millisecond; the server refuses fixes more than
   * 5 minutes ahead.
   */
  long maxLeadMillis() {
    return maxLeadMillis.get();
  }
}
