package io.campo.server.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.campo.tracking.storage.HypertableRetention;
import io.campo.tracking.storage.TelemetryStore;
import io.campo.tracking.telemetry.Fix;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Campo's migrations and telemetry path on a real TimescaleDB (2.25 in Debian's PostgreSQL 15): hypertable,
 * compression and retention policies, a late backlog written into an already compressed chunk, and a retention
 * changed after the first start. Runs when {@code ./campo test} found TimescaleDB's source beside the repository
 * and built it ({@code CAMPO_TEST_PG15_BIN}); skipped, saying so, otherwise.
 */
class TimescaleDbTest {

  static DebianPostgres15 pg;
  static final AtomicInteger NEXT = new AtomicInteger();

  @BeforeAll
  static void startPostgres15() throws Exception {
    Path bin = DebianPostgres15.configuredBin();
    Assumptions.assumeTrue(bin != null, DebianPostgres15.BIN_ENV + " is not set: no PostgreSQL 15 with TimescaleDB to"
        + " test against (./campo test sets it when ../shared/vendor/timescaledb-2.25.0.tar.gz is beside the repository)");
    pg = DebianPostgres15.start(bin);
  }

  @AfterAll
  static void stopPostgres15() {
    if (pg != null) {
      pg.close();
    }
  }

  static String freshDatabase() throws SQLException {
    String name = "tsdb_test_" + NEXT.incrementAndGet();
    try (Connection c = connect(pg.jdbcUrl("postgres")); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return pg.jdbcUrl(name);
  }

  static Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(url, "postgres", DebianPostgres15.PASSWORD);
  }

  static TestServer server(String dbUrl, int retentionDays) throws Exception {
    Map<String, String> env = TestServer.env(dbUrl);
    env.put("CAMPO_DB_PASSWORD", DebianPostgres15.PASSWORD);
    env.put("CAMPO_TELEMETRY_RETENTION_DAYS", Integer.toString(retentionDays));
    // A backlog old enough to land in a compressed chunk (7 days) is older than the default maximum backlog age.
    env.put("CAMPO_TELEMETRY_MAX_BACKLOG_DAYS", "30");
    return TestServer.start(env);
  }

  static long count(String dbUrl, String sql) throws SQLException {
    try (Connection c = connect(dbUrl); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static String text(String dbUrl, String sql) throws SQLException {
    try (Connection c = connect(dbUrl); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  static Integer retentionDays(String dbUrl) throws SQLException {
    try (Connection c = connect(dbUrl)) {
      return HypertableRetention.currentDays(c);
    }
  }

  @Test
  void migrationsMakeAHypertableWithCompressionAndRetentionAndARetentionChangeReachesThePolicy() throws Exception {
    String db = freshDatabase();
    try (TestServer server = server(db, 30)) {
      assertEquals(1, count(db, "SELECT count(*) FROM timescaledb_information.hypertables"
          + " WHERE hypertable_name = 'telemetry' AND compression_enabled"), pg.log());
      assertEquals("1 day", text(db, "SELECT time_interval::text FROM timescaledb_information.dimensions"
          + " WHERE hypertable_name = 'telemetry'"));
      assertEquals("7 days", text(db, "SELECT config->>'compress_after' FROM timescaledb_information.jobs"
          + " WHERE proc_name = 'policy_compression' AND hypertable_name = 'telemetry'"));
      assertEquals("agent_id", text(db, "SELECT attname FROM timescaledb_information.compression_settings"
          + " WHERE hypertable_name = 'telemetry' AND segmentby_column_index = 1"));
      assertEquals(30, retentionDays(db));
      assertEquals(0, count(db, "SELECT count(*) FROM pg_partitioned_table"), "no native partitions beside the hypertable");
      assertEquals(1, count(db, "SELECT count(*) FROM pg_indexes WHERE tablename = 'telemetry' AND indexdef LIKE '%btree%'"),
          "the primary key is the one B-tree every insert maintains, as in the native layout");
    }
    try (TestServer server = server(db, 90)) {
      assertEquals(90, retentionDays(db), "CAMPO_TELEMETRY_RETENTION_DAYS changed after the first start");
      assertEquals(1, count(db, "SELECT count(*) FROM timescaledb_information.jobs WHERE proc_name = 'policy_retention'"));
    }
    try (TestServer server = server(db, 0)) {
      assertNull(retentionDays(db), "0 keeps every fix: no retention policy");
    }
    try (TestServer server = server(db, 14)) {
      assertEquals(14, retentionDays(db));
      assertEquals(1, count(db, "SELECT count(*) FROM timescaledb_information.jobs WHERE proc_name = 'policy_compression'"),
          "restarts leave the compression policy alone");
    }
  }

  @Test
  void aPostgres15WithTimescaleInstalledButNotPreloadedFallsBackToNativePartitions() throws Exception {
    try (DebianPostgres15 plain = DebianPostgres15.start(DebianPostgres15.configuredBin(), false)) {
      String db;
      try (Connection c = connect(plain.jdbcUrl("postgres")); Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE plain_test");
        db = plain.jdbcUrl("plain_test");
      }
      try (TestServer server = server(db, 0)) {
        assertEquals(1, count(db, "SELECT count(*) FROM pg_available_extensions WHERE name = 'timescaledb'"));
        assertEquals(1, count(db, "SELECT count(*) FROM pg_partitioned_table"), plain.log());
        assertEquals(0, count(db, "SELECT count(*) FROM pg_extension WHERE extname = 'timescaledb'"));
      }
    }
  }

  @Test
  void aLateBacklogIntoACompressedChunkIsStoredReadableAndAcknowledgedOnlyAfterItsCommit() throws Exception {
    String db = freshDatabase();
    try (TestServer server = server(db, 0)) {
      String token = server.createAgent("ts-late");
      Mqtt5AsyncClient phone = Devices.mqtt5(server.server.mqttPort(), "ts-late", token);
      // Ten days ago, at midnight: the whole track sits in one chunk that the 7-day policy would have compressed.
      long t0 = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(10, ChronoUnit.DAYS).toEpochMilli() + 3_600_000;
      for (int i = 0; i < 100; i += 20) {
        publish(phone, "ts-late", every2s(t0 + i * 2000L, 20, 0));
      }
      assertEquals(100, count(db, "SELECT count(*) FROM telemetry WHERE agent_id = 'ts-late'"));
      try (Connection c = connect(db); Statement s = c.createStatement()) {
        s.execute("SELECT compress_chunk(ch) FROM show_chunks('telemetry', older_than => interval '7 days') ch");
      }
      assertEquals(1, count(db, "SELECT count(*) FROM timescaledb_information.chunks WHERE hypertable_name = 'telemetry'"
          + " AND is_compressed AND range_start <= to_timestamp(" + t0 / 1000 + ")"
          + " AND range_end > to_timestamp(" + t0 / 1000 + ")"), "the track's chunk is compressed");

      // The phone's backlog from the same hour, newest batch first: a fix between every two stored ones, and in each
      // batch five the server already has (a resend).
      for (int b = 4; b >= 0; b--) {
        List<String> batch = new ArrayList<>(every2s(t0 + b * 40_000L + 1000, 20, 100));
        batch.addAll(every2s(t0 + b * 40_000L, 5, 0));
        publish(phone, "ts-late", batch);
        // The PUBACK came back: the batch must already be committed and visible to anybody.
        assertEquals(20, count(db, "SELECT count(*) FROM telemetry WHERE agent_id = 'ts-late' AND seq >= 100"
            + " AND device_time >= to_timestamp(" + (t0 + b * 40_000L) + " / 1000.0)"
            + " AND device_time < to_timestamp(" + (t0 + (b + 1) * 40_000L) + " / 1000.0)"), "batch " + b);
      }
      phone.disconnect().get(10, TimeUnit.SECONDS);
      assertEquals(200, count(db, "SELECT count(*) FROM telemetry WHERE agent_id = 'ts-late'"), "nothing twice, nothing lost");

      HttpResponse<String> r = server.request("GET", "/api/agents/ts-late/track?from=" + Instant.ofEpochMilli(t0)
          + "&to=" + Instant.ofEpochMilli(t0 + 3_600_000), server.adminToken(), null);
      assertEquals(200, r.statusCode(), r.body());
      JsonArray times = new JsonObject(r.body()).getJsonObject("properties").getJsonObject("coordinateProperties")
          .getJsonArray("times");
      assertEquals(200, times.size());
      for (int i = 0; i < 200; i++) {
        assertEquals(Instant.ofEpochMilli(t0 + i * 1000L).toString(), times.getString(i), "track in device-time order");
      }
    }
  }

  @Test
  void concurrentBatchesWithTheSameKeysNeverDeadlockOnTheHypertable() throws Exception {
    String db = freshDatabase();
    try (TestServer server = server(db, 0)) {
      // Only for the migrations: the store below writes like the server's writers do.
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(db);
    ds.setUser("postgres");
    ds.setPassword(DebianPostgres15.PASSWORD);
    TelemetryStore store = new TelemetryStore(ds);
    int writers = 4;
    int rounds = 15;
    AtomicInteger deadlocks = new AtomicInteger();
    CyclicBarrier together = new CyclicBarrier(writers);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    long t0 = Instant.now().minus(1, ChronoUnit.HOURS).toEpochMilli();
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        Random random = new Random(w);
        running.add(pool.submit(() -> {
          for (int round = 0; round < rounds; round++) {
            List<Fix> batch = new ArrayList<>();
            for (int a = 0; a < 20; a++) {
              for (int i = 0; i < 10; i++) {
                long t = t0 + (round * 10L + i) * 1000;
                batch.add(new Fix("agent-" + a, t, t, 19.4, -99.1, 5.0, null, null, 80, false, (long) i));
              }
            }
            Collections.shuffle(batch, random);
            together.await(30, TimeUnit.SECONDS);
            while (true) {
              try {
                store.insert(batch);
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
      for (Future<?> f : running) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(0, deadlocks.get(), "transactions killed by the deadlock detector");
    assertEquals(rounds * 200, count(db, "SELECT count(*) FROM telemetry"));
  }

  private static List<String> every2s(long first, int n, int firstSeq) {
    List<String> fixes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      fixes.add(Devices.fixJson(first + i * 2000L, 19.4 + i * 1e-5, -99.13, firstSeq + i));
    }
    return fixes;
  }

  private static void publish(Mqtt5AsyncClient phone, String agent, List<String> fixes) throws Exception {
    byte[] payload = ("[" + String.join(",", fixes) + "]").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Mqtt5PublishResult r = phone.publishWith().topic(Devices.telemetryTopic(agent)).qos(Devices.QOS1).payload(payload)
        .send().get(30, TimeUnit.SECONDS);
    assertEquals(Mqtt5PubAckReasonCode.SUCCESS, ((Mqtt5PublishResult.Mqtt5Qos1Result) r).getPubAck().getReasonCode());
  }
}
