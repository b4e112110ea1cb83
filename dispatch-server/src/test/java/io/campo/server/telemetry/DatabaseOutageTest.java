package io.campo.server.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.vertx.core.json.JsonObject;
import io.campo.server.database.EmbeddedDatabase;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL stops mid-load: nothing is acknowledged while it is down, everything is stored after. */
class DatabaseOutageTest {

  @Test
  void noAcknowledgementWhileTheDatabaseIsDownAndEverythingStoredWhenItReturns(@TempDir Path dir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    EmbeddedDatabase db = new EmbeddedDatabase(dir.resolve("pg"), port).start();
    Map<String, String> env = TestServer.env(db.jdbcUrl() + "?user=" + db.user() + "&password=" + db.password());
    try (TestServer server = TestServer.start(env)) {
      String token = server.createAgent("outage");
      Mqtt5AsyncClient device = Devices.mqtt5(server.server.mqttPort(), "outage", token);
      long t0 = Devices.now() - 3_600_000;
      for (int i = 0; i < 100; i++) {
        device.publishWith().topic(Devices.telemetryTopic("outage")).qos(Devices.QOS1).payload(Devices.fix(t0 + i * 1000L, 19.4, -99.1, i))
            .send().get(10, TimeUnit.SECONDS);
      }
      assertEquals(100, server.count("SELECT count(*) FROM telemetry"));

      db.close();
      List<CompletableFuture<Mqtt5PublishResult>> during = new ArrayList<>();
      for (int i = 100; i < 400; i++) {
        during.add(device.publishWith().topic(Devices.telemetryTopic("outage")).qos(Devices.QOS1)
            .payload(Devices.fix(t0 + i * 1000L, 19.4, -99.1, i)).send());
      }
      Thread.sleep(3000);
      assertTrue(during.stream().noneMatch(CompletableFuture::isDone), "a fix was acknowledged while the database was down");
      // Health turns 503 at the writer's first failed write: up to the pool's 5 s connection timeout once
      // PostgreSQL's (now durable, so slower) shutdown has left the pooled connections idle long enough to be checked.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (server.request("GET", "/health", null, null).statusCode() != 503 && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertEquals(503, server.request("GET", "/health", null, null).statusCode());
      // Ready says why, in the health-check format; live stays up: the node recovers by itself, no restart needed.
      JsonObject ready = new JsonObject(server.request("GET", "/health/ready", null, null).body());
      assertEquals("DOWN", ready.getString("status"));
      assertTrue(ready.getJsonArray("checks").stream().map(JsonObject.class::cast)
          .anyMatch(c -> "database".equals(c.getString("id")) && "DOWN".equals(c.getString("status"))), ready.encode());
      assertEquals(200, server.request("GET", "/health/live", null, null).statusCode());
      assertTrue(during.stream().noneMatch(CompletableFuture::isDone), "a fix was acknowledged while the database was down");

      db = new EmbeddedDatabase(dir.resolve("pg"), port).start();
      CompletableFuture.allOf(during.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      assertEquals(400, server.count("SELECT count(*) FROM telemetry"));
      // Healthy again without a restart. Looked at more than once: each check has 2 s, and on a loaded machine the
      // first one after the restart can spend them re-opening the pool's connections (seen failing at 2.01 s).
      long recovered = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (server.request("GET", "/health", null, null).statusCode() != 200 && System.nanoTime() < recovered) {
        Thread.sleep(200);
      }
      assertEquals(200, server.request("GET", "/health", null, null).statusCode());
      device.disconnect().get();
    } finally {
      db.close();
    }
  }
}
