package io.campo.server.observability;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * {@code GET /health/live}, {@code GET /health/ready} and {@code GET /health} (the same as ready: load balancers and
 * scripts of earlier versions ask there) in the Vert.x health-check format:
 * {@code {"status":"UP"|"DOWN","outcome":…,"checks":[{"id","status","data"}]}}, {@code 503} when DOWN.
 *
 * <p>Live is what an orchestrator restarts a node for: the event loop answered. Ready is whether to send it work:
 * the database answers, the telemetry writer is committing, the road network is loaded (or planning is off) and, in a
 * cluster, the node is a member. A node that is not ready stays alive: it recovers on its own when the database does.
 */
public final class HealthEndpoints {

  public static final String LIVE = "/health/live";
  public static final String READY = "/health/ready";
  public static final String ALIAS = "/health";
  /** A database that takes longer than this to hand out a working connection is not ready. */
  static final int DATABASE_TIMEOUT_SECONDS = 2;

  /** What readiness looks at; each supplier is cheap (no I/O) except {@code database}'s connection check. */
  public record Sources(DataSource database, BooleanSupplier writerCommitting, IntSupplier writerBacklogFixes,
      Supplier<String> roadsUnavailable, boolean roadsRequired, boolean clustered, Supplier<List<String>> members) {}

  private final HealthChecks live;
  private final HealthChecks ready;

  public HealthEndpoints(Vertx vertx, Sources sources) {
    live = HealthChecks.create(vertx);
    live.register("event-loop", promise -> promise.complete(Status.OK()));
    ready = HealthChecks.create(vertx);
    // The check answers within its own deadline, DOWN with the reason: a check that outlives the health-check's timeout
    // would make the answer a 500 ("the check failed") instead of the 503 a load balancer expects from "not ready".
    ready.register("database", (DATABASE_TIMEOUT_SECONDS + 1) * 1000L, promise -> vertx.executeBlocking(() -> {
      try (Connection c = sources.database().getConnection()) {
        return c.isValid(DATABASE_TIMEOUT_SECONDS);
      }
    }, false).timeout(DATABASE_TIMEOUT_SECONDS, TimeUnit.SECONDS).onComplete(ar -> promise.complete(ar.succeeded() && ar.result()
        ? Status.OK()
        : Status.KO(new JsonObject().put("reason", ar.failed()
            ? "no working database connection within " + DATABASE_TIMEOUT_SECONDS + " s: " + ar.cause().getMessage()
            : "the connection is not valid")))));
    ready.register("telemetry-writer", promise -> {
      JsonObject data = new JsonObject().put("queuedFixes", sources.writerBacklogFixes().getAsInt());
      promise.complete(sources.writerCommitting().getAsBoolean()
          ? Status.OK(data)
          : Status.KO(data.put("reason", "the database refused the last telemetry batch; fixes wait unacknowledged")));
    });
    ready.register("road-network", promise -> {
      String reason = sources.roadsUnavailable().get();
      promise.complete(reason == null || !sources.roadsRequired()
          ? Status.OK(new JsonObject().put("planning", reason == null ? "ready" : reason))
          : Status.KO(new JsonObject().put("reason", reason)));
    });
    if (sources.clustered()) {
      ready.register("cluster", promise -> {
        int members = sources.members().get().size();
        JsonObject data = new JsonObject().put("members", members);
        promise.complete(members > 0 ? Status.OK(data) : Status.KO(data.put("reason", "this node is in no cluster")));
      });
    }
  }

  /** Adds the three routes; they need no login. */
  public void route(Router router) {
    router.get(LIVE).handler(HealthCheckHandler.createWithHealthChecks(live));
    HealthCheckHandler readiness = HealthCheckHandler.createWithHealthChecks(ready);
    router.get(READY).handler(readiness);
    router.get(ALIAS).handler(readiness);
  }
}
