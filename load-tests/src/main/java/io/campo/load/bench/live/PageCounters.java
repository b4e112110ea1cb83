package io.campo.load.bench.live;

/**
 * The map page's running totals at one moment, from {@code window.campoStats}.
 *
 * @param frames live frames received
 * @param agentUpdates marker updates applied
 * @param busyMs total duration of the page's long tasks (main thread blocked > 50 ms)
 * @param backlog frames received but not yet applied
 * @param atNanos when it was read, System.nanoTime of this process
 */
public record PageCounters(long frames, long agentUpdates, double busyMs, long backlog, long atNanos) {

  /** Per second between {@code earlier} and this reading. */
  public double framesPerSecondSince(PageCounters earlier) {
    return (frames - earlier.frames) / secondsSince(earlier);
  }

  public double agentUpdatesPerSecondSince(PageCounters earlier) {
    return (agentUpdates - earlier.agentUpdates) / secondsSince(earlier);
  }

  /** The share of wall time the page's main thread spent in long tasks, 0..1. */
  public double busyShareSince(PageCounters earlier) {
    return (busyMs - earlier.busyMs) / (secondsSince(earlier) * 1000);
  }

  public double secondsSince(PageCounters earlier) {
    return Math.max(1e-9, (atNanos - earlier.atNanos) / 1e9);
  }
}
