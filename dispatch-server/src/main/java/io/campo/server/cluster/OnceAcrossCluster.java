package io.campo.server.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Lock;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Runs a periodic blocking job on one node of the cluster per period, whichever gets there first. Every node schedules
 * the job; a run takes the job's cluster-wide lock (Hazelcast's when clustered, this JVM's when standalone) and skips
 * when another node holds it or finished a run less than 90 % of the period ago (the time of the last run is kept in
 * a cluster-wide map). A node that dies mid-run loses its lock with its membership, so the next node's timer runs the
 * job again. Only jobs whose work is in the database belong here: a skipped node has no local result.
 *
 * <p>Thread-safe; {@link #run} may be called from any thread.
 */
public final class OnceAcrossCluster {

  /** Name of the cluster-wide map of each job's last successful run (epoch millis). */
  static final String LAST_RUNS = "campo.once.last-runs";
  private static final long LOCK_WAIT_MILLIS = 50;

  private final Vertx vertx;
  private final Clock clock;

  public OnceAcrossCluster(Vertx vertx, Clock clock) {
    this.vertx = vertx;
    this.clock = clock;
  }

  /**
   * Runs {@code job} on a worker thread unless another node is running it or ran it recently.
   *
   * @param name the job's cluster-wide name (also its lock's)
   * @param period how often the job is due across the cluster
   * @return true when this node ran the job, false when it skipped
   */
  public Future<Boolean> run(String name, Duration period, Callable<?> job) {
    return vertx.sharedData().getLockWithTimeout("campo.once." + name, LOCK_WAIT_MILLIS)
        .transform(locked -> locked.succeeded() ? runHolding(locked.result(), name, period, job) : Future.succeededFuture(false));
  }

  private Future<Boolean> runHolding(Lock lock, String name, Duration period, Callable<?> job) {
    long skipUntilMillisAfter = period.toMillis() * 9 / 10;
    return vertx.sharedData().<String, Long>getAsyncMap(LAST_RUNS)
        .compose(lastRuns -> lastRuns.get(name).compose(lastRun -> {
          long now = clock.millis();
          if (lastRun != null && now - lastRun < skipUntilMillisAfter && now >= lastRun) {
            return Future.succeededFuture(false);
          }
          return vertx.executeBlocking(job, false).compose(done -> lastRuns.put(name, clock.millis())).map(true);
        }))
        .onComplete(done -> lock.release());
  }
}
