package io.campo.server.telemetry;

import static io.campo.server.Devices.QOS1;
import static io.campo.server.Devices.telemetryTopic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3SubAckException;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Telemetry over real MQTT connections into the real server and a real PostgreSQL. */
class MqttIngestTest {

  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The PUBACK, whatever its reason code (HiveMQ's client fails the future on error codes). */
  static Mqtt5PubAck publish5(Mqtt5AsyncClient c, String topic, byte[] payload) throws Exception {
    try {
      Mqtt5PublishResult r = c.publishWith().topic(topic).qos(QOS1).payload(payload).send().get(20, TimeUnit.SECONDS);
      return ((Mqtt5PublishResult.Mqtt5Qos1Result) r).getPubAck();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Mqtt5PubAckException refused) {
        return refused.getMqttMessage();
      }
      throw e;
    }
  }

  long rows(String agent) {
    return server.count("SELECT count(*) FROM telemetry WHERE agent_id = '" + agent + "'");
  }

  @Test
  void everyAcknowledgedFixIsStoredExactlyOnceOverMqtt5() throws Exception {
    String token = server.createAgent("n5");
    Mqtt5AsyncClient c = Devices.mqtt5(server.server.mqttPort(), "n5", token);
    long t0 = Devices.now() - 3_600_000;
    List<CompletableFuture<Mqtt5PublishResult>> sent = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      sent.add(c.publishWith().topic(telemetryTopic("n5")).qos(QOS1).payload(Devices.fix(t0 + i * 1000L, 19.4, -99.1, i)).send());
    }
    for (var f : sent) {
      Mqtt5PubAck ack = ((Mqtt5PublishResult.Mqtt5Qos1Result) f.get(30, TimeUnit.SECONDS)).getPubAck();
      assertEquals(Mqtt5PubAckReasonCode.SUCCESS, ack.getReasonCode());
    }
    assertEquals(500, rows("n5"));
    // The same fixes again, as a phone does after losing its acknowledgements: no new rows.
    for (int i = 0; i < 500; i += 50) {
      assertEquals(Mqtt5PubAckReasonCode.SUCCESS,
          publish5(c, telemetryTopic("n5"), Devices.fix(t0 + i * 1000L, 19.4, -99.1, i)).getReasonCode());
    }
    assertEquals(500, rows("n5"));
    c.disconnect().get();
  }

  @Test
  void everyAcknowledgedFixIsStoredExactlyOnceOverMqtt311AndWebSocket() throws Exception {
    String token = server.createAgent("n3");
    Mqtt3AsyncClient c = Devices.mqtt3(server.server.mqttPort(), "n3", token);
    long t0 = Devices.now() - 3_600_000;
    List<CompletableFuture<?>> sent = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      sent.add(c.publishWith().topic(telemetryTopic("n3")).qos(QOS1).payload(Devices.fix(t0 + i * 1000L, 19.4, -99.1, i)).send());
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    assertEquals(300, rows("n3"));
    c.disconnect().get();

    Mqtt5AsyncClient ws = MqttClient.builder().useMqttVersion5().identifier("n3-ws").serverHost("127.0.0.1")
        .serverPort(server.server.mqttWebSocketPort()).webSocketConfig().serverPath("mqtt").applyWebSocketConfig()
        .simpleAuth().username("n3").password(token.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().buildAsync();
    ws.connect().get(10, TimeUnit.SECONDS);
    assertEquals(Mqtt5PubAckReasonCode.SUCCESS, publish5(ws, telemetryTopic("n3"), Devices.fix(t0 + 999_000, 19.5, -99.2, 999)).getReasonCode());
    assertEquals(301, rows("n3"));
    ws.disconnect().get();
  }

  @Test
  void aThousandFixBacklogIsStoredAndDoesNotMoveTheLatestPositionBack() throws Exception {
    String token = server.createAgent("backlog");
    Mqtt5AsyncClient c = Devices.mqtt5(server.server.mqttPort(), "backlog", token);
    long now = Devices.now();
    publish5(c, telemetryTopic("backlog"), Devices.fix(now - 1000, 19.9, -99.9, 5000));
    Mqtt5PubAck ack = publish5(c, telemetryTopic("backlog"), Devices.backlog(now - 6 * 3_600_000, 1000));
    assertEquals(Mqtt5PubAckReasonCode.SUCCESS, ack.getReasonCode());
    assertEquals(1001, rows("backlog"));
    var latest = server.server.latestPositions().of("backlog").orElseThrow();
    assertEquals(19.9, latest.lat());
    assertEquals(1, server.count("SELECT count(*) FROM agent_position WHERE agent_id = 'backlog' AND lat = 19.9"));
    c.disconnect().get();
  }

  @Test
  void badFixesGetReasonCodesAndStringsAndTheGoodOnesOfABatchAreStored() throws Exception {
    String token = server.createAgent("bad5");
    Mqtt5AsyncClient c = Devices.mqtt5(server.server.mqttPort(), "bad5", token);
    long now = Devices.now();
    String topic = telemetryTopic("bad5");

    Mqtt5PubAck invalidJson = publish5(c, topic, "{\"ts\": 1,".getBytes(StandardCharsets.UTF_8));
    assertEquals(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID, invalidJson.getReasonCode());
    assertTrue(invalidJson.getReasonString().orElseThrow().toString().contains("invalid_json"));

    Mqtt5PubAck missing = publish5(c, topic, "{\"lat\": 1, \"lon\": 2}".getBytes(StandardCharsets.UTF_8));
    assertEquals(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID, missing.getReasonCode());
    assertTrue(missing.getReasonString().orElseThrow().toString().contains("missing_field"), missing.toString());

    String future = "{\"ts\": " + (now + 10 * 60_000) + ", \"lat\": 1, \"lon\": 2}";
    assertTrue(publish5(c, topic, future.getBytes(StandardCharsets.UTF_8)).getReasonString().orElseThrow().toString().contains("ts_in_future"));

    byte[] huge = new byte[300 * 1024];
    java.util.Arrays.fill(huge, (byte) ' ');
    Mqtt5PubAck tooLarge = publish5(c, topic, huge);
    assertEquals(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID, tooLarge.getReasonCode());
    assertTrue(tooLarge.getReasonString().orElseThrow().toString().contains("payload_too_large"));

    String batch = "[" + Devices.fixJson(now - 3000, 1, 2, 1) + ",{\"ts\":" + (now - 2000) + ",\"lat\":95,\"lon\":2},"
        + "{\"ts\":" + (now - 1500) + ",\"lat\":1,\"lon\":2,\"bat\":140}," + Devices.fixJson(now - 1000, 1, 2, 2) + "]";
    Mqtt5PubAck partial = publish5(c, topic, batch.getBytes(StandardCharsets.UTF_8));
    assertEquals(Mqtt5PubAckReasonCode.SUCCESS, partial.getReasonCode());
    String reason = partial.getReasonString().orElseThrow().toString();
    assertTrue(reason.startsWith("stored 2, rejected 2"), reason);
    assertTrue(reason.contains("fix 1: lat_out_of_range") && reason.contains("fix 2: battery_out_of_range"), reason);
    assertEquals(2, rows("bad5"));

    String metrics = server.request("GET", "/metrics", null, null).body();
    assertTrue(metrics.contains("campo_fixes_rejected_total{reason=\"lat_out_of_range\"}"), "rejections are counted by reason");
    c.disconnect().get();
  }

  @Test
  void mqtt311ClientsGetAPerFixErrorReportOnTheirErrorsTopic() throws Exception {
    String token = server.createAgent("bad3");
    Mqtt3AsyncClient c = Devices.mqtt3(server.server.mqttPort(), "bad3", token);
    LinkedBlockingQueue<JsonObject> reports = new LinkedBlockingQueue<>();
    c.subscribeWith().topicFilter("campo/agents/bad3/errors").qos(QOS1)
        .callback(p -> reports.add(new JsonObject(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8))))
        .send().get(10, TimeUnit.SECONDS);
    long now = Devices.now();
    String batch = "[" + Devices.fixJson(now - 2000, 1, 2, 1) + ",{\"ts\":" + (now - 1000) + ",\"lat\":NaN,\"lon\":2}]";
    c.publishWith().topic(telemetryTopic("bad3")).qos(QOS1).payload(batch.getBytes(StandardCharsets.UTF_8)).send().get(10, TimeUnit.SECONDS);
    JsonObject report = reports.poll(10, TimeUnit.SECONDS);
    assertEquals(1, report.getInteger("stored"));
    JsonArray rejected = report.getJsonArray("rejected");
    assertEquals(1, rejected.size());
    assertEquals(1, rejected.getJsonObject(0).getInteger("index"));
    assertEquals("not_a_number", rejected.getJsonObject(0).getString("reason"));
    assertEquals(1, rows("bad3"));

    // Another agent's topic: refused and reported; MQTT 3.1.1 has no negative PUBACK, so instead of one the connection
    // is closed and the device does not believe the publish succeeded.
    var refused = c.publishWith().topic(telemetryTopic("someone-else")).qos(QOS1).payload(Devices.fix(now, 1, 2, 3)).send();
    assertEquals("not_your_topic", reports.poll(10, TimeUnit.SECONDS).getJsonArray("rejected").getJsonObject(0).getString("reason"));
    assertThrows(Exception.class, () -> refused.get(10, TimeUnit.SECONDS));
    assertEquals(0, rows("someone-else"));

    Mqtt3AsyncClient again = Devices.mqtt3(server.server.mqttPort(), "bad3", token);
    ExecutionException denied = assertThrows(ExecutionException.class, () ->
        again.subscribeWith().topicFilter("campo/agents/someone-else/plan").qos(QOS1).callback(p -> {}).send().get(10, TimeUnit.SECONDS));
    Mqtt3SubAckException subAck = assertInstanceOf(Mqtt3SubAckException.class, denied.getCause());
    assertEquals(Mqtt3SubAckReturnCode.FAILURE, subAck.getMqttMessage().getReturnCodes().get(0));
    again.disconnect().get();
  }

  @Test
  void anotherAgentsTopicAndUnknownTopicsAreRefused() throws Exception {
    String token = server.createAgent("intruder");
    server.createAgent("victim");
    Mqtt5AsyncClient c = Devices.mqtt5(server.server.mqttPort(), "intruder", token);
    Mqtt5PubAck ack = publish5(c, telemetryTopic("victim"), Devices.fix(Devices.now(), 1, 2, 1));
    assertEquals(Mqtt5PubAckReasonCode.NOT_AUTHORIZED, ack.getReasonCode());
    assertEquals(0, rows("victim"));
    assertEquals(Mqtt5PubAckReasonCode.TOPIC_NAME_INVALID, publish5(c, "some/other/topic", Devices.fix(Devices.now(), 1, 2, 1)).getReasonCode());
    assertEquals(Mqtt5PubAckReasonCode.TOPIC_NAME_INVALID,
        publish5(c, "campo/agents/intruder/plan", Devices.fix(Devices.now(), 1, 2, 1)).getReasonCode());
    assertEquals(0, rows("intruder"));
    c.disconnect().get();
  }

  @Test
  void wrongTokensAndUnknownAgentsCannotConnect() throws Exception {
    server.createAgent("locked");
    for (String[] creds : new String[][] {{"locked", "not-the-token"}, {"nobody", "whatever"}, {"bad id!", "x"}}) {
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> Devices.mqtt5(server.server.mqttPort(), creds[0], creds[1]));
      Mqtt5ConnAckException refused = assertInstanceOf(Mqtt5ConnAckException.class, e.getCause());
      assertEquals(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD, refused.getMqttMessage().getReasonCode());
    }
    assertThrows(ExecutionException.class, () -> Devices.mqtt3(server.server.mqttPort(), "locked", "not-the-token"));
  }
}
