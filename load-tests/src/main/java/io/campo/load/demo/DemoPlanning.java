package io.campo.load.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Plans the demo fleet's day as a dispatcher would: waits until the server's road network is
 * loaded, logs in, submits the day through {@code POST /api/plans} and follows the job until it
 * is done, telling the person watching the console what happens. The server then sends each
 * route to its agent's phone, retained on {@code campo/agents/{id}/plan}.
 */
public final class DemoPlanning {

  /** A finished plan: its id, and how many agents got a route (the others have nothing to drive). */
  public record PlannedDay(long planId, int agentsWithRoutes) {}

  /** Importing a large real extract can take minutes; the demo city takes seconds (minutes on the first run). */
  private static final Duration ROADS_TIMEOUT = Duration.ofMinutes(15);
  private static final Duration PLAN_TIMEOUT = Duration.ofMinutes(15);
  private static final long POLL_MILLIS = 500;
  private static final long PRINT_EVERY_MILLIS = 5_000;

  private final Supplier<String> planningUnavailableReason;
  private final PlanningApi api;
  private final PrintStream out;

  /** @param planningUnavailableReason the server's: null when planning is ready */
  public DemoPlanning(Supplier<String> planningUnavailableReason, PlanningApi api, PrintStream out) {
    this.planningUnavailableReason = planningUnavailableReason;
    this.api = api;
    this.out = out;
  }

  /**
   * Plans the day; empty (with the reason printed) when there is no plan.
   *
   * @param dayRequest builds the request once the roads are ready, so that "now" is when planning starts
   */
  public Optional<PlannedDay> plan(String username, String password, Supplier<JsonObject> dayRequest) throws InterruptedException {
    if (!awaitRoads()) {
      return Optional.empty();
    }
    JsonObject request = dayRequest.get();
    try {
      String token = api.login(username, password);
      JsonObject accepted = api.submit(token, request);
      long id = accepted.getLong("id");
      out.printf("  plan %-5d: submitted by %s for %s: %d agents, %d visits%s, %d s to optimise%n", id, username,
          request.getString("date"), request.getJsonArray("agents").size(), accepted.getInteger("visits", 0),
          accepted.containsKey("learnedWindows")
              ? " from the portfolio (" + accepted.getInteger("learnedWindows") + " with windows learned from their visit history)" : "",
          request.getInteger("timeLimitSeconds"));
      JsonObject job = awaitJob(token, id);
      if (!"done".equals(job.getString("status"))) {
        out.println("  plan " + id + "   : " + job.getString("status") + ": " + job.getString("error", "no reason given")
            + " (the agents keep wandering)");
        return Optional.empty();
      }
      return Optional.of(new PlannedDay(id, printSummary(id, job.getJsonObject("result"))));
    } catch (IOException e) {
      out.println("  planning  : failed: " + e.getMessage() + " (the agents keep wandering)");
      return Optional.empty();
    }
  }

  private boolean awaitRoads() throws InterruptedException {
    long started = System.currentTimeMillis();
    long nextPrint = 0;
    while (true) {
      String reason = planningUnavailableReason.get();
      long waited = System.currentTimeMillis() - started;
      if (reason == null) {
        if (nextPrint > 0) {
          out.printf("  roads     : ready after %d s%n", waited / 1000);
        }
        return true;
      }
      // PlanningEngine says "still loading" while it imports; any other reason (disabled, failed) is final.
      if (!reason.contains("loading")) {
        out.println("  planning  : unavailable: " + reason + " (the agents keep wandering)");
        return false;
      }
      if (waited > ROADS_TIMEOUT.toMillis()) {
        out.println("  planning  : the road network did not load within " + ROADS_TIMEOUT.toMinutes() + " min (the agents keep wandering)");
        return false;
      }
      if (waited >= nextPrint) {
        out.printf("  roads     : loading the road network for planning… %d s%n", waited / 1000);
        nextPrint = waited + PRINT_EVERY_MILLIS;
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  private JsonObject awaitJob(String token, long id) throws IOException, InterruptedException {
    long started = System.currentTimeMillis();
    long printed = 0;
    String lastPhase = "";
    while (true) {
      JsonObject job = api.plan(token, id);
      if (!"running".equals(job.getString("status"))) {
        return job;
      }
      long now = System.currentTimeMillis();
      String phase = job.getString("phase", "");
      // DONE shows for an instant before the status says so; the summary follows anyway.
      if (!phase.equals("DONE") && (!phase.equals(lastPhase) || now - printed >= PRINT_EVERY_MILLIS)) {
        out.printf("  plan %-5d: %s %d %%  (%d s)%n", id, phase.toLowerCase(), job.getInteger("percent", 0), (now - started) / 1000);
        lastPhase = phase;
        printed = now;
      }
      if (now - started > PLAN_TIMEOUT.toMillis()) {
        throw new IOException("plan " + id + " still running after " + PLAN_TIMEOUT.toMinutes() + " min");
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  /** Prints what the plan holds; returns how many agents got a route. */
  private int printSummary(long id, JsonObject result) {
    int driving = 0;
    int planned = 0;
    long metres = 0;
    for (Object o : result.getJsonArray("routes", new JsonArray())) {
      JsonObject route = (JsonObject) o;
      int stops = route.getJsonArray("stops").size();
      planned += stops;
      driving += stops > 0 ? 1 : 0;
      metres += route.getLong("travelMeters", 0L);
    }
    JsonObject statistics = result.getJsonObject("statistics", new JsonObject());
    out.printf("  plan %-5d: done: %d visits on %d routes, %.0f km of road; %d unassigned; route checker: %s%n", id, planned, driving,
        metres / 1000.0, result.getJsonArray("unassigned", new JsonArray()).size(),
        result.getJsonArray("violations", new JsonArray()).isEmpty() ? "ok" : result.getJsonArray("violations").size() + " violation(s)");
    out.printf("  plan %-5d: matrix %d ms, optimising %d ms%n", id, statistics.getLong("matrixMillis", 0L),
        statistics.getLong("optimisingMillis", 0L));
    return driving;
  }
}
