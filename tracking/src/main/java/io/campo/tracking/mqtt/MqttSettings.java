package io.campo.tracking.mqtt;

/**
 * Where and how the device endpoint listens.
 *
 * @param port MQTT over TCP (0 picks a free port, for tests)
 * @param webSocketPort MQTT over WebSocket at path {@code /mqtt}; -1 disables it
 * @param maxPacketBytes packets larger than this close the connection; payloads between the
 *     telemetry limit and this get a clear "payload too large" instead
 * @param receiveMaximum unacknowledged QoS 1/2 publishes one MQTT 5 client may have in flight
 */
public record MqttSettings(String host, int port, int webSocketPort, int maxPacketBytes, int receiveMaximum) {

  public static MqttSettings onPorts(int port, int webSocketPort) {
    return new MqttSettings("0.0.0.0", port, webSocketPort, 1024 * 1024, 1000);
  }
}
