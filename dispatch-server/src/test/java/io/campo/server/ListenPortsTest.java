package io.campo.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.config.CampoConfig;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ListenPortsTest {

  @Test
  void freePortsPickedTogetherAreDistinct() throws Exception {
    // A port released as soon as it is picked can be picked again at once: HTTP and MQTT once shared one, and the
    // MQTT decoder answered the HTTP requests.
    CampoConfig config = CampoConfig.from(Map.of("CAMPO_HTTP_PORT", "0", "CAMPO_MQTT_PORT", "0", "CAMPO_MQTT_WS_PORT", "0"));
    for (int i = 0; i < 50; i++) {
      ListenPorts ports = ListenPorts.resolve(config);
      Set<Integer> distinct = new HashSet<>(Set.of(ports.http()));
      assertTrue(distinct.add(ports.mqtt()), "MQTT on the HTTP port: " + ports);
      assertTrue(distinct.add(ports.mqttWebSocket()), "MQTT over WebSocket on another listener's port: " + ports);
      assertTrue(ports.http() > 0 && ports.mqtt() > 0 && ports.mqttWebSocket() > 0, ports.toString());
    }
  }

  @Test
  void configuredPortsAndListenersThatAreOffStayAsConfigured() throws Exception {
    ListenPorts ports = ListenPorts.resolve(CampoConfig.from(Map.of("CAMPO_HTTP_PORT", "18080", "CAMPO_MQTT_PORT", "0",
        "CAMPO_MQTT_WS_PORT", "-1")));
    assertEquals(18080, ports.http());
    assertEquals(-1, ports.mqttWebSocket());
    assertEquals(-1, ports.mqtts(), "MQTT over TLS without a certificate");
    assertTrue(ports.mqtt() > 0);
  }
}
