package io.campo.server.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL itself dies by SIGKILL (the postmaster and every backend: no shutdown checkpoint, transactions
 * cut mid-commit) while phones stream fixes and post visits; it is restarted on the same folder and recovers
 * from its WAL. Every fix the server acknowledged (PUBACK) and every visit it answered 201 is there, and
 * nothing is there twice — the durability the settings promise, checked end to end.
 */
class PostgresKillTest {

  static final int DEVICES = 4;
  static final double LAT = 19.4326;
  static final double LON = -99.1332;

  @Test
  void everyAcknowledgedFixAndEveryVisitAnswered201SurvivesASigkillOfPostgres(@TempDir Path dir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    EmbeddedDatabase db = new EmbeddedDatabase(dir.resolve("pg"), port).start();
    Map<String, String> env = TestServer.env(db.jdbcUrl() + "?user=" + db.user() + "&password=" + db.password());
    try (TestServer server = TestServer.start(env)) {
      List<Mqtt5AsyncClient> phones = new ArrayList<>();
      for (int d = 0; d < DEVICES; d++) {
        phones.add(Devices.mqtt5(server.server.mqttPort(), "kill-" + d, server.createAgent("kill-" + d)));
      }
      try (Connection c = DriverManager.getConnection(server.dbUrl); Statement s = c.createStatement()) {
        s.execute("INSERT INTO debtor (external_id, name) VALUES ('KILL-1', 'Debtor during a crash')");
        s.execute("INSERT INTO address (debtor_id, lat, lon, radius_m) SELECT id, " + LAT + ", " + LON + ", 75 FROM debtor");
      }
      String agentJwt = deviceJwt(server, "kill-visits", server.createAgent("kill-visits"));

      AtomicBoolean stop = new AtomicBoolean();
      List<Set<Integer>> acknowledged = new ArrayList<>();
      List<List<CompletableFuture<?>>> sent = new ArrayList<>();
      List<Thread> streams = new ArrayList<>();
      long t0 = Devices.now() - 12 * 3_600_000L;
      for (int d = 0; d < DEVICES; d++) {
        Set<Integer> acks = ConcurrentHashMap.newKeySet();
        List<CompletableFuture<?>> futures = new ArrayList<>();
        acknowledged.add(acks);
        sent.add(futures);
        Mqtt5AsyncClient phone = phones.get(d);
        String agent = "kill-" + d;
        streams.add(started(() -> {
          for (int i = 0; !stop.get() && i < 30_000; i++) {
            int seq = i;
            futures.add(phone.publishWith().topic(Devices.telemetryTopic(agent)).qos(Devices.QOS1)
                .payload(Devices.fix(t0 + i * 1000L, LAT, LON, i)).send().thenRun(() -> acks.add(seq)));
            if (i % 10 == 0) {
              sleep(10);
            }
          }
        }));
      }
      Map<String, Integer> visitStatus = new ConcurrentHashMap<>();
      Map<String, Long> visitIds = new ConcurrentHashMap<>();
      Thread visits = started(() -> {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int i = 0; !stop.get(); i++) {
          String key = "kill-visit-" + i;
          HttpResponse<String> r = postVisit(http, server, agentJwt, key, i);
          visitStatus.put(key, r == null ? -1 : r.statusCode());
          if (r != null && r.statusCode() == 201) {
            visitIds.put(key, new JsonObject(r.body()).getLong("id"));
          }
        }
      });

      awaitTrue(() -> acknowledged.stream().mapToInt(Set::size).sum() >= 2_000 && visitIds.size() >= 5, "ingest and visits under way");
      long beforeKill = acknowledged.stream().mapToInt(Set::size).sum();
      killPostgres(dir.resolve("pg"));
      db.close(); // only releases the library's folder lock: its PostgreSQL is already dead
      Thread.sleep(2_000);
      db = new EmbeddedDatabase(dir.resolve("pg"), port).start();
      Thread.sleep(2_000);
      stop.set(true);
      for (Thread t : streams) {
        t.join();
      }
      visits.join();
      for (List<CompletableFuture<?>> futures : sent) {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
      }
      long afterRestart = acknowledged.stream().mapToInt(Set::size).sum();
      assertTrue(afterRestart > beforeKill, "ingest went on across the crash");

      for (int d = 0; d < DEVICES; d++) {
        int acked = acknowledged.get(d).size();
        assertEquals(sent.get(d).size(), acked, "every publish is acknowledged once PostgreSQL is back");
        assertEquals(acked, server.count("SELECT count(*) FROM telemetry WHERE agent_id = 'kill-" + d + "'"),
            "device " + d + ": every acknowledged fix stored, none twice");
        assertEquals(acked, server.count("SELECT count(DISTINCT seq) FROM telemetry WHERE agent_id = 'kill-" + d + "'"));
      }

      // Visits answered 201 are there; a phone retries the others with the same key and gets one visit, never two.
      HttpClient http = HttpClient.newHttpClient();
      for (Map.Entry<String, Integer> e : new java.util.TreeMap<>(visitStatus).entrySet()) {
        String key = e.getKey();
        int n = Integer.parseInt(key.substring("kill-visit-".length()));
        HttpResponse<String> retry = postVisit(http, server, agentJwt, key, n);
        assertTrue(retry != null && (retry.statusCode() == 200 || retry.statusCode() == 201), key + ": " + (retry == null ? "" : retry.body()));
        if (e.getValue() == 201) {
          assertEquals(200, retry.statusCode(), key + " answered 201 before the crash must still be stored");
          assertEquals(visitIds.get(key), new JsonObject(retry.body()).getLong("id"));
        }
      }
      assertEquals(visitStatus.size(), server.count("SELECT count(*) FROM visit WHERE idempotency_key LIKE 'kill-visit-%'"));
      assertEquals(visitStatus.size(), server.count("SELECT count(DISTINCT idempotency_key) FROM visit WHERE idempotency_key LIKE 'kill-visit-%'"));
      for (Mqtt5AsyncClient phone : phones) {
        phone.disconnect().get(10, TimeUnit.SECONDS);
      }
    } finally {
      db.close();
    }
  }

  /** SIGKILL to the postmaster, then to each of its children (gathered first: once it is dead they are orphans). */
  static void killPostgres(Path dataDir) throws Exception {
    long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
    ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
    List<ProcessHandle> children = postmaster.descendants().toList();
    assertTrue(children.size() >= 3, "a running PostgreSQL has backends: " + children.size());
    postmaster.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    postmaster.onExit().get(10, TimeUnit.SECONDS);
    for (ProcessHandle child : children) {
      child.onExit().get(10, TimeUnit.SECONDS);
    }
  }

  static String deviceJwt(TestServer server, String agentId, String token) {
    HttpResponse<String> login = server.request("POST", "/api/auth/device", null,
        new JsonObject().put("agentId", agentId).put("deviceToken", token).encode());
    assertEquals(200, login.statusCode(), login.body());
    return new JsonObject(login.body()).getString("token");
  }

  /** Six hours ago: visit {@code n} checks in {@code n} minutes later, the same body at every retry of its key. */
  static final long FIRST_CHECK_IN = Devices.now() - 6 * 3_600_000L;

  /** One visit per key; null when the request itself failed. */
  static HttpResponse<String> postVisit(HttpClient http, TestServer server, String jwt, String key, int n) {
    long checkIn = FIRST_CHECK_IN + n * 60_000L;
    JsonObject body = new JsonObject().put("debtor", "KILL-1")
        .put("checkIn", new JsonObject().put("at", Instant.ofEpochMilli(checkIn).toString()).put("lat", LAT).put("lon", LON).put("accuracy", 8))
        .put("checkOutAt", Instant.ofEpochMilli(checkIn + 300_000).toString())
        .put("outcome", new JsonObject().put("type", "NO_CONTACT"));
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/visits")).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + jwt).header("Content-Type", "application/json").header("Idempotency-Key", key)
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
      Thread.sleep(50);
    }
  }

  static Thread started(Runnable r) {
    Thread t = new Thread(r);
    t.start();
    return t;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
