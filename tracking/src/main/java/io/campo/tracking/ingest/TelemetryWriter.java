package io.campo.tracking.ingest;

import io.campo.tracking.storage.TelemetryStore;
import io.campo.tracking.telemetry.Fix;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable, batched telemetry writes: the future a caller gets completes only after the fixes'
 * transaction has committed, so a device is acknowledged only for what is stored.
 *
 * <p>Each writer thread takes everything queued (up to {@link WriterSettings#maxBatchFixes()}) as
 * one transaction: under load batches grow by themselves while the previous commit waits on its
 * fsync (group commit). Below {@link WriterSettings#lingerUntilFixes()} waiting fixes a writer
 * first lets them gather for up to {@link WriterSettings#linger()} after the oldest arrived, so a
 * steady trickle of single fixes from thousands of phones is not written as thousands of tiny
 * transactions.
 *
 * <p>When the database refuses a batch the same batch is retried, with growing pauses, until it
 * commits: nothing is acknowledged meanwhile, and once {@link WriterSettings#maxQueuedFixes()}
 * are waiting new writes fail fast with {@link WriterSaturatedException}, which bounds memory.
 * A batch that fails on its data (SQL state class 22 or 23), not on the connection, is split so
 * that one bad fix cannot hold back the others.
 *
 * <p>Thread-safe.
 */
public final class TelemetryWriter implements AutoCloseable {

  /** Called on a writer thread with every fix of a committed batch (duplicates included). */
  public interface CommitListener {
    void committed(List<Fix> fixes);
  }

  private static final Logger log = LoggerFactory.getLogger(TelemetryWriter.class);
  private static final String DEADLOCK = "40P01";

  private final TelemetryStore store;
  private final WriterSettings settings;
  private final IngestMetrics metrics;
  private final CommitListener listener;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition queued = lock.newCondition();
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private final List<Thread> threads = new ArrayList<>();
  private int queuedFixes;
  private int waitingFixes; // queued and not yet taken by a writer
  private volatile boolean closing;
  private volatile boolean databaseUp = true;

  private record Pending(List<Fix> fixes, CompletableFuture<Void> done, long queuedAtNanos) {}

  public TelemetryWriter(TelemetryStore store, WriterSettings settings, IngestMetrics metrics, CommitListener listener) {
    this.store = store;
    this.settings = settings;
    this.metrics = metrics;
    this.listener = listener;
    for (int i = 0; i < settings.writerThreads(); i++) {
      Thread t = new Thread(this::run, "campo-telemetry-writer-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  /**
   * Queues the fixes for the next transaction. The future completes when they are committed, or
   * fails at once with {@link WriterSaturatedException} when the writer is full.
   */
  public CompletableFuture<Void> write(List<Fix> fixes) {
    if (fixes.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    lock.lock();
    try {
      if (closing) {
        return CompletableFuture.failedFuture(new IllegalStateException("telemetry writer is closed"));
      }
      if (queuedFixes + fixes.size() > settings.maxQueuedFixes()) {
        metrics.saturated();
        return CompletableFuture.failedFuture(new WriterSaturatedException(queuedFixes));
      }
      Pending p = new Pending(fixes, new CompletableFuture<>(), System.nanoTime());
      boolean wasEmpty = queue.isEmpty();
      queue.add(p);
      queuedFixes += fixes.size();
      waitingFixes += fixes.size();
      // A lingering writer needs waking only when its batch is full; one per arrival would cost a
      // context switch per fix.
      if (wasEmpty || (waitingFixes >= settings.lingerUntilFixes() && waitingFixes - fixes.size() < settings.lingerUntilFixes())) {
        queued.signal();
      }
      return p.done;
    } finally {
      lock.unlock();
    }
  }

  /** Fixes accepted and not yet committed. */
  public int queuedFixes() {
    lock.lock();
    try {
      return queuedFixes;
    } finally {
      lock.unlock();
    }
  }

  /** False while the last attempt to write failed on the database. */
  public boolean databaseUp() {
    return databaseUp;
  }

  private void run() {
    while (true) {
      List<Pending> batch = take();
      if (batch == null) {
        return;
      }
      writeUntilCommitted(batch);
    }
  }

  private List<Pending> take() {
    lock.lock();
    try {
      // An interrupt only ends the wait: the flag is not kept, or every later wait and retry pause of this writer
      // would end at once (nothing interrupts writers today; close() signals them).
      boolean interrupted = false;
      while (true) {
        if (queue.isEmpty()) {
          if (closing) {
            return null;
          }
          queued.awaitUninterruptibly();
          continue;
        }
        long left = queue.peek().queuedAtNanos + settings.linger().toNanos() - System.nanoTime();
        if (closing || interrupted || waitingFixes >= settings.lingerUntilFixes() || left <= 0) {
          break;
        }
        try {
          queued.awaitNanos(left);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      List<Pending> batch = new ArrayList<>();
      int n = 0;
      while (!queue.isEmpty() && (batch.isEmpty() || n + queue.peek().fixes.size() <= settings.maxBatchFixes())) {
        Pending p = queue.poll();
        batch.add(p);
        n += p.fixes.size();
      }
      waitingFixes -= n;
      return batch;
    } finally {
      lock.unlock();
    }
  }

  private void writeUntilCommitted(List<Pending> batch) {
    List<Fix> fixes = new ArrayList<>();
    batch.forEach(p -> fixes.addAll(p.fixes));
    Duration backoff = Duration.ofMillis(50);
    while (true) {
      long start = System.nanoTime();
      try {
        int inserted = store.insert(fixes);
        metrics.committed(fixes.size(), inserted, System.nanoTime() - start);
        if (!databaseUp) {
          log.info("telemetry writes resumed: the database accepted a batch of {} fixes", fixes.size());
          databaseUp = true;
        }
        finish(batch, fixes, null);
        return;
      } catch (SQLException e) {
        metrics.writeFailed();
        if (DEADLOCK.equals(e.getSQLState())) {
          // Not a database outage: the batch is retried at once. Should not happen since batches lock in key order.
          metrics.deadlocked();
          log.warn("a batch of {} fixes was aborted as deadlocked; retrying it", fixes.size());
          continue;
        }
        if (isDataError(e) && batch.size() > 1) {
          log.warn("a batch of {} fixes failed on its data ({}); writing its publishes one by one", fixes.size(), e.getMessage());
          batch.forEach(p -> writeUntilCommitted(List.of(p)));
          return;
        }
        if (isDataError(e)) {
          log.error("fixes of agent {} cannot be stored: {}", fixes.get(0).agentId(), e.getMessage());
          finish(batch, List.of(), e);
          return;
        }
        if (databaseUp) {
          log.warn("telemetry write failed, holding acknowledgements and retrying: {}", e.getMessage());
          databaseUp = false;
        }
        if (closing) {
          finish(batch, List.of(), e);
          return;
        }
        sleep(backoff);
        backoff = backoff.multipliedBy(2).compareTo(settings.maxRetryBackoff()) > 0 ? settings.maxRetryBackoff() : backoff.multipliedBy(2);
      } catch (RuntimeException e) {
        log.error("unexpected failure writing telemetry", e);
        finish(batch, List.of(), e);
        return;
      }
    }
  }

  private void finish(List<Pending> batch, List<Fix> committed, Exception failure) {
    lock.lock();
    try {
      for (Pending p : batch) {
        queuedFixes -= p.fixes.size();
      }
    } finally {
      lock.unlock();
    }
    if (failure == null) {
      try {
        listener.committed(committed);
      } catch (RuntimeException e) {
        log.error("commit listener failed; the fixes are stored", e);
      }
      batch.forEach(p -> p.done.complete(null));
    } else {
      batch.forEach(p -> p.done.completeExceptionally(failure));
    }
  }

  private static boolean isDataError(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("22") || state.startsWith("23"));
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops accepting writes, lets the queue drain for up to {@code drainTimeout}, then fails what
   * is left (the devices will resend it: it was never acknowledged).
   */
  public void close(Duration drainTimeout) {
    lock.lock();
    try {
      closing = true;
      queued.signalAll();
    } finally {
      lock.unlock();
    }
    long deadline = System.nanoTime() + drainTimeout.toNanos();
    for (Thread t : threads) {
      long left = deadline - System.nanoTime();
      try {
        if (left > 0) {
          t.join(TimeUnit.NANOSECONDS.toMillis(left) + 1);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    lock.lock();
    try {
      Pending p;
      while ((p = queue.poll()) != null) {
        queuedFixes -= p.fixes.size();
        waitingFixes -= p.fixes.size();
        p.done.completeExceptionally(new IllegalStateException("server stopped before the fixes were stored"));
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }
}
