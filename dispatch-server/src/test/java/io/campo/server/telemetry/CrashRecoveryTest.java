package io.campo.server.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server runs in its own process and is killed with SIGKILL while a device streams; a new
 * process takes its ports, the device reconnects and resends what was not acknowledged, and
 * every acknowledged fix is stored exactly once.
 */
class CrashRecoveryTest {

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static Process startServer(Map<String, String> env, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp", classpath, "io.campo.server.CampoMain", "serve");
    pb.environment().putAll(env);
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process p = pb.start();
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      assertTrue(p.isAlive(), "server process exited; see " + log);
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + env.get("CAMPO_HTTP_PORT") + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return p;
        }
      } catch (java.io.IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    throw new AssertionError("server did not start within 60 s; see " + log);
  }

  @Test
  void everyAcknowledgedFixSurvivesASigkillOfTheServerExactlyOnce(@TempDir Path dir) throws Exception {
    String dbUrl = TestServer.freshDatabaseUrl();
    Map<String, String> env = TestServer.env(dbUrl);
    env.put("CAMPO_HTTP_PORT", Integer.toString(freePort()));
    env.put("CAMPO_MQTT_PORT", Integer.toString(freePort()));
    env.put("CAMPO_MQTT_WS_PORT", "-1");
    env.put("CAMPO_OSMAND_PORT", "-1");
    env.put("CAMPO_DATA_DIR", dir.toString());
    Path log = dir.resolve("server.log");
    Process server = startServer(env, log);
    Process restarted = null;
    try {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + env.get("CAMPO_HTTP_PORT");
      String login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login")).POST(HttpRequest.BodyPublishers.ofString(
          new JsonObject().put("username", "admin").put("password", TestServer.ADMIN_PASSWORD).encode())).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      String created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/agents"))
          .header("Authorization", "Bearer " + new JsonObject(login).getString("token"))
          .POST(HttpRequest.BodyPublishers.ofString("{\"id\": \"crash\"}")).build(), HttpResponse.BodyHandlers.ofString()).body();
      String token = new JsonObject(created).getString("deviceToken");

      // A phone: reconnects by itself and keeps its session so unacknowledged fixes are resent.
      Mqtt5AsyncClient device = MqttClient.builder().useMqttVersion5().identifier("crash-phone")
          .serverHost("127.0.0.1").serverPort(Integer.parseInt(env.get("CAMPO_MQTT_PORT")))
          .simpleAuth().username("crash").password(token.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
          .automaticReconnect().initialDelay(100, TimeUnit.MILLISECONDS).maxDelay(1, TimeUnit.SECONDS).applyAutomaticReconnect()
          .buildAsync();
      device.connectWith().cleanStart(false).sessionExpiryInterval(3600).send().get(10, TimeUnit.SECONDS);

      long t0 = Devices.now() - 3_600_000;
      int total = 3000;
      Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
      List<CompletableFuture<?>> sent = new ArrayList<>();
      for (int i = 0; i < total; i++) {
        int seq = i;
        sent.add(device.publishWith().topic(Devices.telemetryTopic("crash")).qos(Devices.QOS1)
            .payload(Devices.fix(t0 + i * 1000L, 19.4, -99.1, i)).send().thenRun(() -> acknowledged.add(seq)));
        if (i == total / 3) {
          server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          restarted = startServer(env, log);
        }
        if (i % 100 == 0) {
          Thread.sleep(20);
        }
      }
      CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
      assertEquals(total, acknowledged.size());
      assertEquals(total, TestServer.count(dbUrl, "SELECT count(*) FROM telemetry WHERE agent_id = 'crash'"));
      assertEquals(total, TestServer.count(dbUrl, "SELECT count(DISTINCT seq) FROM telemetry WHERE agent_id = 'crash'"));
      device.disconnect().get(10, TimeUnit.SECONDS);
    } finally {
      server.destroyForcibly();
      if (restarted != null) {
        restarted.destroy();
        restarted.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }
}
