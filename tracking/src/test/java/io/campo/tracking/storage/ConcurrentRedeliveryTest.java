package io.campo.tracking.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.campo.tracking.telemetry.Fix;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue #13, item 8: a phone that re-sends its backlog (to the same node or, after a reconnect, to another)
 * puts the same keys into concurrent batches, each in its own order. Before the store sorted a batch, two such
 * transactions waited on each other's index tuples and PostgreSQL killed one ({@code 40P01 deadlock detected}):
 * on the embedded PostgreSQL this test saw 99 of them in 40 rounds.
 */
class ConcurrentRedeliveryTest {

  static final long T0 = 1_763_820_000_000L;
  static final int WRITERS = 4;
  static final int ROUNDS = 20;
  static final int AGENTS = 20;
  static final int FIXES_PER_AGENT = 10;

  @Test
  void concurrentBatchesWithTheSameKeysInDifferentOrdersNeverDeadlock() throws Exception {
    DataSource ds = PostgresFixture.freshTelemetryDatabase();
    TelemetryStore store = new TelemetryStore(ds);
    AtomicInteger deadlocks = new AtomicInteger();
    AtomicInteger inserted = new AtomicInteger();
    CyclicBarrier startRound = new CyclicBarrier(WRITERS);
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        Random random = new Random(w);
        writers.add(pool.submit(() -> {
          for (int round = 0; round < ROUNDS; round++) {
            List<Fix> batch = roundFixes(round);
            Collections.shuffle(batch, random);
            startRound.await(30, TimeUnit.SECONDS);
            while (true) {
              try {
                inserted.addAndGet(store.insert(batch));
                break;
              } catch (SQLException e) {
                if (!"40P01".equals(e.getSQLState())) {
                  throw e;
                }
                deadlocks.incrementAndGet();
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> f : writers) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    int expected = ROUNDS * AGENTS * FIXES_PER_AGENT;
    assertEquals(0, deadlocks.get(), "transactions killed by PostgreSQL's deadlock detector");
    assertEquals(expected, inserted.get(), "each fix inserted by exactly one writer");
    assertEquals(expected, PostgresFixture.count(ds, "SELECT count(*) FROM telemetry"));
    assertEquals(AGENTS, PostgresFixture.count(ds, "SELECT count(*) FROM agent_position"));
  }

  private static List<Fix> roundFixes(int round) {
    List<Fix> fixes = new ArrayList<>();
    for (int a = 0; a < AGENTS; a++) {
      for (int i = 0; i < FIXES_PER_AGENT; i++) {
        long t = T0 + (round * FIXES_PER_AGENT + i) * 1000L;
        fixes.add(new Fix("agent-" + a, t, t, 19.4, -99.1, 5.0, null, null, 80, false, (long) i));
      }
    }
    return fixes;
  }
}
