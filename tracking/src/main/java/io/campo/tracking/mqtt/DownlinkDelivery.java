package io.campo.tracking.mqtt;

import io.campo.tracking.storage.DownlinkStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages to devices: the retained plan of an agent and queued messages for its inbox. Both
 * are stored first ({@link DownlinkStore}), then announced on the event bus so that whichever
 * node holds the device's connection sends them; a device that is offline gets them when it
 * next subscribes or resumes its session. Queued messages count as delivered only when the
 * device acknowledges them (QoS 1).
 */
public final class DownlinkDelivery {

  /** Event-bus address carrying "{agentId}/{leaf}" when something new waits for a device. */
  public static final String ADDRESS = "campo.downlink";
  private static final List<String> LEAVES = List.of(AgentTopic.PLAN, AgentTopic.INBOX);
  private static final Logger log = LoggerFactory.getLogger(DownlinkDelivery.class);

  private final Vertx vertx;
  private final DownlinkStore store;
  private final DeviceSessions sessions;

  private record Waiting(Optional<byte[]> retained, List<DownlinkStore.Pending> pending) {}

  public DownlinkDelivery(Vertx vertx, DownlinkStore store, DeviceSessions sessions) {
    this.vertx = vertx;
    this.store = store;
    this.sessions = sessions;
    vertx.eventBus().<String>consumer(ADDRESS, m -> {
      int slash = m.body().indexOf('/');
      deliverLocally(m.body().substring(0, slash), m.body().substring(slash + 1));
    });
  }

  /** Replaces the agent's retained message on {@code leaf} (e.g. its plan) and sends it to its devices. */
  public Future<Void> retain(String agentId, String leaf, Buffer payload) {
    return vertx.executeBlocking(() -> {
      store.retain(agentId, leaf, payload.getBytes());
      return null;
    }, false).<Void>map(v -> null).onSuccess(v -> announce(agentId, leaf));
  }

  /** Queues a message for the agent's devices on {@code leaf}; returns its id. */
  public Future<Long> send(String agentId, String leaf, Buffer payload) {
    return vertx.executeBlocking(() -> store.enqueue(agentId, leaf, payload.getBytes()), false)
        .onSuccess(id -> announce(agentId, leaf));
  }

  private void announce(String agentId, String leaf) {
    vertx.eventBus().publish(ADDRESS, agentId + "/" + leaf);
  }

  private void deliverLocally(String agentId, String leaf) {
    String topic = AgentTopic.of(agentId, leaf);
    for (DeviceConnection c : sessions.of(agentId)) {
      if (c.isSubscribedTo(topic)) {
        deliver(c, leaf);
      }
    }
  }

  /** A connection just subscribed to {@code filter} (or resumed a session with it). */
  void subscribed(DeviceConnection c, String filter) {
    for (String leaf : LEAVES) {
      if (AgentTopic.matches(filter, AgentTopic.of(c.agentId(), leaf))) {
        deliver(c, leaf);
      }
    }
  }

  private void deliver(DeviceConnection c, String leaf) {
    String topic = AgentTopic.of(c.agentId(), leaf);
    vertx.executeBlocking(() -> new Waiting(store.retained(c.agentId(), leaf), store.pending(c.agentId(), leaf)), false)
        .onFailure(e -> log.error("cannot read downlink for agent {}: {}", c.agentId(), e.toString()))
        .onSuccess(w -> c.runOnContext(() -> {
          w.retained().ifPresent(p -> c.send(topic, Buffer.buffer(p), true, -1));
          for (DownlinkStore.Pending p : w.pending()) {
            c.send(topic, Buffer.buffer(p.payload()), false, p.id());
          }
        }));
  }

  /** The device acknowledged queued message {@code id}. */
  void acknowledged(long id) {
    vertx.executeBlocking(() -> {
      store.delivered(id);
      return null;
    }, false).onFailure(e -> log.error("cannot mark downlink {} delivered: {}", id, e.toString()));
  }

}
