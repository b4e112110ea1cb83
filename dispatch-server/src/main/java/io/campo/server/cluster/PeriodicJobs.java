package io.campo.server.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every periodic job of the server, scheduled in one place: features register theirs at start, and {@link #close}
 * stops them all. Each job runs again {@code interval} after its last run has ended — never two runs of one job at
 * once. A periodic timer would start a run while the last one is still going (the distance rollup's first pass reads
 * every stored fix), and the waiting runs would pile up holding worker threads and database connections.
 *
 * <p>Jobs whose work is in the shared database run on one node per period ({@link #repeatOnceAcrossCluster}); jobs
 * that refresh this node's memory run on every node ({@link #repeatBlocking}).
 *
 * <p>Thread-safe: jobs may be registered from any thread.
 */
public final class PeriodicJobs implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PeriodicJobs.class);

  private final Vertx vertx;
  private final OnceAcrossCluster once;
  private volatile boolean closing;

  public PeriodicJobs(Vertx vertx, Clock clock) {
    this.vertx = vertx;
    this.once = new OnceAcrossCluster(vertx, clock);
  }

  /** Runs a blocking job on a worker thread of this node (now, if asked), then every {@code interval} after it ended. */
  public void repeatBlocking(String what, Duration interval, boolean runNow, Callable<?> job) {
    repeat(what, interval, runNow, () -> vertx.executeBlocking(job, false));
  }

  /** Like {@link #repeatBlocking}, but each period only one node of the cluster runs the job ({@link OnceAcrossCluster}). */
  public void repeatOnceAcrossCluster(String what, Duration interval, boolean runNow, Callable<?> job) {
    repeat(what, interval, runNow, () -> once.run(what, interval, job));
  }

  /** Runs a non-blocking job on the event loop, first after {@code interval}, then {@code interval} after each run ended. */
  public void repeatOnEventLoop(String what, Duration interval, Supplier<Future<?>> job) {
    repeat(what, interval, false, job);
  }

  private void repeat(String what, Duration interval, boolean runNow, Supplier<Future<?>> run) {
    if (runNow) {
      runThenRepeat(what, interval, run);
    } else {
      vertx.setTimer(interval.toMillis(), id -> runThenRepeat(what, interval, run));
    }
  }

  private void runThenRepeat(String what, Duration interval, Supplier<Future<?>> run) {
    if (closing) {
      return;
    }
    Future<?> running;
    try {
      running = run.get();
    } catch (RuntimeException e) {
      running = Future.failedFuture(e);
    }
    running
        .onFailure(e -> log.error("{} failed: {}", what, e.toString()))
        .onComplete(done -> {
          if (!closing) {
            vertx.setTimer(interval.toMillis(), id -> runThenRepeat(what, interval, run));
          }
        });
  }

  /** No job starts a new run after this; runs already going finish. */
  @Override
  public void close() {
    closing = true;
  }
}
