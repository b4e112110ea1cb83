package io.campo.tracking.mqtt;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * MQTT session takeover across cluster nodes. A new connection with the client id of a connected one takes its session
 * over and the older connection is closed: on one node {@link DeviceSessions} does it, but behind a load balancer the
 * older connection may be on another node — often a dead one that node has not noticed yet, the phone having changed
 * networks. So every accepted connection is announced on the (clustered) event bus, and a node holding an older
 * connection of that agent with that client id closes it (another agent's connection with that client id stays). That connection neither records a disconnection in the session store nor
 * reports its agent offline: the session lives on, on the other node.
 */
public final class SessionTakeover {

  /** Event-bus address of {@code {"origin","clientId","agentId","openedAt"}}, published when a node accepts a connection. */
  public static final String ADDRESS = "campo.devices.connected";

  private final Vertx vertx;
  /** Tells this node's own announcements (already handled by {@link DeviceSessions#open}) from the others'. */
  private final String origin = UUID.randomUUID().toString();

  public SessionTakeover(Vertx vertx, DeviceSessions sessions) {
    this.vertx = vertx;
    vertx.eventBus().<JsonObject>consumer(ADDRESS, m -> {
      JsonObject b = m.body();
      if (!origin.equals(b.getString("origin"))) {
        sessions.takenOverElsewhere(b.getString("clientId"), b.getString("agentId"), b.getLong("openedAt"));
      }
    });
  }

  void announce(DeviceConnection connection) {
    vertx.eventBus().publish(ADDRESS, new JsonObject().put("origin", origin).put("clientId", connection.clientId())
        .put("agentId", connection.agentId()).put("openedAt", connection.openedAtMillis()));
  }
}
