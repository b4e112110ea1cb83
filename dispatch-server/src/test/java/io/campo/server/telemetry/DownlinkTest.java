package io.campo.server.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.campo.server.CampoServer;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.campo.server.config.CampoConfig;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Plans (retained) and messages (queued until acknowledged) reach devices, also across reconnects and restarts. */
class DownlinkTest {

  static void await(io.vertx.core.Future<?> f) throws Exception {
    f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void theRetainedPlanReachesTheDeviceWhenItSubscribesAndWhenItChanges() throws Exception {
    try (TestServer server = TestServer.start()) {
      String token = server.createAgent("planned");
      await(server.server.downlink().retain("planned", "plan", Buffer.buffer("{\"plan\":1}")));
      BlockingQueue<Mqtt3Publish> got = new LinkedBlockingQueue<>();
      Mqtt3AsyncClient c = Devices.persistentPhone(server.server.mqttPort(), "planned", token, got);
      c.subscribeWith().topicFilter("campo/agents/planned/plan").qos(Devices.QOS1).send().get(10, TimeUnit.SECONDS);
      Mqtt3Publish first = got.poll(10, TimeUnit.SECONDS);
      assertEquals("campo/agents/planned/plan", first.getTopic().toString());
      assertEquals("{\"plan\":1}", Devices.text(first));
      assertTrue(first.isRetain());

      await(server.server.downlink().retain("planned", "plan", Buffer.buffer("{\"plan\":2}")));
      assertEquals("{\"plan\":2}", Devices.text(got.poll(10, TimeUnit.SECONDS)));
      c.disconnect().get();
    }
  }

  @Test
  void queuedMessagesWaitForAnOfflineDeviceAndAreNotResentOnceAcknowledged() throws Exception {
    try (TestServer server = TestServer.start()) {
      String token = server.createAgent("away");
      BlockingQueue<Mqtt3Publish> got = new LinkedBlockingQueue<>();
      Mqtt3AsyncClient c = Devices.persistentPhone(server.server.mqttPort(), "away", token, got);
      c.subscribeWith().topicFilter("campo/agents/away/#").qos(Devices.QOS1).send().get(10, TimeUnit.SECONDS);
      c.disconnect().get();

      for (int i = 1; i <= 3; i++) {
        await(server.server.downlink().send("away", "inbox", Buffer.buffer("message " + i)));
      }
      // Reconnects resuming its session: it does not subscribe again, and still gets all three in order.
      c = Devices.persistentPhone(server.server.mqttPort(), "away", token, got);
      for (int i = 1; i <= 3; i++) {
        Mqtt3Publish p = got.poll(10, TimeUnit.SECONDS);
        assertEquals("campo/agents/away/inbox", p.getTopic().toString());
        assertEquals("message " + i, Devices.text(p));
      }
      long deadline = System.currentTimeMillis() + 10_000;
      while (server.count("SELECT count(*) FROM device_downlink WHERE agent_id = 'away' AND delivered_at IS NOT NULL") < 3
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(3, server.count("SELECT count(*) FROM device_downlink WHERE agent_id = 'away' AND delivered_at IS NOT NULL"));
      c.disconnect().get();

      c = Devices.persistentPhone(server.server.mqttPort(), "away", token, got);
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
      Mqtt3AsyncClient c = Devices.persistentPhone(server.server.mqttPort(), "steady", token, got);
      c.subscribeWith().topicFilter("campo/agents/steady/inbox").qos(Devices.QOS1).send().get(10, TimeUnit.SECONDS);
      // The server stops while the phone is connected: it still records the disconnection.
    }
    assertEquals(1, TestServer.count(dbUrl, "SELECT count(*) FROM mqtt_session WHERE client_id = 'steady-phone'"
        + " AND disconnected_at IS NOT NULL AND filters = '{campo/agents/steady/inbox}'"));
    try (CampoServer restarted = CampoServer.start(CampoConfig.from(env))) {
      await(restarted.downlink().send("steady", "inbox", Buffer.buffer("after restart")));
      Mqtt3AsyncClient c = Devices.persistentPhone(restarted.mqttPort(), "steady", token, got);
      assertEquals("after restart", Devices.text(got.poll(10, TimeUnit.SECONDS)));
      c.disconnect().get();
    }
  }

  @Test
  void aSubscriptionThatCannotBeStoredIsRefusedAndChangesNothing() throws Exception {
    try (TestServer server = TestServer.start()) {
      String token = server.createAgent("sin-sitio");
      // The real PostgreSQL refuses this client's subscriptions, as a full disk or a failover would.
      execute(server.dbUrl, "CREATE FUNCTION refuse_filters() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
          + " IF NEW.client_id = 'sin-sitio-v5' AND cardinality(NEW.filters) > 0 THEN RAISE EXCEPTION 'no space left'; END IF;"
          + " RETURN NEW; END $$; CREATE TRIGGER refuse_filters BEFORE UPDATE ON mqtt_session"
          + " FOR EACH ROW EXECUTE FUNCTION refuse_filters()");
      await(server.server.downlink().retain("sin-sitio", "plan", Buffer.buffer("{\"plan\":1}")));
      BlockingQueue<Mqtt5Publish> got = new LinkedBlockingQueue<>();
      Mqtt5AsyncClient c = MqttClient.builder().useMqttVersion5().identifier("sin-sitio-v5").serverHost("127.0.0.1")
          .serverPort(server.server.mqttPort()).simpleAuth().username("sin-sitio")
          .password(token.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().buildAsync();
      c.publishes(MqttGlobalPublishFilter.ALL, got::add);
      c.connectWith().cleanStart(false).sessionExpiryInterval(3600).send().get(10, TimeUnit.SECONDS);

      ExecutionException refused = assertThrows(ExecutionException.class,
          () -> c.subscribeWith().topicFilter("campo/agents/sin-sitio/plan").qos(Devices.QOS1).send().get(10, TimeUnit.SECONDS));
      Mqtt5SubAck subAck = ((Mqtt5SubAckException) refused.getCause()).getMqttMessage();
      assertEquals(List.of(Mqtt5SubAckReasonCode.UNSPECIFIED_ERROR), subAck.getReasonCodes());
      assertTrue(subAck.getReasonString().map(Object::toString).orElse("").contains("not be stored"), subAck.toString());
      assertNull(got.poll(1, TimeUnit.SECONDS), "nothing half-done: the refused subscription delivers nothing");
      assertEquals(1, server.count("SELECT count(*) FROM mqtt_session WHERE client_id = 'sin-sitio-v5'"
          + " AND cardinality(filters) = 0"), "and nothing was stored");

      // Storage is back: the device subscribes again and gets its plan.
      execute(server.dbUrl, "DROP TRIGGER refuse_filters ON mqtt_session");
      Mqtt5SubAck granted = c.subscribeWith().topicFilter("campo/agents/sin-sitio/plan").qos(Devices.QOS1).send()
          .get(10, TimeUnit.SECONDS);
      assertEquals(List.of(Mqtt5SubAckReasonCode.GRANTED_QOS_1), granted.getReasonCodes());
      Mqtt5Publish plan = got.poll(10, TimeUnit.SECONDS);
      assertNotNull(plan, "the retained plan came once subscribed");
      assertEquals("{\"plan\":1}", new String(plan.getPayloadAsBytes(), StandardCharsets.UTF_8));
      c.disconnect().get(10, TimeUnit.SECONDS);
    }
  }

  static void execute(String dbUrl, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(dbUrl, "postgres", ""); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
