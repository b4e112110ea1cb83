package io.campo.server.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.campo.server.CampoServer;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.campo.server.config.CampoConfig;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Plans (retained) and messages (queued until acknowledged) reach devices, also across reconnects and restarts. */
class DownlinkTest {

  static String text(Mqtt3Publish p) {
    return new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8);
  }

  /** A phone with a persistent session that hears everything sent to it, subscribed or resumed. */
  static Mqtt3AsyncClient phone(int port, String agent, String token, BlockingQueue<Mqtt3Publish> inbox) throws Exception {
    Mqtt3AsyncClient c = MqttClient.builder().useMqttVersion3().identifier(agent + "-phone").serverHost("127.0.0.1").serverPort(port)
        .simpleAuth().username(agent).password(token.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().buildAsync();
    c.publishes(MqttGlobalPublishFilter.ALL, inbox::add);
    c.connectWith().cleanSession(false).send().get(10, TimeUnit.SECONDS);
    return c;
  }

  static void await(io.vertx.core.Future<?> f) throws Exception {
    f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void theRetainedPlanReachesTheDeviceWhenItSubscribesAndWhenItChanges() throws Exception {
    try (TestServer server = TestServer.start()) {
      String token = server.createAgent("planned");
      await(server.server.downlink().retain("planned", "plan", Buffer.buffer("{\"plan\":1}")));
      BlockingQueue<Mqtt3Publish> got = new LinkedBlockingQueue<>();
      Mqtt3AsyncClient c = phone(server.server.mqttPort(), "planned", token, got);
      c.subscribeWith().topicFilter("campo/agents/planned/plan").qos(Devices.QOS1).send().get(10, TimeUnit.SECONDS);
      Mqtt3Publish first = got.poll(10, TimeUnit.SECONDS);
      assertEquals("campo/agents/planned/plan", first.getTopic().toString());
      assertEquals("{\"plan\":1}", text(first));
      assertTrue(first.isRetain());

      await(server.server.downlink().retain("planned", "plan", Buffer.buffer("{\"plan\":2}")));
      assertEquals("{\"plan\":2}", text(got.poll(10, TimeUnit.SECONDS)));
      c.disconnect().get();
    }
  }

  @Test
  void queuedMessagesWaitForAnOfflineDeviceAndAreNotResentOnceAcknowledged() throws Exception {
    try (TestServer server = TestServer.start()) {
      String token = server.createAgent("away");
      BlockingQueue<Mqtt3Publish> got = new LinkedBlockingQueue<>();
      Mqtt3AsyncClient c = phone(server.server.mqttPort(), "away", token, got);
      c.subscribeWith().topicFilter("campo/agents/away/#").qos(Devices.QOS1).send().get(10, TimeUnit.SECONDS);
      c.disconnect().get();

      for (int i = 1; i <= 3; i++) {
        await(server.server.downlink().send("away", "inbox", Buffer.buffer("message " + i)));
      }
      // Reconnects resuming its session: it does not subscribe again, and still gets all three in order.
      c = phone(server.server.mqttPort(), "away", token, got);
      for (int i = 1; i <= 3; i++) {
        Mqtt3Publish p = got.poll(10, TimeUnit.SECONDS);
        assertEquals("campo/agents/away/inbox", p.getTopic().toString());
        assertEquals("message " + i, text(p));
      }
      long deadline = System.currentTimeMillis() + 10_000;
      while (server.count("SELECT count(*) FROM device_downlink WHERE agent_id = 'away' AND delivered_at IS NOT NULL") < 3
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(3, server.count("SELECT count(*) FROM device_downlink WHERE agent_id = 'away' AND delivered_at IS NOT NULL"));
      c.disconnect().get();

      c = phone(server.server.mqttPort(), "away", token, got);
      assertNull(got.poll(1, TimeUnit.SECONDS), "acknowledged messages are not sent again");
      c.disconnect().get();
    }
  }

  @Test
  void aResumedSessionOutlivesAServerRestart() throws Exception {
    String dbUrl = TestServer.freshDatabaseUrl();
    var env = TestServer.env(dbUrl);
    String token;
    BlockingQueue<Mqtt3Publish> got = new LinkedBlockingQueue<>();
    try (TestServer server = TestServer.start(env)) {
      token = server.createAgent("steady");
      Mqtt3AsyncClient c = phone(server.server.mqttPort(), "steady", token, got);
      c.subscribeWith().topicFilter("campo/agents/steady/inbox").qos(Devices.QOS1).send().get(10, TimeUnit.SECONDS);
      // The server stops while the phone is connected: it still records the disconnection.
    }
    assertEquals(1, TestServer.count(dbUrl, "SELECT count(*) FROM mqtt_session WHERE client_id = 'steady-phone'"
        + " AND disconnected_at IS NOT NULL AND filters = '{campo/agents/steady/inbox}'"));
    try (CampoServer restarted = CampoServer.start(CampoConfig.from(env))) {
      await(restarted.downlink().send("steady", "inbox", Buffer.buffer("after restart")));
      Mqtt3AsyncClient c = phone(restarted.mqttPort(), "steady", token, got);
      assertEquals("after restart", text(got.poll(10, TimeUnit.SECONDS)));
      c.disconnect().get();
    }
  }
}
