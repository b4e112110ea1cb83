package io.campo.load.bench.live;

import java.io.PrintStream;
import org.HdrHistogram.Histogram;

/**
 * Where a fix's delay goes on its way to the map, measured over the run: cumulative from the fix's device time at each
 * stamp (server decoded, published to the live feed, frame sent, frame received by the page, drawn), and the two
 * stages after the server's send per agent update (socket, and the page's own queueing, parsing and drawing). The
 * server's stamps are read in this JVM; the frame's send time travels in the frame ({@code "sent"}); the page notes
 * when it received and drew each frame. One machine, one clock.
 */
final class StageBreakdown {

  private final Histogram sent = new Histogram(3);
  private final Histogram pageReceived = new Histogram(3);
  private final Histogram socket = new Histogram(3);
  private final Histogram page = new Histogram(3);

  void record(PageStages stages) {
    long[] f = stages.frames();
    for (int i = 0; i + 2 < f.length; i += 3) {
      long agents = f[i + 2];
      if (agents > 0) {
        socket.recordValueWithCount(Math.max(0, f[i]), agents);
        page.recordValueWithCount(Math.max(0, f[i + 1]), agents);
      }
    }
    long[] a = stages.agents();
    for (int i = 0; i + 1 < a.length; i += 2) {
      // The page keeps one agent update in eight: each stands for eight.
      sent.recordValueWithCount(Math.max(0, a[i]), 8);
      pageReceived.recordValueWithCount(Math.max(0, a[i + 1]), 8);
    }
  }

  void print(PrintStream out, ServerSideDelay server, Histogram drawn) {
    out.println("where the delay goes (ms), cumulative from the fix's device time:    p50    p90    p99    max");
    line(out, "  server decoded the fix (phone + MQTT)", server.received());
    line(out, "  published to the live feed's bus", server.published());
    line(out, "  frame sent (coalescing: <= 250 ms wait)", sent);
    line(out, "  frame received by the page", pageReceived);
    line(out, "  drawn on the page (the measured delay)", drawn);
    out.println("  per agent update, stage alone:");
    line(out, "    socket: page received - server sent", socket);
    line(out, "    page: drawn - received (queue, parse, apply, draw)", page);
  }

  private static void line(PrintStream out, String label, Histogram h) {
    if (h.getTotalCount() == 0) {
      out.printf("%-66s (none)%n", label);
      return;
    }
    out.printf("%-66s %6d %6d %6d %6d%n", label, h.getValueAtPercentile(50), h.getValueAtPercentile(90),
        h.getValueAtPercentile(99), h.getMaxValue());
  }
}
