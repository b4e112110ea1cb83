package io.campo.tracking;

import io.campo.tracking.ingest.WriterSettings;
import io.campo.tracking.mqtt.FailedConnectLimit;
import io.campo.tracking.mqtt.MqttSettings;
import io.campo.tracking.telemetry.TelemetryLimits;

/**
 * Everything {@link Tracking} is built from.
 *
 * @param mqtt the MQTT listeners (plain, WebSocket, TLS) and their packet limits
 * @param writer the telemetry writer's threads, batches and linger
 * @param limits what a fix may be (its age, its coordinates) before ingest refuses it
 * @param failedConnects failed CONNECTs allowed per remote address and minute
 * @param maxConnectionsPerAddress MQTT connections one IP address may hold open; 0 for no cap
 * @param mqttInstances MQTT verticle instances, one per event loop
 */
public record TrackingSettings(MqttSettings mqtt, WriterSettings writer, TelemetryLimits limits,
    FailedConnectLimit failedConnects, int maxConnectionsPerAddress, int mqttInstances) {

  public TrackingSettings {
    if (mqttInstances < 1) {
      throw new IllegalArgumentException("at least one MQTT verticle instance, not " + mqttInstances);
    }
  }
}
