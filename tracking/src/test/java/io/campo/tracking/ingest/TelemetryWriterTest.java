package io.campo.tracking.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.tracking.storage.PostgresFixture;
import io.campo.tracking.storage.TelemetrySchema;
import io.campo.tracking.storage.TelemetryStore;
import io.campo.tracking.telemetry.Fix;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryWriterTest {

  static final long T0 = 1_763_820_000_000L;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final IngestMetrics metrics = new IngestMetrics(registry);
  final List<Fix> committed = Collections.synchronizedList(new ArrayList<>());

  static Fix fix(String agent, long t) {
    return new Fix(agent, t, t, 19.4, -99.1, null, null, null, 50, null, t);
  }

  @Test
  void aWriteCompletesOnlyOnceItsFixesAreCommitted() throws Exception {
    DataSource ds = PostgresFixture.freshTelemetryDatabase();
    try (TelemetryWriter writer = new TelemetryWriter(new TelemetryStore(ds), WriterSettings.DEFAULT, metrics, committed::addAll)) {
      List<CompletableFuture<Void>> writes = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        List<Fix> fixes = new ArrayList<>();
        for (int j = 0; j < 10; j++) {
          fixes.add(fix("a" + (i % 7), T0 + i * 10L + j));
        }
        writes.add(writer.write(fixes));
      }
      for (int i = 0; i < writes.size(); i++) {
        writes.get(i).get(30, TimeUnit.SECONDS);
        long t = T0 + i * 10L + 9;
        assertEquals(1, PostgresFixture.count(ds, "SELECT count(*) FROM telemetry WHERE device_time = timestamptz 'epoch' + "
            + t + " * interval '1 millisecond'"), "write " + i + " completed before its last fix was stored");
      }
      assertEquals(2000, PostgresFixture.count(ds, "SELECT count(*) FROM telemetry"));
      assertEquals(2000, committed.size());
      assertEquals(2000.0, registry.get("campo.fixes.stored").counter().count());
    }
  }

  @Test
  void holdsWritesWhileTheDatabaseIsDownRefusesPastTheBoundAndStoresEverythingWhenItReturns(@TempDir Path dir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    EmbeddedPostgres pg = start(dir, port);
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      TelemetrySchema.create(c, false, 0);
    }
    DataSource ds = PostgresFixture.dataSource(port, "postgres");
    WriterSettings settings = new WriterSettings(2, 100, 500, Duration.ofMillis(200), WriterSettings.DEFAULT_LINGER, 50);
    try (TelemetryWriter writer = new TelemetryWriter(new TelemetryStore(ds), settings, metrics, committed::addAll)) {
      writer.write(List.of(fix("a1", T0))).get(30, TimeUnit.SECONDS);

      pg.close();
      List<CompletableFuture<Void>> held = new ArrayList<>();
      for (int i = 1; i <= 50; i++) {
        held.add(writer.write(List.of(fix("a1", T0 + i * 10L), fix("a2", T0 + i * 10L + 1))));
      }
      CompletableFuture<Void> refused = writer.write(List.of(fix("a3", T0), fix("a3", T0 + 1), fix("a3", T0 + 2),
          fix("a3", T0 + 3), fix("a3", T0 + 4)));
      // 100 fixes are held; room for 400 more, so 401 must be refused at once.
      List<Fix> tooMany = new ArrayList<>();
      for (int i = 0; i < 401; i++) {
        tooMany.add(fix("a4", T0 + i));
      }
      ExecutionException e = assertThrows(ExecutionException.class, () -> writer.write(tooMany).get(1, TimeUnit.SECONDS));
      assertInstanceOf(WriterSaturatedException.class, e.getCause());

      Thread.sleep(1500);
      assertFalse(writer.databaseUp());
      assertTrue(held.stream().noneMatch(CompletableFuture::isDone), "nothing may be acknowledged while the database is down");

      pg = start(dir, port);
      CompletableFuture.allOf(held.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      refused.get(60, TimeUnit.SECONDS);
      assertTrue(writer.databaseUp());
      assertEquals(1 + 100 + 5, PostgresFixture.count(ds, "SELECT count(*) FROM telemetry"));
      assertEquals(0, PostgresFixture.count(ds, "SELECT count(*) FROM telemetry WHERE agent_id = 'a4'"));
      assertTrue(registry.get("campo.telemetry.write.failures").counter().count() >= 1);
      assertEquals(1.0, registry.get("campo.telemetry.write.saturated").counter().count());
    } finally {
      pg.close();
    }
  }

  @Test
  void aFixTheDatabaseCannotStoreFailsAloneAndTheOthersAreStored() throws Exception {
    DataSource ds = PostgresFixture.freshTelemetryDatabase();
    try (TelemetryWriter writer = new TelemetryWriter(new TelemetryStore(ds), new WriterSettings(1, 1000, 10_000, Duration.ofMillis(100), WriterSettings.DEFAULT_LINGER, 500),
        metrics, committed::addAll)) {
      List<CompletableFuture<Void>> writes = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        // PostgreSQL text cannot hold NUL: a data error that no retry can fix.
        String agent = i == 7 ? "bad\u0000agent" : "a" + i;
        writes.add(writer.write(List.of(fix(agent, T0 + i))));
      }
      for (int i = 0; i < 20; i++) {
        if (i == 7) {
          CompletableFuture<Void> bad = writes.get(i);
          assertThrows(ExecutionException.class, () -> bad.get(30, TimeUnit.SECONDS));
        } else {
          writes.get(i).get(30, TimeUnit.SECONDS);
        }
      }
      assertEquals(19, PostgresFixture.count(ds, "SELECT count(*) FROM telemetry"));
    }
  }

  @Test
  void aTrickleOfSingleFixesIsWrittenInFewTransactionsNotOneEach() throws Exception {
    DataSource ds = PostgresFixture.freshTelemetryDatabase();
    WriterSettings settings = WriterSettings.DEFAULT.withLinger(Duration.ofMillis(300));
    try (TelemetryWriter writer = new TelemetryWriter(new TelemetryStore(ds), settings, metrics, committed::addAll)) {
      List<CompletableFuture<Void>> writes = new ArrayList<>();
      // 60 phones' fixes, 2 ms apart: without lingering every one finds an idle writer.
      for (int i = 0; i < 60; i++) {
        writes.add(writer.write(List.of(fix("a" + i, T0))));
        Thread.sleep(2);
      }
      for (CompletableFuture<Void> w : writes) {
        w.get(30, TimeUnit.SECONDS);
      }
      long transactions = registry.get("campo.telemetry.batch.size").summary().count();
      assertTrue(transactions <= 3, "60 fixes within 300 ms of each other took " + transactions + " transactions");
      assertEquals(60, PostgresFixture.count(ds, "SELECT count(*) FROM telemetry"));
    }
  }

  @Test
  void enoughWaitingFixesAreWrittenWithoutWaitingOutTheLinger() throws Exception {
    DataSource ds = PostgresFixture.freshTelemetryDatabase();
    WriterSettings settings = new WriterSettings(1, 5_000, 200_000, Duration.ofSeconds(2), Duration.ofSeconds(60), 100);
    try (TelemetryWriter writer = new TelemetryWriter(new TelemetryStore(ds), settings, metrics, committed::addAll)) {
      CompletableFuture<Void> few = writer.write(List.of(fix("a1", T0)));
      Thread.sleep(200);
      assertFalse(few.isDone(), "one fix must wait for others (or the linger) before its transaction");
      List<Fix> many = new ArrayList<>();
      for (int i = 0; i < 99; i++) {
        many.add(fix("a2", T0 + i));
      }
      writer.write(many).get(10, TimeUnit.SECONDS);
      few.get(1, TimeUnit.SECONDS);
      assertEquals(100, PostgresFixture.count(ds, "SELECT count(*) FROM telemetry"));
    }
  }

  @Test
  void closingWritesWhatIsLingeringInsteadOfWaitingForIt() throws Exception {
    DataSource ds = PostgresFixture.freshTelemetryDatabase();
    WriterSettings settings = WriterSettings.DEFAULT.withLinger(Duration.ofSeconds(60));
    TelemetryWriter writer = new TelemetryWriter(new TelemetryStore(ds), settings, metrics, committed::addAll);
    CompletableFuture<Void> write = writer.write(List.of(fix("a1", T0)));
    long start = System.nanoTime();
    writer.close(Duration.ofSeconds(30));
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20), "close waited out the linger");
    write.get(1, TimeUnit.SECONDS);
    assertEquals(1, PostgresFixture.count(ds, "SELECT count(*) FROM telemetry"));
  }

  @Test
  void twoNodesWritingTheSameResentBacklogInOppositeOrdersNeverDeadlock() throws Exception {
    DataSource ds = PostgresFixture.freshTelemetryDatabase();
    // Two nodes (one writer each): a phone re-sends to the second while the first is still writing, and the
    // publishes of 30 phones reach the two in opposite orders. Each writer thread gathers them as they queued.
    WriterSettings settings = new WriterSettings(2, 5_000, 200_000, Duration.ofMillis(100), Duration.ofMillis(20), 300);
    List<List<Fix>> publishes = new ArrayList<>();
    for (int round = 0; round < 10; round++) {
      for (int a = 0; a < 30; a++) {
        List<Fix> publish = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          publish.add(fix("a" + a, T0 + (round * 10L + i) * 1000));
        }
        publishes.add(publish);
      }
    }
    List<List<Fix>> reversed = new ArrayList<>(publishes);
    Collections.reverse(reversed);
    try (TelemetryWriter first = new TelemetryWriter(new TelemetryStore(ds), settings, metrics, committed::addAll);
        TelemetryWriter second = new TelemetryWriter(new TelemetryStore(ds), settings, metrics, committed::addAll)) {
      List<CompletableFuture<Void>> writes = new ArrayList<>();
      for (int i = 0; i < publishes.size(); i++) {
        writes.add(first.write(publishes.get(i)));
        writes.add(second.write(reversed.get(i)));
      }
      CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }
    assertEquals(0.0, registry.get("campo.telemetry.write.deadlocks").counter().count(), "batches aborted as deadlocked");
    assertEquals(3000, PostgresFixture.count(ds, "SELECT count(*) FROM telemetry"));
    assertEquals(3000.0, registry.get("campo.fixes.stored").counter().count());
    assertEquals(3000.0, registry.get("campo.fixes.duplicate").counter().count());
  }

  @Test
  void anEmptyWriteCompletesAtOnce() throws Exception {
    DataSource ds = PostgresFixture.freshTelemetryDatabase();
    try (TelemetryWriter writer = new TelemetryWriter(new TelemetryStore(ds), WriterSettings.DEFAULT, metrics, committed::addAll)) {
      assertTrue(writer.write(List.of()).isDone());
    }
  }

  static EmbeddedPostgres start(Path dir, int port) throws Exception {
    return PostgresFixture.durableBuilder().setDataDirectory(dir).setCleanDataDirectory(false).setPort(port).start();
  }
}
