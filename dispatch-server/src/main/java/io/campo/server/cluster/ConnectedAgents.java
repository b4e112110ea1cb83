package io.campo.server.cluster;

import io.campo.tracking.mqtt.DeviceSessions;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which agents have a device connected to any node of the cluster. Each node answers for its own connections on an
 * address of its own; asking is one request per other member, at the moment of asking, so nothing is kept that could
 * go stale when a node dies: a node that does not answer in time is counted as having no devices (they are
 * reconnecting elsewhere).
 */
public final class ConnectedAgents {

  /** Prefix of each node's address; the node's id ({@link ClusterVertx#nodeId}) follows. */
  static final String ADDRESS_PREFIX = "campo.devices.agents.";
  static final long ANSWER_TIMEOUT_MILLIS = 1000;
  private static final Logger log = LoggerFactory.getLogger(ConnectedAgents.class);

  private final ClusterVertx node;
  private final DeviceSessions sessions;

  public ConnectedAgents(ClusterVertx node, DeviceSessions sessions) {
    this.node = node;
    this.sessions = sessions;
    if (node.clustered()) {
      node.vertx().eventBus().<Void>consumer(ADDRESS_PREFIX + node.nodeId(),
          m -> m.reply(new JsonArray(new ArrayList<>(sessions.connectedAgents()))));
    }
  }

  /** The agents connected to this node or, as far as they answer within a second, to the others. */
  public Future<Set<String>> all() {
    Set<String> local = sessions.connectedAgents();
    if (!node.clustered()) {
      return Future.succeededFuture(local);
    }
    List<Future<JsonArray>> answers = new ArrayList<>();
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(ANSWER_TIMEOUT_MILLIS);
    for (String member : node.members()) {
      if (!member.equals(node.nodeId())) {
        answers.add(node.vertx().eventBus().<JsonArray>request(ADDRESS_PREFIX + member, null, options)
            .map(reply -> reply.body())
            .recover(e -> {
              log.warn("node {} did not say which devices it holds: {}", member, e.toString());
              return Future.succeededFuture(new JsonArray());
            }));
      }
    }
    return Future.join(answers).transform(done -> {
      Set<String> all = new HashSet<>(local);
      for (Future<JsonArray> answer : answers) {
        answer.result().forEach(id -> all.add(String.valueOf(id)));
      }
      return Future.succeededFuture(all);
    });
  }
}
