package io.campo.load.bench.live;

import io.campo.load.bench.BenchCommand;
import io.campo.load.bench.DurationText;
import io.campo.load.fleet.AgentCredentials;
import io.campo.load.fleet.FleetCounts;
import io.campo.server.CampoServer;
import io.campo.server.agent.AgentRegistry;
import io.campo.server.config.CampoConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@code ./campo bench live}: the live map under a fleet. The real server (embedded PostgreSQL in a temporary folder, or
 * {@code CAMPO_DB_URL}), N simulated phones each on its own MQTT connection publishing one fix per interval (in a child
 * process: see {@link FleetProcess}), and the
 * real map page {@code /} in headless chromium, logged in as admin. After a warm-up, the page's own instrumentation
 * ({@code window.campoStats}) is read for the measured phase: how long from a fix's device time to its marker moving,
 * frames and marker updates per second, whether unapplied frames pile up, and how busy the page's main thread was.
 */
public final class LiveBenchmark implements BenchCommand {

  /** Delays are taken from the page this often, well before its ring of 200,000 fills at 10,000 updates/s. */
  private static final Duration SAMPLE_EVERY = Duration.ofSeconds(2);
  private static final Duration CONNECT_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration PAGE_READY_TIMEOUT = Duration.ofMinutes(2);

  @Override
  public String name() {
    return "live";
  }

  @Override
  public String usage() {
    return LiveOptions.USAGE;
  }

  @Override
  public int run(List<String> args) throws Exception {
    LiveOptions options = LiveOptions.parse(args);
    Path dataDir = Files.createTempDirectory("campo-bench-live-");
    String password = UUID.randomUUID().toString();
    try (CampoServer server = CampoServer.start(CampoConfig.from(environment(dataDir, password)))) {
      List<AgentCredentials> agents = createAgents(server, options.agents());
      System.out.printf("live: %,d agents, one fix every %s each, MQTT %s; warm-up %s, measured %s%n", options.agents(),
          DurationText.format(options.interval()), options.mqtt().label(), DurationText.format(options.warmup()),
          DurationText.format(options.duration()));
      try (FleetChild fleet = FleetChild.start(options, "127.0.0.1", server.mqttPort(), agents)) {
        fleet.awaitConnected(agents.size(), CONNECT_TIMEOUT);
        System.out.printf("fleet: %,d agents connected (in a process of their own, at nice %d)%n", agents.size(),
            options.fleetNiceness());
        String url = "http://127.0.0.1:" + server.httpPort() + "/";
        ServerSideDelay serverSide = ServerSideDelay.listen(server.vertx());
        try (MapPage page = MapPage.open(url, "admin", password, PAGE_READY_TIMEOUT)) {
          System.out.println("page ready: " + url);
          return measure(options, page, fleet, serverSide);
        }
      }
    } finally {
      deleteRecursively(dataDir);
    }
  }

  private static int measure(LiveOptions options, MapPage page, FleetChild fleet, ServerSideDelay serverSide) throws Exception {
    Thread.sleep(options.warmup().toMillis());
    page.discardDelays();
    page.recordStages();
    fleet.measure();
    serverSide.reset();
    LiveReport report = new LiveReport(options.maxP99Millis());
    StageBreakdown stages = new StageBreakdown();
    PageCounters start = page.counters();
    String workAtStart = page.work();
    PageCounters middle = start;
    long startNanos = System.nanoTime();
    long endNanos = startNanos + options.duration().toNanos();
    long middleNanos = startNanos + options.duration().toNanos() / 2;
    long nextProgress = startNanos + Duration.ofSeconds(10).toNanos();
    boolean middleTaken = false;
    while (System.nanoTime() < endNanos) {
      Thread.sleep(Math.min(SAMPLE_EVERY.toMillis(), Math.max(1, (endNanos - System.nanoTime()) / 1_000_000)));
      report.record(page.takeDelays());
      stages.record(page.takeStages());
      PageCounters now = page.counters();
      if (!middleTaken && now.atNanos() >= middleNanos) {
        middle = now;
        middleTaken = true;
      }
      if (now.atNanos() >= nextProgress) {
        nextProgress += Duration.ofSeconds(10).toNanos();
        System.out.printf("  %3.0f s: %,.0f updates/s, %.1f frames/s, backlog %d, p99 so far %d ms%n", now.secondsSince(start),
            now.agentUpdatesPerSecondSince(start), now.framesPerSecondSince(start), now.backlog(), report.p99Millis());
      }
    }
    PageCounters end = page.counters();
    report.record(page.takeDelays());
    stages.record(page.takeStages());
    FleetCounts counts = fleet.stop();
    System.out.printf("fleet: %,d fixes sent, %,d acknowledged, %,d refused, %,d failed%n", counts.sent(), counts.acknowledged(),
        counts.refused(), counts.failed());
    stages.print(System.out, serverSide, report.delays());
    System.out.printf("page main-thread work (ms, cumulative, parse/apply/draw/list): start %s, end %s%n", workAtStart, page.work());
    report.print(System.out, start, middle, end);
    return report.passed(middle, end) ? 0 : 1;
  }

  private static Map<String, String> environment(Path dataDir, String adminPassword) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("CAMPO_DATA_DIR", dataDir.toString());
    env.put("CAMPO_BIND", "127.0.0.1");
    env.put("CAMPO_HTTP_PORT", "0");
    // Every simulated phone connects from 127.0.0.1: no per-address cap here (docs/security.md).
    env.put("CAMPO_MQTT_MAX_CONNECTIONS_PER_ADDRESS", "0");
    env.put("CAMPO_MQTT_PORT", "0");
    env.put("CAMPO_MQTT_WS_PORT", "-1");
    env.put("CAMPO_OSMAND_PORT", "-1");
    env.put("CAMPO_ADMIN_PASSWORD", adminPassword);
    // The live feed is measured, not planning: no road import competing for the two cores.
    env.put("CAMPO_ROADS", "none");
    return env;
  }

  private static List<AgentCredentials> createAgents(CampoServer server, int count) throws Exception {
    AgentRegistry registry = new AgentRegistry(server.database().dataSource());
    List<AgentCredentials> agents = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      String id = String.format("live-%05d", i);
      agents.add(new AgentCredentials(id, registry.create(id, "Agente " + i).deviceToken()));
    }
    return agents;
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("campo bench live: could not delete " + dir + ": " + e.getMessage());
    }
  }
}
