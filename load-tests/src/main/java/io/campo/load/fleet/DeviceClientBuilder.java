package io.campo.load.fleet;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientBuilder;
import java.util.concurrent.TimeUnit;

/**
 * What a device's MQTT client is the same in 3.1.1 and 5: its identifier, the node it tries first, and how it
 * reconnects and fails over. Kept in one place so the two protocol versions cannot drift apart in how a phone comes
 * back after losing its node; each {@link DeviceClient} picks its version on the returned builder
 * ({@code useMqttVersion3()} or {@code useMqttVersion5()}), which carries all of this over, and adds its login.
 */
final class DeviceClientBuilder {

  private DeviceClientBuilder() {}

  static MqttClientBuilder forDevice(String agentId, MqttEndpoints endpoints, Reconnections reconnections) {
    Failover failover = new Failover(agentId, endpoints, reconnections);
    return MqttClient.builder()
        .identifier(agentId)
        .serverHost(failover.host())
        .serverPort(failover.firstPort())
        .automaticReconnect().initialDelay(500, TimeUnit.MILLISECONDS).maxDelay(10, TimeUnit.SECONDS).applyAutomaticReconnect()
        .addConnectedListener(failover::onConnected)
        .addDisconnectedListener(failover::onDisconnected);
  }
}
