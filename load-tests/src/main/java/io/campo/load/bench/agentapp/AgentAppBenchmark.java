package io.campo.load.bench.agentapp;

import io.campo.load.bench.BenchCommand;
import io.campo.server.CampoServer;
import io.campo.server.agent.AgentRegistry;
import io.campo.server.config.CampoConfig;
import io.campo.server.enrolment.EnrolmentLink;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./campo bench agent-app}: the real server on its embedded PostgreSQL (a fresh folder), one agent with a full
 * day seeded, and the agent app in headless chromium: bytes of the first load, time until the day is usable on "Fast
 * 3G", time of an offline reload, and the size of {@code GET /api/me/day}. See {@link AgentAppReport} for the targets.
 */
public final class AgentAppBenchmark implements BenchCommand {

  static final String AGENT = "bench-agent";

  @Override
  public String name() {
    return "agent-app";
  }

  @Override
  public String usage() {
    return AgentAppOptions.USAGE;
  }

  @Override
  public int run(List<String> args) throws Exception {
    AgentAppOptions options = AgentAppOptions.parse(args);
    Path dataDir = Files.createTempDirectory("campo-bench-agent-app");
    CampoConfig config = CampoConfig.from(environment(dataDir));
    try (CampoServer server = CampoServer.start(config)) {
      String deviceToken = new AgentRegistry(server.database().dataSource()).create(AGENT, "Agente de prueba").deviceToken();
      SeededDay.seed(server.database().dataSource(), AGENT, options.stops(), LocalDate.now(config.timeZone()));
      String origin = "http://127.0.0.1:" + server.httpPort();
      String link = new EnrolmentLink(origin, AGENT, deviceToken).url();
      long[] day = daySizes(origin, deviceToken);
      List<Long> firstLoad = new ArrayList<>();
      List<Long> offline = new ArrayList<>();
      List<Long> usable = new ArrayList<>();
      try (AgentAppBrowser browser = AgentAppBrowser.launch()) {
        for (int run = 0; run < options.runs(); run++) {
          AgentAppBrowser.FirstLoad loaded = browser.firstLoadThenOfflineReload(origin, link, options.stops());
          firstLoad.add(loaded.bytes());
          offline.add(loaded.offlineReloadMillis());
          usable.add(browser.usableMillisOnFast3g(link, options.stops()));
        }
      }
      AgentAppReport report = new AgentAppReport(options.stops(), firstLoad, usable, offline, day[0], day[1]);
      System.out.printf("network emulation \"Fast 3G\": latency %.1f ms, down %,d B/s, up %,d B/s (Chrome DevTools' preset)%n",
          AgentAppBrowser.FAST_3G_LATENCY_MS, AgentAppBrowser.FAST_3G_DOWN_BYTES_PER_S, AgentAppBrowser.FAST_3G_UP_BYTES_PER_S);
      report.print(System.out);
      return report.allMet() ? 0 : 1;
    }
  }

  /** {@code GET /api/me/day}: the body's bytes without compression, and with gzip as a phone's browser asks. */
  private static long[] daySizes(String origin, String deviceToken) throws Exception {
    // HTTP/1.1 as a phone's browser speaks to a plain-http server (Java's client would otherwise try an h2c upgrade).
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(origin + "/api/auth/device"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
            new JsonObject().put("agentId", AGENT).put("deviceToken", deviceToken).encode())).build(),
        HttpResponse.BodyHandlers.ofString());
    if (login.statusCode() != 200) {
      throw new IllegalStateException("device login: " + login.statusCode() + " " + login.body());
    }
    String jwt = new JsonObject(login.body()).getString("token");
    HttpResponse<byte[]> plain = http.send(HttpRequest.newBuilder(URI.create(origin + "/api/me/day"))
        .header("Authorization", "Bearer " + jwt).header("Accept-Encoding", "identity").build(), HttpResponse.BodyHandlers.ofByteArray());
    if (plain.headers().firstValue("Content-Encoding").isPresent()) {
      throw new IllegalStateException("GET /api/me/day was compressed though asked not to be: " + plain.headers().map());
    }
    long raw = plain.body().length;
    HttpResponse<byte[]> gzip = http.send(HttpRequest.newBuilder(URI.create(origin + "/api/me/day"))
        .header("Authorization", "Bearer " + jwt).header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
    if (!"gzip".equals(gzip.headers().firstValue("Content-Encoding").orElse(null))) {
      throw new IllegalStateException("GET /api/me/day was not compressed: " + gzip.headers().map());
    }
    try (var unzipped = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzip.body()))) {
      long inflated = unzipped.readAllBytes().length;
      if (inflated != raw) {
        throw new IllegalStateException("the gzip answer inflates to " + inflated + " bytes, the plain one has " + raw);
      }
    }
    return new long[] {raw, gzip.body().length};
  }

  private static Map<String, String> environment(Path dataDir) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("CAMPO_DATA_DIR", dataDir.toString());
    env.remove("CAMPO_DB_URL");
    env.put("CAMPO_BIND", "127.0.0.1");
    env.put("CAMPO_HTTP_PORT", "0");
    env.put("CAMPO_MQTT_PORT", "0");
    // The app's live link is not what is measured: with no WebSocket listener it skips MQTT.
    env.put("CAMPO_MQTT_WS_PORT", "-1");
    env.put("CAMPO_OSMAND_PORT", "-1");
    env.put("CAMPO_ADMIN_PASSWORD", "bench-agent-app-admin");
    env.put("CAMPO_ROADS", "none");
    return env;
  }
}
