package io.campo.server.agent;

import io.campo.server.live.LiveEvents;
import io.campo.tracking.mqtt.DeviceSessions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts a lost or stolen phone off on every node: after a token rotation or a disabling, each node re-reads the agents'
 * standings ({@link AgentStandings}), closes this node's MQTT connections opened with revoked credentials and tells its
 * live maps which agents were disabled or enabled. A change made through the API is announced on the clustered event
 * bus ({@link #ADDRESS}) and takes effect everywhere at once; one made from the command line cannot announce itself and
 * is found by the periodic re-read ({@link AgentStandings#RECHECK_INTERVAL}).
 */
public final class DeviceCutoff {

  /** Event-bus address of {@code {"agentId"}}: that agent's device credentials changed; every node re-reads. */
  public static final String ADDRESS = "campo.agents.credentials";

  private static final Logger log = LoggerFactory.getLogger(DeviceCutoff.class);

  private final Vertx vertx;
  private final AgentStandings standings;
  private final DeviceSessions sessions;

  public DeviceCutoff(Vertx vertx, AgentStandings standings, DeviceSessions sessions) {
    this.vertx = vertx;
    this.standings = standings;
    this.sessions = sessions;
  }

  /** Starts listening to the other nodes' announcements. */
  public DeviceCutoff listen() {
    vertx.eventBus().<JsonObject>consumer(ADDRESS, m -> recheck());
    return this;
  }

  /** Re-reads now (on a worker thread) and acts on what changed; reads run one at a time ({@link AgentStandings#reload}). */
  public Future<Void> recheck() {
    return vertx.executeBlocking(() -> {
      recheckBlocking();
      return null;
    }, false);
  }

  /** As {@link #recheck()}, on the calling (worker) thread. */
  public void recheckBlocking() throws java.sql.SQLException {
    List<AgentStandings.Change> changes = standings.reload();
    // Every time, not only after a change: a device that authenticated just before a rotation may have registered its
    // connection only after the read that saw the rotation. A pass over this node's connections is map lookups only.
    int closed = sessions.closeRevoked(standings);
    if (closed > 0) {
      log.info("closed {} MQTT connection(s) whose device credentials were revoked", closed);
    }
    DeliveryOptions thisNodeOnly = new DeliveryOptions().setLocalOnly(true);
    for (AgentStandings.Change c : changes) {
      if (c.activeChanged()) {
        // Every node finds the change itself, so each tells only its own maps: no map hears it twice.
        vertx.eventBus().publish(LiveEvents.AGENTS, LiveEvents.agentActive(c.agentId(), c.now().active()), thisNodeOnly);
      }
    }
  }

  /** This node has just changed the agent's credentials: it re-reads at once, then the other nodes are told. */
  public Future<Void> changed(String agentId) {
    return recheck().onComplete(done -> vertx.eventBus().publish(ADDRESS, new JsonObject().put("agentId", agentId)));
  }
}
