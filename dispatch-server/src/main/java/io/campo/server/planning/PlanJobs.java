package io.campo.server.planning;

import io.campo.server.live.LiveEvents;
import io.campo.routing.api.DayPlan;
import io.campo.routing.api.InvalidPlanRequestException;
import io.campo.routing.api.PlanRequest;
import io.campo.routing.api.PlanResult;
import io.campo.routing.api.PlanningProgress;
import io.campo.routing.api.RoutingEngine;
import io.campo.routing.api.Violation;
import io.campo.server.api.ApiException;
import io.campo.tracking.mqtt.AgentTopic;
import io.campo.tracking.mqtt.DownlinkDelivery;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javax.sql.DataSource;
import io.campo.server.database.Jsonb;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Planning jobs: accepted into {@code plan_job} (one running job per team and date, enforced by the
 * database so it holds across nodes; a job of several days is one row per day, planned in order; each job records the node running it), run one at a time on a dedicated thread because planning
 * takes the CPU, progress published on the event bus and saved, and the finished plan stored,
 * checked by the independent route checker, and sent retained to each agent's device.
 */
public final class PlanJobs implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PlanJobs.class);
  private static final long PROGRESS_SAVE_MILLIS = 500;

  private final Vertx vertx;
  private final DataSource dataSource;
  private final PlanningEngine engine;
  private final DownlinkDelivery downlink;
  private final String nodeId;
  private final Supplier<List<String>> liveNodes;
  private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "campo-planner");
    t.setDaemon(true);
    return t;
  });

  /**
   * @param nodeId this node's id among {@code liveNodes}, recorded with the jobs it runs
   * @param liveNodes the ids of the nodes running now, this one included (just this one when not clustered)
   */
  public PlanJobs(Vertx vertx, DataSource dataSource, PlanningEngine engine, DownlinkDelivery downlink, String nodeId,
      Supplier<List<String>> liveNodes) throws SQLException {
    this.vertx = vertx;
    this.dataSource = dataSource;
    this.engine = engine;
    this.downlink = downlink;
    this.nodeId = nodeId;
    this.liveNodes = liveNodes;
    failOrphaned();
  }

  /**
   * Jobs left running by a node that stopped or crashed will never finish, and would keep their date from being
   * planned again: say so. Jobs of nodes still in the cluster are theirs to finish. Blocking (JDBC).
   *
   * @return how many jobs were marked failed
   */
  public int failOrphaned() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE plan_job SET status = 'failed', finished_at = now(),"
            + " error = 'the server stopped while planning; submit the plan again'"
            + " WHERE status = 'running' AND (node_id IS NULL OR NOT node_id = ANY (?))")) {
      ps.setArray(1, c.createArrayOf("text", liveNodes.get().toArray()));
      int n = ps.executeUpdate();
      if (n > 0) {
        log.warn("{} planning job(s) interrupted by a stopped node were marked failed", n);
      }
      return n;
    }
  }

  /**
   * Validates and records a one-day job, then plans in the background. Blocking (JDBC).
   *
   * @return the job id
   * @throws ApiException 400 for an invalid request, 409 when the date is already being planned,
   *     503 when planning is not available
   */
  public long submit(PlanRequest request, JsonObject requestJson, String user) throws SQLException {
    return submit(PlanSubmission.oneDay(null, request, requestJson), user).get(0).id();
  }

  /** A day of a submitted job: its plan's id and date, and for the first day the request as built. */
  public record Accepted(long id, LocalDate date, PlanRequest request) {}

  /**
   * Validates the first day's request, records one job per day (one transaction: all days or none), then plans them
   * one after the other in the background. Blocking (JDBC).
   *
   * @return the days' jobs in order; only the first carries its request (later days are built when their turn comes)
   * @throws ApiException 400 for an invalid request, 409 when one of the days is already being planned for the team,
   *     503 when planning is not available
   */
  public List<Accepted> submit(PlanSubmission submission, String user) throws SQLException {
    RoutingEngine planner = engine.routing();
    PlanRequest first = submission.days().request(0, Set.of());
    try {
      planner.validate(first);
    } catch (InvalidPlanRequestException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    List<Accepted> accepted = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO plan_job (plan_date, status, phase, request, created_by, node_id,"
          + " team_id, replan_of) VALUES (?, 'running', 'QUEUED', ?, ?, ?, ?, ?) RETURNING id")) {
        for (int day = 0; day < submission.dates().size(); day++) {
          LocalDate date = submission.dates().get(day);
          JsonObject stored = (day == 0 ? PlanRequestJson.of(first) : new JsonObject().put("date", date.toString())
              .put("agents", new JsonArray(first.agents().stream().map(a -> (Object) new JsonObject().put("id", a.id())).toList())))
              .mergeIn(submission.extras().copy().put("day", day + 1));
          ps.setObject(1, date);
          ps.setObject(2, Jsonb.of(stored));
          ps.setString(3, user);
          ps.setString(4, nodeId);
          ps.setString(5, submission.team());
          ps.setObject(6, submission.replanOf());
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            accepted.add(new Accepted(rs.getLong(1), date, day == 0 ? first : null));
          }
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        if ("23505".equals(e.getSQLState())) {
          throw new ApiException(409, "a plan for " + (submission.team() == null ? "" : "team '" + submission.team() + "' on ")
              + String.join(", ", submission.dates().stream().map(LocalDate::toString).toList())
              + " is already being computed; wait for it to finish");
        }
        throw e;
      }
    }
    runner.execute(() -> runDays(accepted, submission, first, planner));
    return accepted;
  }

  private void runDays(List<Accepted> days, PlanSubmission submission, PlanRequest first, RoutingEngine planner) {
    Set<String> planned = new HashSet<>();
    for (int day = 0; day < days.size(); day++) {
      long id = days.get(day).id();
      PlanRequest request;
      try {
        request = day == 0 ? first : submission.days().request(day, planned);
        if (day > 0) {
          planner.validate(request);
          saveRequest(id, PlanRequestJson.of(request).mergeIn(submission.extras().copy().put("day", day + 1)));
        }
      } catch (RuntimeException | SQLException e) {
        fail(id, "day " + (day + 1) + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        continue;
      }
      // Only the first day goes to the phones now: a retained message holds one plan, and later days are read from
      // GET /api/me/day on their day.
      DayPlan plan = run(id, request, planner, submission, day == 0);
      if (plan != null) {
        plan.routes().forEach(r -> r.stops().forEach(s -> planned.add(s.visitId())));
      }
    }
  }

  private DayPlan run(long id, PlanRequest request, RoutingEngine planner, PlanSubmission submission, boolean toDevices) {
    long[] lastSaved = {0};
    // The live feed shows a plan's events only to those who may see every one of its agents.
    JsonArray agents = new JsonArray(request.agents().stream().map(a -> (Object) a.id()).toList());
    submission.fixedStops().keySet().stream().filter(a -> !agents.contains(a)).forEach(agents::add);
    PlanningProgress progress = (phase, fraction) -> {
      int percent = (int) Math.round(fraction * 100);
      vertx.eventBus().publish(LiveEvents.PLANS, new JsonObject().put("type", "plan.progress").put("planId", id)
          .put("date", request.date().toString()).put("agents", agents).put("phase", phase.name()).put("percent", percent));
      long now = System.currentTimeMillis();
      if (now - lastSaved[0] >= PROGRESS_SAVE_MILLIS) {
        lastSaved[0] = now;
        saveProgress(id, phase.name(), fraction);
      }
    };
    try {
      PlanResult outcome = planner.plan(request, progress);
      List<Violation> violations = outcome.violations();
      if (!violations.isEmpty()) {
        log.error("plan {} broke {} rule(s) of the route checker: {}", id, violations.size(), violations);
      }
      JsonObject result = PlanJson.withFixedStops(PlanJson.plan(outcome.plan(), request, outcome.statistics(), violations),
          submission.fixedStops());
      if (submission.replanOf() != null) {
        result.put("replanOf", submission.replanOf());
      }
      finish(id, result);
      if (toDevices) {
        for (Object route : result.getJsonArray("routes")) {
          JsonObject r = (JsonObject) route;
          downlink.retain(r.getString("agentId"), AgentTopic.PLAN,
              PlanJson.devicePlan(id, request.date(), r).toBuffer());
        }
      }
      vertx.eventBus().publish(LiveEvents.PLANS, new JsonObject().put("type", "plan.done").put("planId", id)
          .put("date", request.date().toString()).put("agents", agents));
      if (submission.replanOf() != null) {
        // The map swaps the morning's routes for these (web-map app.js).
        vertx.eventBus().publish(LiveEvents.PLANS, new JsonObject().put("type", "plan.replanned").put("planId", id)
            .put("replanOf", submission.replanOf()).put("date", request.date().toString()).put("agents", agents));
      }
      return outcome.plan();
    } catch (RuntimeException | SQLException e) {
      log.error("planning job {} failed", id, e);
      fail(id, e.getMessage() == null ? e.toString() : e.getMessage());
      return null;
    }
  }

  private void saveRequest(long id, JsonObject request) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE plan_job SET request = ? WHERE id = ?")) {
      ps.setObject(1, Jsonb.of(request));
      ps.setLong(2, id);
      ps.executeUpdate();
    }
  }

  private void saveProgress(long id, String phase, double fraction) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE plan_job SET phase = ?, progress = ? WHERE id = ? AND status = 'running'")) {
      ps.setString(1, phase);
      ps.setDouble(2, fraction);
      ps.setLong(3, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      log.warn("cannot save progress of plan {}: {}", id, e.toString());
    }
  }

  private void finish(long id, JsonObject result) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE plan_job SET status = 'done', phase = 'DONE', progress = 1, result = ?,"
            + " finished_at = now() WHERE id = ?")) {
      ps.setObject(1, Jsonb.of(result));
      ps.setLong(2, id);
      ps.executeUpdate();
    }
  }

  private void fail(long id, String error) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE plan_job SET status = 'failed', error = ?, finished_at = now() WHERE id = ?")) {
      ps.setString(1, error);
      ps.setLong(2, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      log.error("cannot record the failure of plan {}: {}", id, e.toString());
    }
  }

  /** The job as the API shows it, or empty. Blocking (JDBC). */
  public Optional<JsonObject> find(long id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT plan_date, status, phase, progress, result::text, error, created_by,"
            + " created_at, finished_at, ARRAY(SELECT a->>'id' FROM jsonb_array_elements(request->'agents') a), team_id, replan_of"
            + " FROM plan_job WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        JsonObject o = new JsonObject().put("id", id).put("date", rs.getObject(1).toString()).put("status", rs.getString(2))
            .put("phase", rs.getString(3)).put("percent", Math.round(rs.getDouble(4) * 100))
            .put("createdBy", rs.getString(7)).put("createdAt", rs.getTimestamp(8).toInstant().toString())
            .put("agents", new JsonArray(List.of((Object[]) rs.getArray(10).getArray())));
        if (rs.getTimestamp(9) != null) {
          o.put("finishedAt", rs.getTimestamp(9).toInstant().toString());
        }
        if (rs.getString(5) != null) {
          o.put("result", new JsonObject(rs.getString(5)));
        }
        if (rs.getString(6) != null) {
          o.put("error", rs.getString(6));
        }
        o.put("team", rs.getString(11));
        if (rs.getObject(12) != null) {
          o.put("replanOf", rs.getLong(12));
        }
        return Optional.of(o);
      }
    }
  }


  /** A finished or running job as a re-plan starts from it. */
  public record Stored(long id, LocalDate date, String status, String team, JsonObject request, JsonObject result) {}

  /** The job's request as planned and its result (null until done), or empty. Blocking (JDBC). */
  public Optional<Stored> stored(long id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT plan_date, status, team_id, request::text, result::text FROM plan_job"
            + " WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Stored(id, rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3),
            new JsonObject(rs.getString(4)), rs.getString(5) == null ? null : new JsonObject(rs.getString(5))));
      }
    }
  }

  /**
   * Stops planning; this node's running jobs are failed now rather than when another node notices this one is gone
   * (their dates may be planned again at once, on any node).
   */
  @Override
  public void close() {
    runner.shutdownNow();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE plan_job SET status = 'failed', finished_at = now(),"
            + " error = 'the server stopped while planning; submit the plan again' WHERE status = 'running' AND node_id = ?")) {
      ps.setString(1, nodeId);
      int n = ps.executeUpdate();
      if (n > 0) {
        log.warn("{} planning job(s) stopped with this node were marked failed", n);
      }
    } catch (SQLException e) {
      log.warn("cannot mark this node's running planning jobs failed: {}", e.toString());
    }
  }
}
