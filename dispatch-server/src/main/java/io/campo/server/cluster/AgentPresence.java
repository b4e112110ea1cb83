package io.campo.server.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.multimap.MultiMap;
import io.campo.tracking.mqtt.DeviceSessions;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells when an agent has no device connected to any node any more, for the live map's "agent offline" event: not when
 * one of its connections closes while another is open, on this node or on another, and also when the node that held it
 * dies.
 *
 * <p>In a cluster every node records the agents it holds in a Hazelcast multimap, agent id → ids of the nodes holding
 * it ({@value #MAP}; one backup, so the record outlives any one member). When an agent's last connection on a node
 * closes, that node removes itself and reports the agent offline if no node is left. When a member leaves or dies, the
 * survivors remove its entries and report offline the agents no node holds any more; of several survivors, the one
 * whose removal succeeded reports. Standalone, this node's own connections are the whole truth.
 *
 * <p>Updates run one at a time on one worker thread, each reading this node's connections as they are at that moment,
 * so a close and a reopen in quick succession can never leave the record saying the opposite of the connections. A
 * close and an open on two different nodes at the same instant may report the agent offline just before it is online
 * again elsewhere: the map then shows it offline until its next fix, as after any reconnection.
 */
public final class AgentPresence implements DeviceSessions.AgentConnections {

  static final String MAP = "campo.agent.nodes";
  private static final Logger log = LoggerFactory.getLogger(AgentPresence.class);

  private final ClusterVertx node;
  private final DeviceSessions sessions;
  private final Consumer<String> offline;
  private MultiMap<String, String> nodesByAgent;
  private WorkerExecutor worker;

  /**
   * @param offline called with an agent id when no node holds a connection of that agent any more; on a worker thread
   *     in a cluster, on the closing connection's event loop when standalone
   */
  public AgentPresence(ClusterVertx node, DeviceSessions sessions, Consumer<String> offline) {
    this.node = node;
    this.sessions = sessions;
    this.offline = offline;
  }

  /** Starts recording (call once this node has joined, before devices connect); sweeps entries of departed nodes. */
  public AgentPresence start() {
    if (node.hazelcast().isEmpty()) {
      return this;
    }
    var hazelcast = node.hazelcast().get();
    nodesByAgent = hazelcast.getMultiMap(MAP);
    worker = node.vertx().createSharedWorkerExecutor("campo-agent-presence", 1);
    hazelcast.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {}

      @Override
      public void memberRemoved(MembershipEvent event) {
        inOrder("forgetting the agents of a departed node", AgentPresence.this::forgetDepartedNodes);
      }
    });
    // A node that died while no other was left to notice left its entries behind.
    inOrder("forgetting the agents of departed nodes", this::forgetDepartedNodes);
    return this;
  }

  @Override
  public void connected(String agentId) {
    // Should the agent be gone again by the time this runs, the update of its closing reports it.
    record(agentId, false);
  }

  @Override
  public void disconnected(String agentId, boolean sessionMovedElsewhere) {
    // A session taken over by another node: the agent is connected there, whether or not that node has recorded it yet.
    record(agentId, !sessionMovedElsewhere);
  }

  private void record(String agentId, boolean mayReportOffline) {
    if (nodesByAgent == null) {
      if (mayReportOffline && !sessions.isConnected(agentId)) {
        offline.accept(agentId);
      }
      return;
    }
    inOrder("recording the connections of agent " + agentId, () -> {
      if (sessions.isConnected(agentId)) {
        nodesByAgent.put(agentId, node.nodeId());
        return;
      }
      // Removed whether or not it was recorded: a connection may close before its opening was recorded.
      nodesByAgent.remove(agentId, node.nodeId());
      if (mayReportOffline && nodesByAgent.valueCount(agentId) == 0) {
        offline.accept(agentId);
      }
    });
  }

  /**
   * Completes once every update asked for so far has run (at once when standalone): a stopping node waits for it, so
   * that the agents of the connections it just closed are reported while its event bus is still up.
   */
  public Future<Void> drained() {
    if (worker == null) {
      return Future.succeededFuture();
    }
    return worker.executeBlocking(() -> null, false);
  }

  private void forgetDepartedNodes() {
    Set<String> alive = Set.copyOf(node.members());
    for (Map.Entry<String, String> entry : nodesByAgent.entrySet()) {
      String agentId = entry.getKey();
      if (!alive.contains(entry.getValue()) && nodesByAgent.remove(agentId, entry.getValue())
          && nodesByAgent.valueCount(agentId) == 0) {
        log.info("agent {} went offline with node {}", agentId, entry.getValue());
        offline.accept(agentId);
      }
    }
  }

  private void inOrder(String what, Runnable update) {
    worker.executeBlocking(() -> {
      update.run();
      return null;
    }, false).onFailure(e -> log.warn("{} failed: {}", what, e.toString()));
  }
}
