package io.campo.server.live;

import io.campo.server.cluster.AgentPresence;
import io.campo.server.cluster.ClusterVertx;
import io.campo.tracking.Tracking;
import io.campo.tracking.ingest.LatestPositions;
import io.campo.tracking.telemetry.Fix;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where accepted fixes and agents going offline become live events: the latest position of each agent (for
 * {@code GET /api/agents} and a new map's first frame), {@link LiveEvents#POSITIONS} and {@link LiveEvents#AGENTS} on
 * the event bus, and the hook that checks each fix against the day's geofences ({@link #watchFixes}).
 *
 * <p>Thread-safe: {@link #onAccepted} is called on every MQTT event loop and HTTP ingest at once.
 */
public final class LiveFanOut implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LiveFanOut.class);

  private final LatestPositions latest = new LatestPositions();
  private volatile AgentPresence presence;
  /** Null until {@link #listen}ed and again once closed: nothing is published on a bus that is not (or no longer) up. */
  private volatile Vertx bus;
  /** Null until a watcher is set: fixes before that are not checked. */
  private volatile Consumer<List<Fix>> fixWatcher;

  /**
   * Starts publishing on the node's bus. When clustered, fixes accepted by the other nodes move this node's latest
   * positions too; this node's own were offered before they were published, and offering them again is a no-op. The
   * stored positions are read (blocking) after listening to the other nodes, so that no fix accepted meanwhile is missed (offers
   * keep the newest by device time, in whatever order they come). The live map hears "agent offline" once no node
   * holds the agent's devices, also when the node holding them dies ({@link AgentPresence}).
   */
  public void listen(ClusterVertx node, Tracking tracking) throws Exception {
    Vertx vertx = node.vertx();
    PositionBatchCodec.register(vertx.eventBus());
    if (node.clustered()) {
      vertx.eventBus().<PositionBatch>consumer(LiveEvents.POSITIONS, m -> m.body().fixes().forEach(latest::offer));
    }
    latest.offerAll(tracking.store().latestPositions());
    bus = vertx;
    presence = new AgentPresence(node, tracking.sessions(), this::onAgentOffline).start();
    tracking.sessions().listen(presence);
  }

  /**
   * On an MQTT event loop, as soon as a publish is decoded and validated (before it is stored: see TelemetryIngest): the
   * fixes that moved their agent forward go to the live feed, one message per publish.
   */
  public void onAccepted(List<Fix> fixes) {
    List<Fix> moved = new ArrayList<>(fixes.size());
    for (Fix fix : fixes) {
      // A phone's backlog arriving after its live fixes is stored but must not move the marker back in time.
      if (latest.offer(fix)) {
        moved.add(fix);
      }
    }
    Vertx b = bus;
    if (!moved.isEmpty() && b != null) {
      b.eventBus().publish(LiveEvents.POSITIONS, new PositionBatch(moved));
      Consumer<List<Fix>> w = fixWatcher;
      if (w != null) {
        w.accept(moved);
      }
    }
  }

  /** No node holds a device connection of the agent any more (its last one closed, or its node died). */
  public void onAgentOffline(String agentId) {
    Vertx b = bus;
    if (b != null) {
      b.eventBus().publish(LiveEvents.AGENTS, LiveEvents.agentStatus(agentId, false));
    }
  }

  /** Called on the ingest thread with the fixes of each publish that moved their agent forward; must never block. */
  public void watchFixes(Consumer<List<Fix>> watcher) {
    this.fixWatcher = watcher;
  }

  public LatestPositions latest() {
    return latest;
  }

  /**
   * Once this node's devices are disconnected and before the bus closes: lets the other nodes learn that its agents went
   * offline, then publishes nothing more.
   */
  @Override
  public void close() {
    AgentPresence p = presence;
    if (p != null) {
      try {
        p.drained().await(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warn("publishing this node's agents offline: {}", e.toString());
      }
    }
    bus = null;
  }
}
