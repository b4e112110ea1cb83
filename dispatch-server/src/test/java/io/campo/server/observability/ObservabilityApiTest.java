package io.campo.server.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Metrics, health checks and logs on a real server that writes JSON logs ({@code CAMPO_LOG_FORMAT=json}): what an
 * operator's Prometheus, load balancer and log shipper read.
 */
class ObservabilityApiTest {

  private static TestServer server;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    Map<String, String> env = TestServer.env(TestServer.freshDatabaseUrl());
    env.put("CAMPO_LOG_FORMAT", "json");
    server = TestServer.start(env);
  }

  @AfterAll
  static void stop() {
    server.close();
    // The rest of this JVM's tests log as people read them.
    LogOutput.use("text", "test");
  }

  @Test
  void metricsHaveHttpRequestsByRouteJvmPoolsAndIngestLatencyHistograms() throws Exception {
    String token = server.createAgent("metered-1");
    assertEquals(200, server.request("GET", "/api/agents", server.adminToken(), null).statusCode());
    assertEquals(404, server.request("GET", "/api/agents/nobody-here/track", server.adminToken(), null).statusCode());
    Mqtt5AsyncClient phone = Devices.mqtt5(server.server.mqttPort(), "metered-1", token);
    phone.publishWith().topic(Devices.telemetryTopic("metered-1")).qos(Devices.QOS1)
        .payload(Devices.fix(Devices.now() - 1000, 19.43, -99.13, 1)).send().get(20, TimeUnit.SECONDS);
    phone.disconnect().get(10, TimeUnit.SECONDS);

    String metrics = server.request("GET", "/metrics", null, null).body();
    assertTrue(lines(metrics, "vertx_http_server_requests_total{").stream()
        .anyMatch(l -> l.contains("route=\"/api/agents\"") && l.contains("code=\"200\"") && l.contains("method=\"GET\"")),
        "requests by route, method and status:\n" + lines(metrics, "vertx_http_server_requests_total{"));
    assertTrue(lines(metrics, "vertx_http_server_requests_total{").stream()
        .anyMatch(l -> l.contains("route=\"/api/agents/:id/track\"") && l.contains("code=\"404\"")), "the route's template, not the path");
    assertTrue(lines(metrics, "vertx_http_server_response_time_seconds_bucket{").stream().anyMatch(l -> l.contains("le=\"0.25\"")),
        "HTTP latency is a histogram");
    for (String family : List.of("jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads", "process_cpu_usage",
        "process_uptime_seconds", "vertx_eventbus_", "vertx_pool_", "hikaricp_connections_active{pool=\"campo\"",
        "hikaricp_connections_active{pool=\"campo-telemetry\"", "campo_fixes_stored_total")) {
      assertTrue(metrics.contains(family), family + " is missing from /metrics");
    }
    Matcher committed = Pattern.compile("(?m)^campo_telemetry_commit_latency_seconds_bucket\\{le=\"\\+Inf\"\\} (\\S+)$").matcher(metrics);
    assertTrue(committed.find(), "the commit latency is a histogram with buckets:\n" + lines(metrics, "campo_telemetry_commit_latency"));
    assertTrue(Double.parseDouble(committed.group(1)) >= 1, "the fix's batch was counted: " + committed.group());
    assertTrue(metrics.contains("campo_telemetry_commit_latency_seconds_bucket{le=\"0.01\"}"), "fixed buckets");
    assertFalse(metrics.contains("campo_telemetry_commit_latency_seconds{quantile="), "no client-side quantiles (a summary)");
    assertTrue(metrics.contains("# TYPE campo_telemetry_batch_size histogram"), lines(metrics, "campo_telemetry_batch_size").toString());
  }

  @Test
  void liveAndReadyAnswerInTheHealthCheckFormatAndHealthIsReady() {
    HttpResponse<String> live = server.request("GET", "/health/live", null, null);
    assertEquals(200, live.statusCode());
    assertEquals("UP", new JsonObject(live.body()).getString("status"));
    HttpResponse<String> ready = server.request("GET", "/health/ready", null, null);
    assertEquals(200, ready.statusCode(), ready.body());
    JsonObject body = new JsonObject(ready.body());
    assertEquals("UP", body.getString("outcome"));
    List<String> ids = new ArrayList<>();
    body.getJsonArray("checks").forEach(c -> ids.add(((JsonObject) c).getString("id")));
    assertEquals(java.util.Set.of("database", "telemetry-writer", "road-network"), new java.util.HashSet<>(ids),
        "not clustered, so no cluster check: " + ids);
    JsonObject roads = check(body, "road-network");
    assertEquals("UP", roads.getString("status"), "CAMPO_ROADS=none: planning is off, not unready");
    assertTrue(roads.getJsonObject("data").getString("planning").contains("CAMPO_ROADS=none"));
    assertEquals(0, check(body, "telemetry-writer").getJsonObject("data").getInteger("queuedFixes"));
    HttpResponse<String> alias = server.request("GET", "/health", null, null);
    assertEquals(200, alias.statusCode());
    assertEquals("UP", new JsonObject(alias.body()).getString("status"));
  }

  @Test
  void jsonLogLinesCarryTheNodeAndTheRequestIdGivenOrMade() throws Exception {
    List<JsonObject> lines = captureLogs(() -> {
      HttpResponse<String> failed = send("POST", "/api/auth/login", "corr-42.a:b",
          new JsonObject().put("username", "admin").put("password", "not-the-password").encode());
      assertEquals(401, failed.statusCode());
      assertEquals("corr-42.a:b", failed.headers().firstValue("X-Request-Id").orElse(null), "a sane id is echoed");
      HttpResponse<String> odd = send("GET", "/api/teams?secret=s3cr3t-in-query", "has spaces and ; semicolons", null);
      String made = odd.headers().firstValue("X-Request-Id").orElse("");
      assertTrue(made.matches("[0-9a-f]{32}"), "an unsafe id is replaced: " + made);
      assertNotEquals("has spaces and ; semicolons", made);
      HttpResponse<String> plain = send("GET", "/api/teams", null, null);
      assertTrue(plain.headers().firstValue("X-Request-Id").orElse("").matches("[0-9a-f]{32}"), "one is made when none is given");
    });

    String nodeId = server.server.nodeId();
    List<JsonObject> ofLogin = lines.stream().filter(l -> "corr-42.a:b".equals(l.getString("requestId"))).toList();
    assertTrue(ofLogin.stream().anyMatch(l -> l.getString("message").contains("failed login for 'admin'")),
        "the handler's own line carries the request id: " + lines);
    JsonObject access = ofLogin.stream().filter(l -> "campo.access".equals(l.getString("logger_name"))).findFirst()
        .orElseThrow(() -> new AssertionError("no access log line for the login: " + lines));
    assertEquals("POST", access.getString("method"));
    assertEquals("/api/auth/login", access.getString("path"));
    assertEquals(401, access.getInteger("status"));
    assertTrue(access.getLong("bytes") > 0);
    assertTrue(access.getDouble("durationMs") >= 0);
    assertEquals(nodeId, access.getString("node"));
    JsonObject teams = lines.stream().filter(l -> "campo.access".equals(l.getString("logger_name")))
        .filter(l -> "/api/teams".equals(l.getString("path"))).findFirst().orElseThrow();
    assertEquals("admin", teams.getString("user"), "the caller, from the token");
    assertEquals(200, teams.getInteger("status"));
    String all = lines.toString();
    assertFalse(all.contains("s3cr3t-in-query"), "no query string in the log");
    assertFalse(all.contains(server.adminToken()), "no token in the log");
    assertFalse(all.contains("not-the-password"), "no password in the log");
  }

  @Test
  void everySeriesTheGrafanaDashboardQueriesIsOnMetrics() throws Exception {
    JsonObject dashboard = new JsonObject(java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "grafana", "campo.json")));
    java.util.Set<String> queried = new java.util.TreeSet<>();
    Matcher names = Pattern.compile("\\b([a-z][a-z0-9_]*)\\{").matcher("");
    for (Object p : dashboard.getJsonArray("panels")) {
      JsonArray targets = ((JsonObject) p).getJsonArray("targets", new JsonArray());
      for (Object t : targets) {
        names.reset(((JsonObject) t).getString("expr"));
        while (names.find()) {
          queried.add(names.group(1));
        }
      }
    }
    assertTrue(queried.size() > 15, "the dashboard's series: " + queried);
    // Some series start with their first event: a phone's fix (MQTT connection, commit, event bus), an API call.
    String token = server.createAgent("dashboard-1");
    Mqtt5AsyncClient phone = Devices.mqtt5(server.server.mqttPort(), "dashboard-1", token);
    phone.publishWith().topic(Devices.telemetryTopic("dashboard-1")).qos(Devices.QOS1)
        .payload(Devices.fix(Devices.now() - 1000, 19.43, -99.13, 1)).send().get(20, TimeUnit.SECONDS);
    assertEquals(200, server.request("GET", "/api/agents", server.adminToken(), null).statusCode());
    // GC pauses are timed from the JVM's GC notifications: a collection must have happened.
    System.gc();
    List<String> missing = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    do {
      String metrics = server.request("GET", "/metrics", null, null).body();
      missing = queried.stream().filter(name -> !Pattern.compile("(?m)^" + name + "[{ ]").matcher(metrics).find()).toList();
      if (!missing.isEmpty()) {
        Thread.sleep(200);
      }
    } while (!missing.isEmpty() && System.nanoTime() < deadline);
    phone.disconnect().get(10, TimeUnit.SECONDS);
    assertEquals(List.of(), missing, "docs/grafana/campo.json queries series /metrics does not have");
  }

  private static HttpResponse<String> send(String method, String path, String requestId, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Authorization", "Bearer " + server.adminToken());
    if (requestId != null) {
      b.header("X-Request-Id", requestId);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Runs {@code action} with the console appender writing into memory; every line must be one JSON object. */
  private static List<JsonObject> captureLogs(ThrowingRunnable action) throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    @SuppressWarnings("unchecked")
    OutputStreamAppender<ILoggingEvent> console = (OutputStreamAppender<ILoggingEvent>) LogOutput.console(context);
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    console.setOutputStream(captured);
    try {
      action.run();
      // The access line is written once the answer has gone out: give the event loop a moment to get there.
      Thread.sleep(300);
    } finally {
      // Back to whatever System.out is at each write, as logback's console target does; never closed.
      console.setOutputStream(new OutputStream() {
        @Override
        public void write(int b) {
          System.out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          System.out.write(b, off, len);
        }

        @Override
        public void flush() {
          System.out.flush();
        }
      });
    }
    List<JsonObject> out = new ArrayList<>();
    for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        out.add(new JsonObject(line));
      }
    }
    assertFalse(out.isEmpty(), "nothing was logged");
    return out;
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  private static JsonObject check(JsonObject health, String id) {
    JsonArray checks = health.getJsonArray("checks");
    return checks.stream().map(JsonObject.class::cast).filter(c -> id.equals(c.getString("id"))).findFirst()
        .orElseThrow(() -> new AssertionError("no check " + id + " in " + health.encode()));
  }

  private static List<String> lines(String text, String prefix) {
    return text.lines().filter(l -> l.startsWith(prefix)).toList();
  }
}
