package io.campo.server.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** CAMPO_MQTT_MAX_CONNECTIONS_PER_ADDRESS: one host cannot hold more MQTT connections than the cap, whatever it sends. */
class MqttConnectionCapTest {

  @Test
  void connectionsPastTheCapAreRefusedUntilOneCloses() throws Exception {
    Map<String, String> env = TestServer.env(TestServer.freshDatabaseUrl());
    env.put("CAMPO_MQTT_MAX_CONNECTIONS_PER_ADDRESS", "2");
    try (TestServer server = TestServer.start(env)) {
      int port = server.server.mqttPort();
      String a = server.createAgent("tope-a");
      String b = server.createAgent("tope-b");
      String c = server.createAgent("tope-c");
      // A refused CONNECT (wrong token) gives its place back at once.
      assertThrows(ExecutionException.class, () -> Devices.mqtt5(port, "tope-a", "wrong"));
      Mqtt5AsyncClient first = Devices.mqtt5(port, "tope-a", a);
      Mqtt3AsyncClient second = Devices.mqtt3(port, "tope-b", b);
      ExecutionException refused = assertThrows(ExecutionException.class, () -> Devices.mqtt5(port, "tope-c", c));
      assertTrue(refused.getCause() instanceof Mqtt5ConnAckException, refused.toString());
      assertEquals(Mqtt5ConnAckReasonCode.QUOTA_EXCEEDED, ((Mqtt5ConnAckException) refused.getCause()).getMqttMessage().getReasonCode());
      assertThrows(ExecutionException.class, () -> Devices.mqtt3(port, "tope-c", c), "MQTT 3.1.1 is refused too");
      second.disconnect().get(10, TimeUnit.SECONDS);
      // The disconnection is seen by the server a moment after the client's future completes.
      Mqtt5AsyncClient third = null;
      for (int attempt = 0; attempt < 50 && third == null; attempt++) {
        try {
          third = Devices.mqtt5(port, "tope-c", c);
        } catch (ExecutionException e) {
          Thread.sleep(100);
        }
      }
      assertTrue(third != null, "a place freed by a disconnection is given to the next connection");
      third.disconnect().get(10, TimeUnit.SECONDS);
      first.disconnect().get(10, TimeUnit.SECONDS);
    }
  }
}
