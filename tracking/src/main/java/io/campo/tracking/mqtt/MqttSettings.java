package io.campo.tracking.mqtt;

import io.vertx.core.net.KeyCertOptions;

/**
 * Where and how the device endpoint listens.
 *
 * @param port MQTT over TCP (0 picks a free port, for tests); -1 disables it
 * @param webSocketPort MQTT over WebSocket at path {@code /mqtt}; -1 disables it. With {@code tls} it speaks only WSS
 * @param maxPacketBytes packets larger than this close the connection; payloads between the
 *     telemetry limit and this get a clear "payload too large" instead
 * @param receiveMaximum unacknowledged QoS 1/2 publishes one MQTT 5 client may have in flight
 * @param tlsPort MQTT over TLS; -1 disables it (it needs {@code tls})
 * @param tls the server's certificate and key; null for no TLS anywhere
 */
public record MqttSettings(String host, int port, int webSocketPort, int maxPacketBytes, int receiveMaximum, int tlsPort,
    KeyCertOptions tls) {

  public MqttSettings {
    if (tls == null && tlsPort >= 0) {
      throw new IllegalArgumentException("MQTT over TLS on port " + tlsPort + " needs a certificate and key");
    }
  }

  /** No TLS. */
  public MqttSettings(String host, int port, int webSocketPort, int maxPacketBytes, int receiveMaximum) {
    this(host, port, webSocketPort, maxPacketBytes, receiveMaximum, -1, null);
  }

  public static MqttSettings onPorts(int port, int webSocketPort) {
    return new MqttSettings("0.0.0.0", port, webSocketPort, 1024 * 1024, 1000);
  }
}
