package io.campo.load.bench.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.load.CampoTestServer;
import io.campo.load.fleet.AgentCredentials;
import io.campo.load.fleet.DeviceClient;
import io.campo.load.fleet.MqttVersion;
import io.campo.server.agent.AgentRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's browser side against the real server's live socket: logs in through a page's form, waits for
 * {@code window.campo.ready}, and takes the page's delays and counters. The page here is a stand-in with the same
 * instrumentation contract (test resources), so this test does not depend on the map page's look; it needs Debian's
 * chromium, which {@code ./campo test} installs.
 */
class MapPageTest {

  @TempDir
  Path folder;

  @Test
  void thePageIsDrivenToReadyAndItsDelaysAreTakenOnce() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (CampoTestServer campo = CampoTestServer.start(folder)) {
      String token = login(campo.server.httpPort());
      String deviceToken = new AgentRegistry(campo.server.database().dataSource()).create("page-1", "Página").deviceToken();
      byte[] html;
      try (InputStream in = getClass().getResourceAsStream("/live-bench-page/index.html")) {
        html = in.readAllBytes();
      }
      HttpServer pages = vertx.createHttpServer()
          .requestHandler(r -> r.response().putHeader("Content-Type", "text/html; charset=utf-8").end(Buffer.buffer(html)))
          .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
      String url = "http://127.0.0.1:" + pages.actualPort() + "/?ws="
          + URLEncoder.encode("ws://127.0.0.1:" + campo.server.httpPort() + "/api/live", StandardCharsets.UTF_8)
          + "&token=" + token;

      try (MapPage page = MapPage.open(url, "admin", "load-tests-admin", Duration.ofSeconds(60))) {
        PageCounters before = page.counters();
        assertTrue(before.frames() >= 1, "ready means a first frame was applied");
        DeviceClient phone = DeviceClient.create(MqttVersion.V5, "127.0.0.1", campo.server.mqttPort(),
            new AgentCredentials("page-1", deviceToken));
        phone.connect().get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 3; i++) {
          String fix = "{\"ts\":" + System.currentTimeMillis() + ",\"lat\":19.43,\"lon\":" + (-99.13 + i * 1e-4) + "}";
          phone.publishQos1("campo/agents/page-1/telemetry", fix.getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
          Thread.sleep(300);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (page.counters().agentUpdates() < 3 && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        long[] delays = page.takeDelays();
        assertEquals(3, delays.length, "one delay per fix, each fix 300 ms after the last so none coalesces");
        for (long d : delays) {
          assertTrue(d >= 0 && d < 5_000, "a delay on one machine: " + d + " ms");
        }
        assertEquals(0, page.takeDelays().length, "taken delays are gone from the page");
        PageCounters after = page.counters();
        assertEquals(before.agentUpdates() + 3, after.agentUpdates());
        assertTrue(after.framesPerSecondSince(before) > 0);

        // The warm-up's delays are dropped inside the page.
        String fix = "{\"ts\":" + System.currentTimeMillis() + ",\"lat\":19.44,\"lon\":-99.13}";
        phone.publishQos1("campo/agents/page-1/telemetry", fix.getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (page.counters().agentUpdates() < before.agentUpdates() + 4 && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        assertEquals(before.agentUpdates() + 4, page.counters().agentUpdates());
        page.discardDelays();
        assertEquals(0, page.takeDelays().length, "discarded delays are gone from the page");
        phone.disconnect().get(10, TimeUnit.SECONDS);
      }
      pages.close().await(10, TimeUnit.SECONDS);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static String login(int port) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", "admin").put("password", "load-tests-admin").encode()))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body()).getString("token");
  }
}
