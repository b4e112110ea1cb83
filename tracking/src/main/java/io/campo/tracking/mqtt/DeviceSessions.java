package io.campo.tracking.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttEndpoint;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The device connections this node holds, by agent id, with each connection's subscriptions:
 * the Vert.x MQTT server is a protocol endpoint, not a broker, so routing downlink messages to
 * subscribers is ours to do.
 *
 * <p>Thread-safe: connections live on different event loops.
 */
public final class DeviceSessions {

  /** One live connection and the topic filters it subscribed to. */
  static final class Session {
    final String agentId;
    final MqttEndpoint endpoint;
    final Set<String> filters = new CopyOnWriteArraySet<>();

    Session(String agentId, MqttEndpoint endpoint) {
      this.agentId = agentId;
      this.endpoint = endpoint;
    }
  }

  private final Map<String, Session> byClientId = new ConcurrentHashMap<>();

  /** Registers a connection; returns the connection it takes over from (same client id), if any. */
  Session open(String agentId, MqttEndpoint endpoint) {
    Session s = new Session(agentId, endpoint);
    Session previous = byClientId.put(endpoint.clientIdentifier(), s);
    return previous;
  }

  void close(Session s) {
    byClientId.remove(s.endpoint.clientIdentifier(), s);
  }

  /** Connected devices on this node. */
  public int connected() {
    return byClientId.size();
  }

  public boolean isConnected(String agentId) {
    return byClientId.values().stream().anyMatch(s -> s.agentId.equals(agentId));
  }

  /**
   * Sends {@code payload} on {@code topic} to every connection of the agent subscribed to it.
   *
   * @return how many connections it was sent to
   */
  public int deliver(String agentId, String topic, Buffer payload, MqttQoS qos, boolean retain) {
    int sent = 0;
    for (Session s : byClientId.values()) {
      if (s.agentId.equals(agentId) && s.filters.stream().anyMatch(f -> AgentTopic.matches(f, topic))) {
        s.endpoint.publish(topic, payload, qos, false, retain);
        sent++;
      }
    }
    return sent;
  }
}
