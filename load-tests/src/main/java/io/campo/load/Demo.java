package io.campo.load;

import io.campo.load.demo.DemoAgents;
import io.campo.load.demo.DemoCityArea;
import io.campo.load.demo.DemoDayRequest;
import io.campo.load.demo.DemoDispatcher;
import io.campo.load.demo.DemoHistory;
import io.campo.load.demo.DemoTeams;
import io.campo.load.demo.DemoPlanning;
import io.campo.load.demo.DemoPortfolio;
import io.campo.load.demo.DemoVisits;
import io.campo.load.demo.PlanningApi;
import io.campo.load.demo.WalkThroughAgent;
import io.campo.load.fleet.AgentCredentials;
import io.campo.load.fleet.FleetSettings;
import io.campo.load.fleet.MqttVersion;
import io.campo.load.fleet.Pace;
import io.campo.load.fleet.SimulatedFleet;
import io.campo.server.CampoMain;
import io.campo.server.CampoServer;
import io.campo.server.agent.AgentRegistry;
import io.campo.server.auth.UserAccounts;
import io.campo.server.portfolio.DebtorTeams;
import io.campo.server.team.DebtorScope;
import io.campo.server.team.Teams;
import io.campo.server.config.CampoConfig;
import io.campo.server.config.ConfigException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./campo demo}: the real server (embedded PostgreSQL in {@code .campo/} unless {@code
 * CAMPO_DB_URL} says otherwise) and 50 simulated agents around Mexico City's centre. They wander
 * the streets until the road network is loaded; then the demo's dispatcher plans their day
 * through the HTTP API, each phone receives its route over MQTT, and the agents drive it along
 * the roads, {@code CAMPO_DEMO_SPEEDUP} times faster than real time (10 unless set), until
 * Ctrl-C.
 */
public final class Demo {

  static final double DEFAULT_SPEEDUP = 10;
  private static final double MAX_SPEEDUP = 3_600;
  /**
   * A phone on the road reports about every 10 s; at a speed-up the demo reports as often in demo
   * time, so a track bends with the streets instead of cutting corners (at most 5 s, for a
   * moving map at real time; at least 0.5 s, to keep the load a demo's).
   */
  private static final Duration DEMO_TIME_BETWEEN_FIXES = Duration.ofSeconds(10);
  private static final double WANDER_RADIUS_METRES = 3_000;
  private static final int PLAN_TIME_LIMIT_SECONDS = 20;
  // Fixed, so that each run's agents start from the same streets and plan the same visits.
  private static final long SEED = 19_4326;
  /** A console line every this many visits submitted. */
  private static final int PRINT_VISITS_EVERY = 10;

  /** How many weeks of past visits the demo seeds. */
  static final int HISTORY_WEEKS = 8;

  private Demo() {}

  public static void main(String[] args) throws Exception {
    CampoConfig config;
    double speedup;
    try {
      // The simulated fleet connects every phone from 127.0.0.1: no per-address MQTT cap unless one is set.
      Map<String, String> env = new HashMap<>(System.getenv());
      env.putIfAbsent("CAMPO_MQTT_MAX_CONNECTIONS_PER_ADDRESS", "0");
      config = CampoConfig.from(env);
      speedup = speedup(System.getenv("CAMPO_DEMO_SPEEDUP"));
    } catch (ConfigException e) {
      System.err.println("campo demo: " + e.getMessage());
      System.exit(2);
      return;
    }
    DemoCityArea city = DemoCityArea.ofKilometres(config.demoCityKm());
    Duration publishInterval = publishInterval(speedup);
    CampoServer server = CampoServer.start(config);
    SimulatedFleet fleet;
    List<AgentCredentials> agents;
    Optional<String> dispatcherPassword;
    DemoPortfolio portfolio;
    DemoVisits visits;
    WalkThroughAgent walkThrough;
    DemoDispatcher dispatcher = new DemoDispatcher(new UserAccounts(server.database().dataSource()), config.dataDir());
    try {
      agents = new DemoAgents(new AgentRegistry(server.database().dataSource()), config.dataDir()).ensure();
      dispatcherPassword = dispatcher.ensurePassword();
      new DemoTeams(new Teams(server.database().dataSource()), new UserAccounts(server.database().dataSource()), server.features().teamScope())
          .ensure(agents.stream().map(AgentCredentials::agentId).toList(), DemoDispatcher.USERNAME);
      // Wandering stays inside the demo city, so that no agent starts its day off the map.
      double wanderRadius = Math.min(WANDER_RADIUS_METRES, city.reachMetres());
      List<String> agentIds = agents.stream().map(AgentCredentials::agentId).toList();
      // One debtor per visit of the day: the visits' places do not depend on the clock, only their windows do.
      JsonObject day = new DemoDayRequest(city, SEED, PLAN_TIME_LIMIT_SECONDS).forAgents(agentIds, ZonedDateTime.now(config.timeZone()));
      portfolio = new DemoPortfolio(day.getJsonArray("visits"), LocalDate.now(config.timeZone()), SEED);
      // Every agent is planned; one is left to a person in a browser (WalkThroughAgent), the rest are simulated phones.
      walkThrough = WalkThroughAgent.choose(agents);
      visits = new DemoVisits(URI.create("http://127.0.0.1:" + server.httpPort() + "/"), walkThrough.simulated(),
          DemoVisits.lazyAgents(agentIds), portfolio, config.timeZone(), SEED, System.out, PRINT_VISITS_EVERY);
      // Paced: fixes carry wall-clock times, and the server must believe each visit's track (see Pace).
      fleet = SimulatedFleet.start(new FleetSettings("127.0.0.1", server.mqttPort(), MqttVersion.V5, publishInterval,
          city.centre(), wanderRadius, SEED, speedup).withPace(Pace.PLAUSIBLE), walkThrough.simulated(), visits);
    } catch (Exception e) {
      server.close();
      throw e;
    }
    // The fleet first: its clients disconnect while the server can still answer them.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      fleet.close();
      visits.close();
      server.close();
    }, "campo-demo-shutdown"));
    CampoMain.printBanner(server);
    dispatcherPassword.ifPresentOrElse(
        p -> System.out.println("  dispatcher: " + DemoDispatcher.USERNAME + " / " + p + "   (kept in " + dispatcher.passwordFile() + ")"),
        () -> System.out.println("  dispatcher: '" + DemoDispatcher.USERNAME + "' exists but " + dispatcher.passwordFile()
            + " does not hold its password; the demo cannot plan (delete the data folder to start afresh)"));
    System.out.println("  teams     : " + String.join(" and ", DemoTeams.IDS) + ", half the fleet each; "
        + DemoDispatcher.USERNAME + " belongs to both, so the map shows everyone");
    System.out.printf("  fleet     : %d simulated agents around Mexico City's centre, one fix every %.1f s each;"
        + " they wander until their day is planned, then drive it %s× faster than real time (Ctrl-C stops the demo)%n",
        fleet.size(), publishInterval.toMillis() / 1000.0, format(speedup));
    if (walkThrough.walker() != null) {
      walkThrough.signInLines(httpBase(server, config)).forEach(System.out::println);
    }
    System.out.println();
    awaitConnected(fleet);
    if (dispatcherPassword.isPresent() && !agents.isEmpty()) {
      importPortfolio(server, portfolio, dispatcherPassword.get());
      seedHistory(server, agents.size());
      planTheDay(server, fleet, config, city, agents, dispatcherPassword.get(), speedup);
    }
    new CountDownLatch(1).await();
  }

  private static void planTheDay(CampoServer server, SimulatedFleet fleet, CampoConfig config, DemoCityArea city,
      List<AgentCredentials> agents, String password, double speedup) throws InterruptedException {
    DemoPlanning planning = new DemoPlanning(server::planningUnavailableReason,
        new PlanningApi(URI.create("http://127.0.0.1:" + server.httpPort() + "/")), System.out);
    List<String> agentIds = agents.stream().map(AgentCredentials::agentId).toList();
    // Built once the roads are ready, so that the shifts start when the plan is made: "now".
    // Drawn from the portfolio, so the server learns each visit's windows from the seeded history (DemoHistory).
    Optional<DemoPlanning.PlannedDay> planned = planning.plan(DemoDispatcher.USERNAME, password,
        () -> DemoDayRequest.drawnFromPortfolio(
            new DemoDayRequest(city, SEED, PLAN_TIME_LIMIT_SECONDS).forAgents(agentIds, ZonedDateTime.now(config.timeZone()))));
    if (planned.isEmpty()) {
      return;
    }
    long id = planned.get().planId();
    long deadline = System.currentTimeMillis() + 15_000;
    // The walk-through agent's route has no simulated phone to drive it.
    int simulatedRoutes = Math.min(planned.get().agentsWithRoutes(), fleet.size());
    while (fleet.agentsDriving(id) < simulatedRoutes && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    double minutes = DemoDayRequest.SHIFT.toMinutes() / speedup;
    System.out.printf("  fleet     : %d of %d agents drive plan %d along the roads; their %d-hour day lasts at least %.0f min here"
        + " (no faster than %.0f km/h on the road, at least %.1f min at each door, so the server believes each visit's track)%n",
        fleet.agentsDriving(id), agents.size(), id, DemoDayRequest.SHIFT.toHours(), minutes, Pace.PLAUSIBLE.maxRoadSpeedMps() * 3.6,
        Pace.PLAUSIBLE.minDoorSeconds() / 60);
    System.out.println("  visits    : each phone submits a visit when it leaves a door (POST /api/visits); lazy agents "
        + DemoVisits.lazyAgents(agents.stream().map(AgentCredentials::agentId).toList())
        + " check in 200–400 m away, so those come back REJECTED");
    System.out.println();
  }

  /** Weeks of past visits to the portfolio, once (a later start finds them and skips). */
  private static void seedHistory(CampoServer server, int agents) {
    long t0 = System.nanoTime();
    try {
      int written = new DemoHistory(server.database().dataSource()).seed(HISTORY_WEEKS, agents);
      if (written > 0) {
        System.out.printf("  history   : %d past visits over %d weeks seeded in %d ms (salaried debtors found in the evening and"
            + " on Saturdays, shopkeepers on weekday mornings): see the contact-hour report%n", written, HISTORY_WEEKS,
            (System.nanoTime() - t0) / 1_000_000);
      } else {
        System.out.println("  history   : already seeded");
      }
    } catch (java.sql.SQLException e) {
      System.out.println("  history   : not seeded: " + e.getMessage());
    }
  }

  /** The day's debtors, through {@code POST /api/debtors/import} as the dispatcher: an upsert, so every run may do it. */
  private static void importPortfolio(CampoServer server, DemoPortfolio portfolio, String password) throws InterruptedException {
    PlanningApi api = new PlanningApi(URI.create("http://127.0.0.1:" + server.httpPort() + "/"));
    try {
      adoptTeamlessDebtors(server, portfolio);
      JsonObject answer = api.importDebtors(api.login(DemoDispatcher.USERNAME, password), portfolio.importRowsInTeams());
      System.out.printf("  portfolio : %d debtors imported by %s (%d new, %d updated, %d rejected) in %d ms;"
          + " their visits are today's plan%n", portfolio.size(), DemoDispatcher.USERNAME, answer.getInteger("imported", 0),
          answer.getInteger("updated", 0), answer.getInteger("rejectedCount", 0), answer.getLong("millis", 0L));
      if (answer.getInteger("rejectedCount", 0) > 0) {
        System.out.println("  portfolio : rejected rows: " + answer.getJsonArray("rejected"));
      }
    } catch (IOException e) {
      System.out.println("  portfolio : import failed: " + e.getMessage() + " (visits to unknown debtors will be refused)");
    }
  }

  /**
   * A demo folder from before debtors had teams holds them without one, and the dispatcher's import may not touch a
   * debtor without a team: put them, as an admin would, in the team the import names (logged in their client log).
   */
  private static void adoptTeamlessDebtors(CampoServer server, DemoPortfolio portfolio) {
    DebtorTeams debtorTeams = new DebtorTeams(server.database().dataSource());
    try {
      for (Object o : portfolio.importRowsInTeams()) {
        JsonObject row = (JsonObject) o;
        String id = row.getString("id");
        if (debtorTeams.of(id).map(m -> m.team() == null).orElse(false)) {
          debtorTeams.assign(id, row.getString("team"), "demo", DebtorScope.ALL);
        }
      }
    } catch (SQLException e) {
      System.out.println("  portfolio : could not give the demo's debtors their teams: " + e.getMessage());
    }
  }

  /** Where a person's browser reaches this server: CAMPO_PUBLIC_URL when set, else this machine. */
  static String httpBase(CampoServer server, CampoConfig config) {
    if (config.publicUrl() != null) {
      return config.publicUrl();
    }
    return (server.tlsEnabled() ? "https" : "http") + "://localhost:" + server.httpPort();
  }

  private static void awaitConnected(SimulatedFleet fleet) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 15_000;
    while (fleet.connectedAgents() < fleet.size() && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    System.out.println("  fleet     : " + fleet.connectedAgents() + " of " + fleet.size() + " agents connected");
  }

  static double speedup(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_SPEEDUP;
    }
    try {
      double v = Double.parseDouble(value.trim());
      if (v >= 1 && v <= MAX_SPEEDUP) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException("CAMPO_DEMO_SPEEDUP must be a number from 1 (real time) to " + format(MAX_SPEEDUP) + ", got '" + value + "'");
  }

  static Duration publishInterval(double speedup) {
    long millis = Math.round(DEMO_TIME_BETWEEN_FIXES.toMillis() / speedup);
    return Duration.ofMillis(Math.max(500, Math.min(5_000, millis)));
  }

  private static String format(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
