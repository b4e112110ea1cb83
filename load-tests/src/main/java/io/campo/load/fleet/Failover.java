package io.campo.load.fleet;

import com.hivemq.client.mqtt.lifecycle.MqttClientConnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One device's way through its {@link MqttEndpoints}: every lost or refused connection moves the next automatic
 * reconnection to the next node, so a device whose node was killed lands on a survivor in one reconnect delay.
 * The client's persistent session (kept in the shared database by the server) makes the new node resume it:
 * unacknowledged publishes are resent, subscriptions and queued downlink follow.
 *
 * <p>Thread-safe.
 */
final class Failover {

  private final String agentId;
  private final MqttEndpoints endpoints;
  private final Reconnections reconnections;
  private final AtomicInteger index;
  private volatile int connectedPort;

  Failover(String agentId, MqttEndpoints endpoints, Reconnections reconnections) {
    this.agentId = agentId;
    this.endpoints = endpoints;
    this.reconnections = reconnections;
    this.index = new AtomicInteger(endpoints.first());
    this.connectedPort = endpoints.port(endpoints.first());
  }

  int firstPort() {
    return endpoints.port(endpoints.first());
  }

  String host() {
    return endpoints.host();
  }

  void onConnected(MqttClientConnectedContext context) {
    // The connection's own transport: the client config's is the one it was built with, not the node it failed over to.
    int port = context.getClientConfig().getConnectionConfig()
        .map(c -> c.getTransportConfig().getServerAddress().getPort())
        .orElse(connectedPort);
    connectedPort = port;
    reconnections.connected(agentId, port);
  }

  void onDisconnected(MqttClientDisconnectedContext context) {
    reconnections.disconnected(agentId, connectedPort);
    CredentialRefusal.onDisconnected(agentId, context);
    if (endpoints.ports().size() > 1) {
      context.getReconnector().transportConfig()
          .serverHost(endpoints.host())
          .serverPort(endpoints.port(index.incrementAndGet()))
          .applyTransportConfig();
    }
  }
}
