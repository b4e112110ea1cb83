package io.campo.load.bench.live;

import io.campo.server.live.LiveEvents;
import io.campo.server.live.PositionBatch;
import io.campo.tracking.telemetry.Fix;
import io.vertx.core.Vertx;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The server's share of the page's delay, per fix, from its device time: to the server decoding it (the phone's
 * publish and MQTT; {@link Fix#receivedAtMillis()}), and to its publication on the live feed's event bus (plus whatever
 * the server does in between). What the page adds on top is coalescing (up to 250 ms), the socket and the page's own
 * work; see {@link StageBreakdown}.
 */
final class ServerSideDelay {

  private final Recorder received = new Recorder(3);
  private final Recorder published = new Recorder(3);
  private final Histogram receivedTotal = new Histogram(3);
  private final Histogram publishedTotal = new Histogram(3);

  static ServerSideDelay listen(Vertx vertx) {
    ServerSideDelay delay = new ServerSideDelay();
    vertx.eventBus().<PositionBatch>localConsumer(LiveEvents.POSITIONS, m -> {
      long now = System.currentTimeMillis();
      for (Fix fix : m.body().fixes()) {
        delay.received.recordValue(Math.max(0, fix.receivedAtMillis() - fix.deviceTimeMillis()));
        delay.published.recordValue(Math.max(0, now - fix.deviceTimeMillis()));
      }
    });
    return delay;
  }

  /** Forgets what was recorded so far (the warm-up). */
  void reset() {
    received.getIntervalHistogram();
    published.getIntervalHistogram();
    receivedTotal.reset();
    publishedTotal.reset();
  }

  /** Device time to decoded by the server (ms), over the measured phase so far. */
  Histogram received() {
    receivedTotal.add(received.getIntervalHistogram());
    return receivedTotal;
  }

  /** Device time to published on the live feed's bus (ms), over the measured phase so far. */
  Histogram published() {
    publishedTotal.add(published.getIntervalHistogram());
    return publishedTotal;
  }
}
