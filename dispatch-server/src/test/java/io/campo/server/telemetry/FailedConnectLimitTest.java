package io.campo.server.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.campo.server.config.CampoConfig;
import io.campo.server.config.ConfigException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Failed MQTT CONNECTs are limited per address: past the limit even the right credentials are not looked at. */
class FailedConnectLimitTest {

  @Test
  void pastTheLimitAnAddressIsRefusedBeforeItsCredentialsAreChecked() throws Exception {
    Map<String, String> env = TestServer.env(TestServer.freshDatabaseUrl());
    env.put("CAMPO_MQTT_CONNECT_FAILURES_PER_MINUTE", "3");
    try (TestServer server = TestServer.start(env)) {
      int port = server.server.mqttPort();
      String token = server.createAgent("adivinado");
      // A device that connects well any number of times costs nothing.
      for (int i = 0; i < 5; i++) {
        Devices.mqtt5(port, "adivinado", token).disconnect().get();
      }
      for (int i = 0; i < 3; i++) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> Devices.mqtt5(port, "adivinado", "guess"));
        assertEquals(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD,
            assertInstanceOf(Mqtt5ConnAckException.class, e.getCause()).getMqttMessage().getReasonCode(), "guess " + i);
      }
      ExecutionException limited = assertThrows(ExecutionException.class, () -> Devices.mqtt5(port, "adivinado", token));
      Mqtt5ConnAckException refused = assertInstanceOf(Mqtt5ConnAckException.class, limited.getCause());
      assertEquals(Mqtt5ConnAckReasonCode.CONNECTION_RATE_EXCEEDED, refused.getMqttMessage().getReasonCode());
      assertTrue(refused.getMqttMessage().getReasonString().map(Object::toString).orElse("").contains("too many failed"));
      ExecutionException limited3 = assertThrows(ExecutionException.class, () -> Devices.mqtt3(port, "adivinado", token));
      assertEquals(Mqtt3ConnAckReturnCode.SERVER_UNAVAILABLE,
          assertInstanceOf(Mqtt3ConnAckException.class, limited3.getCause()).getMqttMessage().getReturnCode());
    }
  }

  @Test
  void theLimitIsConfiguredAndNonsenseIsRefusedAtStart() {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("CAMPO_MQTT_CONNECT_FAILURES_PER_MINUTE", "-1");
    ConfigException e = assertThrows(ConfigException.class, () -> CampoConfig.from(env));
    assertTrue(e.getMessage().contains("CAMPO_MQTT_CONNECT_FAILURES_PER_MINUTE"), e.getMessage());
    env.put("CAMPO_MQTT_CONNECT_FAILURES_PER_MINUTE", "5");
    env.put("CAMPO_MQTT_CONNECT_LIMIT_ADDRESSES", "0");
    assertThrows(ConfigException.class, () -> CampoConfig.from(env));
  }
}
