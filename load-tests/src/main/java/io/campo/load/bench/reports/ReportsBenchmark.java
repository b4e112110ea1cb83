package io.campo.load.bench.reports;

import io.campo.load.bench.BenchArgumentException;
import io.campo.load.bench.BenchCommand;
import io.campo.load.bench.CommandLineFlags;
import io.campo.load.bench.DurationText;
import io.campo.load.bench.reports.RawContactHours.Cell;
import io.campo.load.bench.reports.ReportDataGenerator.RollupMaintenance;
import io.campo.load.bench.reports.ReportDataGenerator.Shape;
import io.campo.load.bench.reports.ReportDataGenerator.Step;
import io.campo.server.CampoServer;
import io.campo.server.config.CampoConfig;
import io.campo.server.report.DistanceRollup;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * {@code ./campo bench reports}: the contact-hour and KPI reports over a year of generated field
 * work (10 M visits by default), through the real HTTP API of a real server on its own embedded
 * PostgreSQL, against their targets; and the contact-hour matrix computed straight from the visit
 * table as the baseline the rollup exists to beat.
 */
public final class ReportsBenchmark implements BenchCommand {

  static final double CONTACT_HOURS_TARGET_MS = 500;
  static final double KPIS_TARGET_MS = 1_000;

  @Override
  public String name() {
    return "reports";
  }

  @Override
  public String usage() {
    return "[--visits 10000000] [--agents 500] [--debtors 200000] [--days 365] [--repeat 5] [--fix-every 15m|0]"
        + " [--rollups rebuild|triggers] [--seed 1] [--keep DIR | --reuse DIR]";
  }

  @Override
  public int run(List<String> args) throws Exception {
    CommandLineFlags flags = CommandLineFlags.parse(args,
        Set.of("visits", "agents", "debtors", "days", "repeat", "fix-every", "rollups", "seed", "keep", "reuse"));
    int repeat = flags.integer("repeat", 5, 1, 1_000);
    Path reuse = flags.text("reuse").map(Path::of).orElse(null);
    Path keep = flags.text("keep").map(Path::of).orElse(null);
    if (reuse != null && keep != null) {
      throw new BenchArgumentException("--reuse already keeps its folder; give --keep or --reuse, not both");
    }
    if (reuse != null) {
      for (String generating : List.of("visits", "agents", "debtors", "days", "fix-every", "rollups", "seed")) {
        if (flags.has(generating)) {
          throw new BenchArgumentException("--" + generating + " shapes the generated data; --reuse reads the data already in "
              + reuse);
        }
      }
      return measure(reuse, KeptDatabase.read(reuse), null, repeat);
    }
    Shape shape = shape(flags);
    RollupMaintenance rollups = switch (flags.text("rollups").orElse("rebuild").toLowerCase(Locale.ROOT)) {
      case "triggers" -> RollupMaintenance.TRIGGERS;
      case "rebuild" -> RollupMaintenance.REBUILD;
      default -> throw new BenchArgumentException("--rollups must be 'triggers' or 'rebuild'");
    };
    Path dir;
    if (keep != null) {
      if (Files.exists(keep) && (!Files.isDirectory(keep) || Files.list(keep).findAny().isPresent())) {
        throw new BenchArgumentException("--keep " + keep + " must be a new or empty folder");
      }
      dir = Files.createDirectories(keep);
    } else {
      dir = Files.createTempDirectory("campo-bench-reports-");
    }
    try {
      return measure(dir, null, new Generation(shape, rollups, UUID.randomUUID().toString(), keep != null), repeat);
    } finally {
      if (keep == null) {
        delete(dir);
      } else {
        System.out.println("kept: " + dir.toAbsolutePath() + " (measure again with --reuse " + dir + ")");
      }
    }
  }

  /** What to generate, for a run that does not reuse a kept folder. */
  private record Generation(Shape shape, RollupMaintenance rollups, String adminPassword, boolean keep) {}

  private static Shape shape(CommandLineFlags flags) {
    int visits = flags.integer("visits", 10_000_000, 1, 500_000_000);
    int agents = flags.integer("agents", 500, 1, 99_999);
    int debtors = flags.integer("debtors", 200_000, 1, 50_000_000);
    int days = flags.integer("days", 365, 1, 3 * 365);
    int seed = flags.integer("seed", 1, 0, Integer.MAX_VALUE);
    String fixText = flags.text("fix-every").orElse("15m");
    java.time.Duration fixEvery = DurationText.parseAllowingZero("--fix-every", fixText);
    int fixEveryMinutes = (int) fixEvery.toMinutes();
    if (!fixEvery.isZero() && (fixEvery.toMillis() % 60_000 != 0 || fixEveryMinutes < 1
        || fixEveryMinutes > 60 * ReportDataGenerator.SHIFT_HOURS)) {
      throw new BenchArgumentException("--fix-every must be whole minutes from 1m to " + ReportDataGenerator.SHIFT_HOURS
          + "h, or 0 for no telemetry; got " + fixText);
    }
    // The last generated day is yesterday in the server's zone, so "the last month" is a real month of data.
    ZoneId zone = ZoneId.of(System.getenv().getOrDefault("CAMPO_TIME_ZONE", "America/Mexico_City"));
    return new Shape(visits, agents, debtors, days, fixEveryMinutes, seed, LocalDate.now(zone).minusDays(1));
  }

  private int measure(Path dir, KeptDatabase kept, Generation generation, int repeat) throws Exception {
    String password = kept != null ? kept.adminPassword() : generation.adminPassword();
    Map<String, String> env = new HashMap<>(System.getenv());
    // Always its own embedded database: 10 M generated visits must never land in a shared one.
    env.remove("CAMPO_DB_URL");
    env.put("CAMPO_DATA_DIR", dir.toString());
    env.put("CAMPO_BIND", "127.0.0.1");
    env.put("CAMPO_HTTP_PORT", "0");
    // Every simulated phone connects from 127.0.0.1: no per-address cap here (docs/security.md).
    env.put("CAMPO_MQTT_MAX_CONNECTIONS_PER_ADDRESS", "0");
    env.put("CAMPO_MQTT_PORT", "0");
    env.put("CAMPO_MQTT_WS_PORT", "-1");
    env.put("CAMPO_OSMAND_PORT", "-1");
    env.put("CAMPO_ADMIN_PASSWORD", password);
    env.put("CAMPO_ROADS", "none");
    // The generated year of telemetry must survive the next start's partition maintenance.
    env.put("CAMPO_TELEMETRY_RETENTION_DAYS", "0");
    if (kept != null) {
      env.put("CAMPO_TIME_ZONE", kept.zone());
    }
    long bootStarted = System.nanoTime();
    CampoConfig config = CampoConfig.from(env);
    try (CampoServer server = CampoServer.start(config)) {
      System.out.printf("server up in %.1f s (data in %s)%n", (System.nanoTime() - bootStarted) / 1e9, dir);
      DataSource ds = server.database().dataSource();
      LocalDate first;
      LocalDate last;
      if (kept == null) {
        Shape shape = generation.shape();
        first = shape.firstDay();
        last = shape.lastDay();
        System.out.printf("generating %,d visits by %,d agents in %d teams to %,d debtors over %d days (%s..%s), telemetry %s,"
                + " rollups by %s%n", shape.visits(), shape.agents(), shape.teams(), shape.debtors(), shape.days(), first, last,
            shape.fixEveryMinutes() == 0 ? "none" : "every " + shape.fixEveryMinutes() + " min",
            generation.rollups().name().toLowerCase(Locale.ROOT));
        long started = System.nanoTime();
        List<Step> steps = new ReportDataGenerator(ds, System.out).generate(shape, generation.rollups());
        double total = (System.nanoTime() - started) / 1e9;
        System.out.println("load:");
        for (Step s : steps) {
          System.out.printf("  %-52s %,13d rows %9.1f s %,12.0f rows/s%n", s.what(), s.rows(), s.seconds(), s.rowsPerSecond());
        }
        System.out.printf("  %-52s %,13d visits %7.1f s %,12.0f visits/s overall%n", "total", shape.visits(), total,
            shape.visits() / total);
        if (generation.keep()) {
          try (var c = ds.getConnection()) {
            new KeptDatabase(password, ReportDataGenerator.rollupZone(c), first, last, shape.visits(), shape.agents(),
                shape.debtors(), shape.fixEveryMinutes()).write(dir);
          }
        }
      } else {
        first = kept.firstDay();
        last = kept.lastDay();
        System.out.printf("reusing %,d visits by %,d agents to %,d debtors, %s..%s%n", kept.visits(), kept.agents(),
            kept.debtors(), first, last);
      }
      // After a load, and after a start on a kept folder (the server's own refresh at boot runs in the
      // background; this one waits for it on the watermark's row lock), before any report is timed.
      refreshDistanceRollup(ds, config.timeZone());
      Baseline baseline = rollupAgainstVisits(ds, first, last);
      boolean ok = timeReports(server, password, first, last, repeat, baseline);
      return ok && baseline.matches() ? 0 : 1;
    }
  }

  /**
   * The KPIs' distance rollup ({@link DistanceRollup}) is refreshed by the server at boot and every few minutes, so
   * right after the load it would hold none of the generated telemetry: refreshed here, once, before the reports are
   * timed.
   */
  private static void refreshDistanceRollup(DataSource ds, ZoneId zone) throws Exception {
    long started = System.nanoTime();
    int agentDays = new DistanceRollup(ds, zone).refresh();
    System.out.printf("distance rollup refreshed: %,d agent-days in %.1f s%n", agentDays, (System.nanoTime() - started) / 1e9);
  }

  /** The whole range's matrix by raw SQL and from the rollup by SQL, each timed once; {@code matches} when equal. */
  private record Baseline(boolean matches, double rawMillis, double rollupSqlMillis) {}

  /** The raw GROUP BY, timed once: the baseline, and the reference the rollup's cells must equal. */
  private static Baseline rollupAgainstVisits(DataSource ds, LocalDate first, LocalDate last) throws Exception {
    long started = System.nanoTime();
    Map<Integer, Cell> raw = RawContactHours.fromVisits(ds, first, last);
    double rawMillis = (System.nanoTime() - started) / 1e6;
    started = System.nanoTime();
    Map<Integer, Cell> rollup = RawContactHours.fromRollup(ds, first, last);
    double rollupSqlMillis = (System.nanoTime() - started) / 1e6;
    long attempts = raw.values().stream().mapToLong(Cell::attempts).sum();
    if (!raw.equals(rollup)) {
      System.out.printf("rollup check: FAIL: visit_contact_hourly differs from the visit table (%d cells raw, %d rollup)%n",
          raw.size(), rollup.size());
      return new Baseline(false, rawMillis, rollupSqlMillis);
    }
    long rollupRows;
    long visits;
    try (var c = ds.getConnection()) {
      rollupRows = ReportDataGenerator.count(c, "SELECT count(*) FROM visit_contact_hourly");
      visits = ReportDataGenerator.count(c, "SELECT count(*) FROM visit");
    }
    System.out.printf("rollup check: visit_contact_hourly equals the visit table: %d weekday-hour cells, %,d attempts%n",
        raw.size(), attempts);
    // What the report scans: when each (day, hour, agent, segment) bucket holds about one visit, the rollup saves little.
    System.out.printf("rollup size: %,d rows for %,d visits (%.1f visits per row)%n", rollupRows, visits,
        rollupRows == 0 ? 0.0 : (double) visits / rollupRows);
    return new Baseline(true, rawMillis, rollupSqlMillis);
  }

  private static boolean timeReports(CampoServer server, String password, LocalDate first, LocalDate last, int repeat,
      Baseline baseline) throws Exception {
    String base = "http://127.0.0.1:" + server.httpPort();
    ReportTimer timer = new ReportTimer(base, login(base, password));
    List<ReportFilter> filters = ReportFilter.standard(first, last);
    boolean ok = true;
    System.out.printf("GET /api/reports/contact-hours, 1 warm-up + %d timed each, PASS when every run <= %.0f ms:%n", repeat,
        CONTACT_HOURS_TARGET_MS);
    double wholeRangeP50 = Double.NaN;
    for (ReportFilter f : filters) {
      ReportTimer.Timing t = timer.time("/api/reports/contact-hours", f, repeat);
      ok &= print(f, t, CONTACT_HOURS_TARGET_MS);
      if (f == filters.get(0)) {
        wholeRangeP50 = t.millis().length > 0 ? t.p50() : Double.NaN;
      }
    }
    System.out.printf("GET /api/reports/kpis, 1 warm-up + %d timed each, PASS when every run <= %.0f ms:%n", repeat, KPIS_TARGET_MS);
    for (ReportFilter f : filters) {
      ReportTimer.Timing t = timer.time("/api/reports/kpis", f, repeat);
      if (t.status() == 404) {
        System.out.println("  kpis: endpoint not on this server");
        break;
      }
      ok &= print(f, t, KPIS_TARGET_MS);
    }
    System.out.printf("baseline, whole range: raw SQL GROUP BY over visit %,.0f ms; the same cells from the rollup by SQL %,.1f ms;"
        + " over HTTP p50 %,.1f ms%n", baseline.rawMillis(), baseline.rollupSqlMillis(), wholeRangeP50);
    System.out.printf("rollup vs raw: %,.0fx faster (HTTP p50 against the raw SQL)%n", baseline.rawMillis() / wholeRangeP50);
    return ok;
  }

  private static boolean print(ReportFilter f, ReportTimer.Timing t, double targetMs) {
    if (t.millis().length == 0) {
      System.out.printf("  %-58s FAIL: HTTP %d %s%n", f.describe(), t.status(), abbreviate(t.body()));
      return false;
    }
    boolean pass = t.max() <= targetMs;
    // Every run, in order: a step up after the fifth is a plan change (a cached generic plan), not noise.
    String runs = java.util.Arrays.stream(t.millis()).mapToObj(ms -> String.format(Locale.ROOT, "%.0f", ms))
        .collect(java.util.stream.Collectors.joining(" "));
    System.out.printf("  %-58s p50 %8.1f ms  max %8.1f ms  %s  [%s]%n", f.describe(), t.p50(), t.max(), pass ? "PASS" : "FAIL",
        runs);
    return pass;
  }

  private static String abbreviate(String body) {
    return body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "..." : body;
  }

  private static String login(String base, String password) throws IOException, InterruptedException {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", "admin").put("password", password).encode()))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("admin login failed: " + r.statusCode() + " " + r.body());
    }
    return new JsonObject(r.body()).getString("token");
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e.getMessage());
    }
  }
}
