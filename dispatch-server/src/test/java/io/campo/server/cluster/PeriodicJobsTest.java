package io.campo.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one scheduler: never two runs of a job at once, failures do not stop a job, close stops them all. */
class PeriodicJobsTest {

  private final Vertx vertx = Vertx.vertx();
  private final PeriodicJobs jobs = new PeriodicJobs(vertx, Clock.systemUTC());

  @AfterEach
  void close() {
    jobs.close();
    vertx.close().await();
  }

  private static void waitUntil(java.util.function.BooleanSupplier done, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  @Test
  void aSlowJobNeverRunsTwiceAtOnce() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    AtomicInteger runs = new AtomicInteger();
    // Runs take six intervals: a periodic timer would start five more meanwhile.
    jobs.repeatBlocking("slow", Duration.ofMillis(50), true, () -> {
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      Thread.sleep(300);
      running.decrementAndGet();
      return runs.incrementAndGet();
    });
    waitUntil(() -> runs.get() >= 3, Duration.ofSeconds(10));
    assertTrue(runs.get() >= 3, "ran " + runs.get() + " times");
    assertEquals(1, mostAtOnce.get());
  }

  @Test
  void aJobRunsAtOnceOnlyWhenAsked() throws Exception {
    AtomicInteger now = new AtomicInteger();
    AtomicInteger later = new AtomicInteger();
    jobs.repeatBlocking("now", Duration.ofHours(1), true, now::incrementAndGet);
    jobs.repeatBlocking("later", Duration.ofHours(1), false, later::incrementAndGet);
    waitUntil(() -> now.get() == 1, Duration.ofSeconds(5));
    Thread.sleep(200);
    assertEquals(1, now.get());
    assertEquals(0, later.get(), "a job not asked to run now waited less than its interval");
  }

  @Test
  void aFailingJobIsRunAgain() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    jobs.repeatBlocking("failing", Duration.ofMillis(20), true, () -> {
      attempts.incrementAndGet();
      throw new IllegalStateException("database down");
    });
    AtomicInteger eventLoopAttempts = new AtomicInteger();
    jobs.repeatOnEventLoop("throwing", Duration.ofMillis(20), () -> {
      eventLoopAttempts.incrementAndGet();
      throw new IllegalStateException("a bug");
    });
    waitUntil(() -> attempts.get() >= 3 && eventLoopAttempts.get() >= 3, Duration.ofSeconds(10));
    assertTrue(attempts.get() >= 3, "a failed run stopped the blocking job: " + attempts.get());
    assertTrue(eventLoopAttempts.get() >= 3, "a thrown exception stopped the event-loop job: " + eventLoopAttempts.get());
  }

  @Test
  void closeStopsEveryJob() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    jobs.repeatBlocking("blocking", Duration.ofMillis(20), true, runs::incrementAndGet);
    jobs.repeatOnEventLoop("event loop", Duration.ofMillis(20), () -> {
      runs.incrementAndGet();
      return Future.succeededFuture();
    });
    waitUntil(() -> runs.get() >= 4, Duration.ofSeconds(10));
    jobs.close();
    Thread.sleep(100);
    int atClose = runs.get();
    Thread.sleep(300);
    assertEquals(atClose, runs.get(), "a job ran after close");
  }

  @Test
  void aJobOnceAcrossTheClusterRunsOnOneSchedulerPerPeriod() throws Exception {
    // Two schedulers over one Vert.x stand for two nodes: they share its locks and its map of last runs.
    PeriodicJobs other = new PeriodicJobs(vertx, Clock.systemUTC());
    AtomicInteger runs = new AtomicInteger();
    try {
      jobs.repeatOnceAcrossCluster("shared", Duration.ofHours(1), true, runs::incrementAndGet);
      other.repeatOnceAcrossCluster("shared", Duration.ofHours(1), true, runs::incrementAndGet);
      waitUntil(() -> runs.get() >= 1, Duration.ofSeconds(5));
      Thread.sleep(300);
      assertEquals(1, runs.get());
    } finally {
      other.close();
    }
  }
}
