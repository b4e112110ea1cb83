package io.campo.load.bench.live;

import io.campo.server.live.LiveEvents;
import io.campo.server.live.PositionBatch;
import io.campo.tracking.telemetry.Fix;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The server's share of the page's delay: from a fix's device time to its publication on the live feed's event bus,
 * i.e. the phone, MQTT and the PostgreSQL commit. What the page adds on top is coalescing (up to 250 ms), the socket
 * and the page's own work.
 */
final class ServerSideDelay {

  private final Recorder recorder = new Recorder(3);
  private Histogram total = new Histogram(3);

  static ServerSideDelay listen(Vertx vertx) {
    ServerSideDelay delay = new ServerSideDelay();
    vertx.eventBus().<PositionBatch>localConsumer(LiveEvents.POSITIONS, m -> {
      long now = System.currentTimeMillis();
      for (Fix fix : m.body().fixes()) {
        delay.recorder.recordValue(Math.max(0, now - fix.deviceTimeMillis()));
      }
    });
    return delay;
  }

  /** Forgets what was recorded so far (the warm-up). */
  void reset() {
    recorder.getIntervalHistogram();
    total = new Histogram(3);
  }

  void print(PrintStream out) {
    total.add(recorder.getIntervalHistogram());
    out.printf("server: fix device time to live-feed publish (ms) over %,d fixes: p50 %d, p90 %d, p99 %d, max %d%n",
        total.getTotalCount(), total.getValueAtPercentile(50), total.getValueAtPercentile(90), total.getValueAtPercentile(99),
        total.getMaxValue());
  }
}
