package io.campo.server;

import io.campo.server.cluster.ClusterVertx;
import io.campo.server.config.CampoConfig;
import io.campo.tracking.TrackingSettings;
import io.campo.tracking.ingest.WriterSettings;
import io.campo.tracking.mqtt.MqttSettings;
import io.campo.tracking.telemetry.TelemetryLimits;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * The ports this node listens on, resolved once at start: port 0 means "any free port", and it is resolved here so
 * that every event loop shares one. -1 is a listener that is off.
 */
record ListenPorts(int http, int mqtt, int mqttWebSocket, int mqtts) {

  private static final int MAX_MQTT_PACKET_BYTES = 1024 * 1024;
  private static final int MQTT_RECEIVE_MAXIMUM = 1000;

  static ListenPorts resolve(CampoConfig config) throws IOException {
    // Every free port is held until all are picked: a port released at once can be handed out again by the next pick
    // (seen here: HTTP and MQTT on one port, the HTTP requests answered by the MQTT decoder).
    List<ServerSocket> held = new ArrayList<>();
    try {
      return new ListenPorts(concrete(config.httpPort(), held),
          config.tls().plainMqtt() ? concrete(config.mqttPort(), held) : -1,
          config.mqttWebSocketPort() < 0 ? -1 : concrete(config.mqttWebSocketPort(), held),
          config.tls().mqttsPort() < 0 ? -1 : concrete(config.tls().mqttsPort(), held));
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
  }

  /** For the start-up log line: every listener, and the node's place in its cluster. */
  String describe(CampoConfig config, int actualHttpPort, ClusterVertx node, String nodeId) {
    boolean tls = config.tls().enabled();
    return (tls ? "HTTPS " : "HTTP ") + actualHttpPort + ", MQTT " + mqtt + ", MQTT/" + (tls ? "WSS " : "WebSocket ") + mqttWebSocket
        + ", MQTT/TLS " + mqtts + (node.clustered()
            ? ", node " + nodeId + " in cluster '" + config.cluster().name() + "' of " + node.members().size() : "");
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

  private static int concrete(int configured, List<ServerSocket> held) throws IOException {
    if (configured != 0) {
      return configured;
    }
    ServerSocket s = new ServerSocket(0);
    held.add(s);
    return s.getLocalPort();
  }
}
