package io.campo.load.fleet;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * One device's MQTT connection, whatever the protocol version: connects with a persistent
 * session and reconnects by itself, so a publish that was not acknowledged before a
 * disconnection is sent again after it, as a phone does.
 *
 * <p>Thread-safe: publishes may come from any thread.
 */
public interface DeviceClient {

  /** Seconds the broker keeps a disconnected device's session (MQTT 5): a phone may be offline for hours. */
  long SESSION_EXPIRY_SECONDS = 24 * 3600;

  static DeviceClient create(MqttVersion version, String host, int port, AgentCredentials credentials) {
    return create(version, MqttEndpoints.single(host, port), credentials, new Reconnections());
  }

  /** A device that moves to the next of {@code endpoints} whenever its connection is lost, recording it in {@code reconnections}. */
  static DeviceClient create(MqttVersion version, MqttEndpoints endpoints, AgentCredentials credentials, Reconnections reconnections) {
    return switch (version) {
      case V5 -> new Mqtt5DeviceClient(endpoints, credentials, reconnections);
      case V3_1_1 -> new Mqtt3DeviceClient(endpoints, credentials, reconnections);
    };
  }

  String agentId();

  /** Completes when the broker has accepted the connection; fails when it refused it. */
  CompletableFuture<ConnectionTerms> connect();

  /**
   * Publishes at QoS 1. The future completes with the broker's PUBACK and fails only when the
   * publish cannot be delivered at all (e.g. the session was lost).
   */
  CompletableFuture<PubAck> publishQos1(String topic, byte[] payload);

  /**
   * Hands what the broker sends this device (topic, payload) to {@code listener}, on the
   * client's thread. Set it before {@link #connect}: a resumed session's messages, such as the
   * retained plan, may arrive before any new subscription.
   */
  void onMessage(BiConsumer<String, byte[]> listener);

  /** Subscribes at QoS 1 to {@code topicFilter}; fails when the broker refuses it. */
  CompletableFuture<Void> subscribe(String topicFilter);

  /** Disconnects normally; a publish still unacknowledged stays unacknowledged. */
  CompletableFuture<Void> disconnect();
}
