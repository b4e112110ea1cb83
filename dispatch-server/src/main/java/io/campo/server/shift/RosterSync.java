package io.campo.server.shift;

import io.campo.server.cluster.PeriodicJobs;
import io.campo.server.live.LiveEvents;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's {@link DutyRoster} current, the way {@code agent.DeviceCutoff} keeps device standings: a change
 * made through the API re-reads here at once and is announced on the clustered event bus ({@link #ADDRESS}) so every
 * other node re-reads too; a periodic re-read ({@link #RECHECK_INTERVAL}) catches an announcement a node missed, so a
 * change is in force on every node within the 5 s. Each re-read also tells this node's live maps whose shift
 * began or ended since the last one (a schedule's boundary passes without any change to announce).
 */
public final class RosterSync {

  /** Event-bus address of {@code {"agentId"}}: that agent's schedule or shift changed; every node re-reads. */
  public static final String ADDRESS = "campo.agents.schedule";
  /** Well inside the 5 s a change may take to reach every node, and the map's *fuera de turno* its boundary. */
  static final Duration RECHECK_INTERVAL = Duration.ofSeconds(2);

  private static final Logger log = LoggerFactory.getLogger(RosterSync.class);

  private final Vertx vertx;
  private final AgentSchedules store;
  private final DutyRoster roster;
  private final Duration backlog;
  private final Clock clock;
  /** Agent → on duty as last told to this node's maps; only agents with rules can be off. */
  private Map<String, Boolean> toldMaps = new HashMap<>();

  /** @param backlog how old a fix may be when it arrives: shift actions that old still judge it */
  RosterSync(Vertx vertx, AgentSchedules store, DutyRoster roster, Duration backlog, Clock clock) {
    this.vertx = vertx;
    this.store = store;
    this.roster = roster;
    this.backlog = backlog;
    this.clock = clock;
  }

  /** Reads once (blocking, before ingest starts) and starts listening and re-reading. */
  RosterSync start(PeriodicJobs jobs) throws SQLException {
    reloadBlocking();
    vertx.eventBus().<JsonObject>consumer(ADDRESS, m -> reload());
    // Never two at once (PeriodicJobs): a slow database must not pile re-reads up on the worker pool.
    jobs.repeatOnEventLoop("re-reading the agents' schedules", RECHECK_INTERVAL, this::reload);
    return this;
  }

  Future<Void> reload() {
    return vertx.<Void>executeBlocking(() -> {
      reloadBlocking();
      return null;
    }, false).onFailure(e -> log.error("re-reading the agents' schedules failed: {}", e.toString()));
  }

  /** This node has just changed the agent's schedule or shift: it re-reads at once, then the other nodes are told. */
  Future<Void> changed(String agentId) {
    return reload().onComplete(done -> vertx.eventBus().publish(ADDRESS, new JsonObject().put("agentId", agentId)));
  }

  private synchronized void reloadBlocking() throws SQLException {
    Instant now = clock.instant();
    roster.replace(store.all(), store.overridesEndingAfter(now.minus(backlog)));
    Set<String> agents = new TreeSet<>(roster.agentsWithRules());
    agents.addAll(toldMaps.keySet());
    Map<String, Boolean> next = new HashMap<>();
    DeliveryOptions thisNodeOnly = new DeliveryOptions().setLocalOnly(true);
    for (String agentId : agents) {
      boolean onDuty = roster.onDuty(agentId, now);
      Boolean before = toldMaps.get(agentId);
      // An agent never told of is on duty as far as the maps know (GET /api/agents said so or will say it now).
      if (onDuty != (before == null || before)) {
        vertx.eventBus().publish(LiveEvents.AGENTS, LiveEvents.agentDuty(agentId, onDuty), thisNodeOnly);
      }
      if (!onDuty) {
        next.put(agentId, false);
      }
    }
    toldMaps = next;
  }
}
