package io.campo.server;

import io.campo.server.config.CampoConfig;
import io.campo.tracking.TrackingSettings;
import io.campo.tracking.ingest.WriterSettings;
import io.campo.tracking.mqtt.MqttSettings;
import io.campo.tracking.telemetry.TelemetryLimits;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.net.ServerSocket;

/**
 * The ports this node listens on, resolved once at start: port 0 means "any free port", and it is resolved here so
 * that every event loop shares one. -1 is a listener that is off.
 */
record ListenPorts(int http, int mqtt, int mqttWebSocket, int mqtts) {

  private static final int MAX_MQTT_PACKET_BYTES = 1024 * 1024;
  private static final int MQTT_RECEIVE_MAXIMUM = 1000;

  static ListenPorts resolve(CampoConfig config) throws IOException {
    return new ListenPorts(concrete(config.httpPort()),
        config.tls().plainMqtt() ? concrete(config.mqttPort()) : -1,
        config.mqttWebSocketPort() < 0 ? -1 : concrete(config.mqttWebSocketPort()),
        config.tls().mqttsPort() < 0 ? -1 : concrete(config.tls().mqttsPort()));
  }

  /** Tracking's settings: these MQTT ports, and the writer and limits as configured. */
  TrackingSettings tracking(CampoConfig config) {
    MqttSettings mqttSettings = new MqttSettings(config.bindHost(), mqtt, mqttWebSocket, MAX_MQTT_PACKET_BYTES,
        MQTT_RECEIVE_MAXIMUM, mqtts, config.tls().enabled() ? new PemKeyCertOptions()
            .setCertPath(config.tls().certFile().toString()).setKeyPath(config.tls().keyFile().toString()) : null);
    WriterSettings writer = new WriterSettings(config.writerThreads(), WriterSettings.DEFAULT.maxBatchFixes(),
        WriterSettings.DEFAULT.maxQueuedFixes(), WriterSettings.DEFAULT.maxRetryBackoff(), config.writerLinger(),
        WriterSettings.DEFAULT.lingerUntilFixes());
    return new TrackingSettings(mqttSettings, writer,
        TelemetryLimits.DEFAULT.withMaxBacklogAge(config.evidence().maxBacklogAge()), config.mqttFailedConnects(),
        config.mqttMaxConnectionsPerAddress(), Math.max(1, Runtime.getRuntime().availableProcessors()));
  }

  private static int concrete(int configured) throws IOException {
    if (configured != 0) {
      return configured;
    }
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
