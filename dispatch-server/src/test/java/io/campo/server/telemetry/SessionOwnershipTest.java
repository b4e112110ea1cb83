package io.campo.server.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MQTT sessions belong to an agent and a client id together: an agent connecting with a colleague's client id is
 * refused with a reason code saying so, and the colleague's phone stays connected with its subscriptions and its queued
 * downlink.
 */
class SessionOwnershipTest {

  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Mqtt5AsyncClient v5(String clientId, String agent, String token) {
    return MqttClient.builder().useMqttVersion5().identifier(clientId).serverHost("127.0.0.1").serverPort(server.server.mqttPort())
        .simpleAuth().username(agent).password(token.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().buildAsync();
  }

  static Mqtt3AsyncClient v3(String clientId, String agent, String token) {
    return MqttClient.builder().useMqttVersion3().identifier(clientId).serverHost("127.0.0.1").serverPort(server.server.mqttPort())
        .simpleAuth().username(agent).password(token.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().buildAsync();
  }

  @Test
  void aColleaguesClientIdIsRefusedAndTheColleagueKeepsItsSessionAndDownlink() throws Exception {
    String victimToken = server.createAgent("dueno");
    String intruderToken = server.createAgent("colega");
    BlockingQueue<Mqtt3Publish> inbox = new LinkedBlockingQueue<>();
    // Client id "dueno-phone", persistent session.
    Mqtt3AsyncClient victim = Devices.persistentPhone(server.server.mqttPort(), "dueno", victimToken, inbox);
    victim.subscribeWith().topicFilter("campo/agents/dueno/inbox").qos(Devices.QOS1).send().get(10, TimeUnit.SECONDS);

    ExecutionException e5 = assertThrows(ExecutionException.class,
        () -> v5("dueno-phone", "colega", intruderToken).connectWith().cleanStart(true).send().get(10, TimeUnit.SECONDS));
    Mqtt5ConnAckException refused5 = assertInstanceOf(Mqtt5ConnAckException.class, e5.getCause());
    assertEquals(Mqtt5ConnAckReasonCode.CLIENT_IDENTIFIER_NOT_VALID, refused5.getMqttMessage().getReasonCode());
    assertTrue(refused5.getMqttMessage().getReasonString().map(Object::toString).orElse("").contains("another agent"),
        "the reason says why: " + refused5.getMqttMessage().getReasonString());

    ExecutionException e3 = assertThrows(ExecutionException.class,
        () -> v3("dueno-phone", "colega", intruderToken).connectWith().cleanSession(false).send().get(10, TimeUnit.SECONDS));
    Mqtt3ConnAckException refused3 = assertInstanceOf(Mqtt3ConnAckException.class, e3.getCause());
    assertEquals(Mqtt3ConnAckReturnCode.IDENTIFIER_REJECTED, refused3.getMqttMessage().getReturnCode());

    Thread.sleep(500);
    assertTrue(victim.getState().isConnected(), "the colleague's phone was not kicked");
    assertEquals(1, server.count("SELECT count(*) FROM mqtt_session WHERE client_id = 'dueno-phone' AND agent_id = 'dueno'"
        + " AND filters = '{campo/agents/dueno/inbox}' AND disconnected_at IS NULL"), "its stored session is intact");
    assertEquals(0, server.count("SELECT count(*) FROM mqtt_session WHERE agent_id = 'colega'"));

    DownlinkTest.await(server.server.downlink().send("dueno", "inbox", Buffer.buffer("sigue aquí")));
    Mqtt3Publish got = inbox.poll(10, TimeUnit.SECONDS);
    assertEquals("sigue aquí", got == null ? null : Devices.text(got), "its downlink still reaches it");
    victim.disconnect().get();
  }

  @Test
  void anIdleColleaguesClientIdMayBeUsedWithoutErasingTheColleaguesStoredSession() throws Exception {
    String ownerToken = server.createAgent("ausente");
    String otherToken = server.createAgent("prestado");
    BlockingQueue<Mqtt3Publish> inbox = new LinkedBlockingQueue<>();
    Mqtt3AsyncClient owner = Devices.persistentPhone(server.server.mqttPort(), "ausente", ownerToken, inbox);
    owner.subscribeWith().topicFilter("campo/agents/ausente/inbox").qos(Devices.QOS1).send().get(10, TimeUnit.SECONDS);
    owner.disconnect().get();
    // The server records the disconnection after the DISCONNECT: until then the client id is still the owner's.
    long deadline = System.currentTimeMillis() + 5000;
    while (server.count("SELECT count(*) FROM mqtt_session WHERE client_id = 'ausente-phone' AND disconnected_at IS NOT NULL") == 0
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    DownlinkTest.await(server.server.downlink().send("ausente", "inbox", Buffer.buffer("mientras tanto")));

    // Nobody holds "ausente-phone" now: the other agent may use it, with a clean session of its own.
    Mqtt5AsyncClient other = v5("ausente-phone", "prestado", otherToken);
    Mqtt5ConnAck ack = other.connectWith().cleanStart(true).send().get(10, TimeUnit.SECONDS);
    assertEquals(Mqtt5ConnAckReasonCode.SUCCESS, ack.getReasonCode());
    other.disconnect().get();

    // The owner resumes its own session: subscriptions and the message queued meanwhile are there.
    Mqtt3AsyncClient back = v3("ausente-phone", "ausente", ownerToken);
    back.publishes(MqttGlobalPublishFilter.ALL, inbox::add);
    assertTrue(back.connectWith().cleanSession(false).send().get(10, TimeUnit.SECONDS).isSessionPresent(),
        "the owner's session was not erased by the other agent's clean start");
    Mqtt3Publish got = inbox.poll(10, TimeUnit.SECONDS);
    assertEquals("mientras tanto", got == null ? null : Devices.text(got));
    back.disconnect().get();
  }

  @Test
  void theSameAgentReconnectingWithItsClientIdStillTakesItsSessionOver() throws Exception {
    String token = server.createAgent("mismo");
    Mqtt5AsyncClient first = v5("mismo-id", "mismo", token);
    first.connect().get(10, TimeUnit.SECONDS);
    Mqtt5AsyncClient second = v5("mismo-id", "mismo", token);
    assertEquals(Mqtt5ConnAckReasonCode.SUCCESS, second.connect().get(10, TimeUnit.SECONDS).getReasonCode());
    long deadline = System.currentTimeMillis() + 5000;
    while (first.getState().isConnected() && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(!first.getState().isConnected(), "the older connection of the same agent was taken over");
    second.disconnect().get();
  }
}
