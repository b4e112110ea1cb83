package io.campo.load.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttClientConfig;
import com.hivemq.client.mqtt.MqttVersion;
import com.hivemq.client.mqtt.lifecycle.MqttClientAutoReconnect;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Picking the protocol version after the shared settings keeps them all, in 3.1.1 as in 5. */
class DeviceClientBuilderTest {

  @Test
  void mqtt3KeepsTheDevicesSettings() {
    assertDevice("agent-3", MqttVersion.MQTT_3_1_1, device("agent-3").useMqttVersion3().build().getConfig());
  }

  @Test
  void mqtt5KeepsTheDevicesSettings() {
    assertDevice("agent-5", MqttVersion.MQTT_5_0, device("agent-5").useMqttVersion5().build().getConfig());
  }

  private static MqttClientBuilder device(String agentId) {
    return DeviceClientBuilder.forDevice(agentId, new MqttEndpoints("broker.test", List.of(1883, 1884), 1), new Reconnections());
  }

  private static void assertDevice(String agentId, MqttVersion version, MqttClientConfig config) {
    assertEquals(version, config.getMqttVersion());
    assertEquals(agentId, config.getClientIdentifier().orElseThrow().toString());
    assertEquals("broker.test", config.getServerHost());
    assertEquals(1884, config.getServerPort(), "the endpoints' first node");
    MqttClientAutoReconnect reconnect = config.getAutomaticReconnect().orElseThrow();
    assertEquals(500, reconnect.getInitialDelay(TimeUnit.MILLISECONDS));
    assertEquals(10, reconnect.getMaxDelay(TimeUnit.SECONDS));
    assertEquals(1, config.getConnectedListeners().size(), "the failover's");
    // HiveMQ lists its automatic reconnect first among the disconnected listeners, then ours.
    assertEquals(List.of(reconnect), config.getDisconnectedListeners().subList(0, 1));
    assertEquals(2, config.getDisconnectedListeners().size(), "the reconnect's and the failover's");
  }
}
