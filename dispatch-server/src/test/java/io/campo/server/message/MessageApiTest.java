package io.campo.server.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Messages from the office reach the phone's inbox, online or after a reconnect, and show in the agent's day. */
class MessageApiTest {

  static TestServer server;
  static String dispatcher;
  static final BlockingQueue<JsonObject> live = new LinkedBlockingQueue<>();

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    dispatcher = server.officeUserInTeam("despacho", "dispatcher", "centro");
    server.server.vertx().eventBus().<JsonObject>consumer(io.campo.server.live.LiveEvents.MESSAGES, m -> live.add(m.body()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> send(String agent, String token, String body) {
    return server.request("POST", "/api/agents/" + agent + "/messages", token, body);
  }

  static JsonArray listed(String agent) {
    HttpResponse<String> r = server.request("GET", "/api/agents/" + agent + "/messages", server.adminToken(), null);
    assertEquals(200, r.statusCode(), r.body());
    return new JsonArray(r.body());
  }

  static JsonObject awaitListed(String agent, long id, boolean delivered) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    JsonObject m = null;
    while (System.currentTimeMillis() < deadline) {
      m = listed(agent).stream().map(JsonObject.class::cast).filter(o -> o.getLong("id") == id).findFirst().orElseThrow();
      if (m.getBoolean("delivered") == delivered) {
        return m;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("message " + id + " never became delivered=" + delivered + ": " + m);
  }

  @Test
  void aMessageReachesAConnectedPhoneIsMarkedDeliveredAndGoesToTheLiveMap() throws Exception {
    String token = server.createAgent("en-linea", "centro");
    BlockingQueue<Mqtt3Publish> inbox = new LinkedBlockingQueue<>();
    Mqtt3AsyncClient c = Devices.persistentPhone(server.server.mqttPort(), "en-linea", token, inbox);
    c.subscribeWith().topicFilter("campo/agents/en-linea/inbox").qos(Devices.QOS1).send().get(10, TimeUnit.SECONDS);
    live.clear();

    HttpResponse<String> r = send("en-linea", dispatcher, "{\"text\": \"  Pase primero con la Sra. López  \"}");
    assertEquals(201, r.statusCode(), r.body());
    JsonObject sent = new JsonObject(r.body());
    assertEquals("en-linea", sent.getString("agentId"));
    assertEquals("Pase primero con la Sra. López", sent.getString("text"));
    assertEquals("despacho", sent.getString("sentBy"));
    assertNotNull(sent.getString("sentAt"));

    Mqtt3Publish p = inbox.poll(10, TimeUnit.SECONDS);
    assertNotNull(p, "the phone got the message");
    assertEquals("campo/agents/en-linea/inbox", p.getTopic().toString());
    JsonObject payload = new JsonObject(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8));
    assertEquals(sent.getLong("id"), payload.getLong("id"));
    assertEquals("Pase primero con la Sra. López", payload.getString("text"));
    assertEquals("despacho", payload.getString("sentBy"));
    assertEquals(sent.getString("sentAt"), payload.getString("sentAt"));

    JsonObject event = live.poll(10, TimeUnit.SECONDS);
    assertEquals("message", event.getString("type"));
    assertEquals(sent.getLong("id"), event.getJsonObject("message").getLong("id"));
    assertEquals("en-linea", event.getJsonObject("message").getString("agentId"));

    assertNotNull(awaitListed("en-linea", sent.getLong("id"), true).getString("deliveredAt"));
    c.disconnect().get();

    // The day's timeline: the phone came online, got the message, went offline, in that order.
    long deadline = System.currentTimeMillis() + 10_000;
    List<String> kinds;
    do {
      JsonObject timeline = new JsonObject(server.request("GET", "/api/agents/en-linea/timeline", server.adminToken(), null).body());
      kinds = timeline.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("kind")).collect(Collectors.toList());
    } while (!kinds.contains("offline") && System.currentTimeMillis() < deadline && sleep());
    assertEquals(List.of("online", "message", "offline"), kinds);
  }

  static boolean sleep() throws InterruptedException {
    Thread.sleep(50);
    return true;
  }

  @Test
  void aMessageForAnOfflinePhoneWaitsAndArrivesWhenItReconnects() throws Exception {
    String token = server.createAgent("sin-senal", "centro");
    BlockingQueue<Mqtt3Publish> inbox = new LinkedBlockingQueue<>();
    Mqtt3AsyncClient c = Devices.persistentPhone(server.server.mqttPort(), "sin-senal", token, inbox);
    c.subscribeWith().topicFilter("campo/agents/sin-senal/inbox").qos(Devices.QOS1).send().get(10, TimeUnit.SECONDS);
    c.disconnect().get();

    HttpResponse<String> r = send("sin-senal", server.adminToken(), "{\"text\": \"Regrese a la oficina a las 5\"}");
    assertEquals(201, r.statusCode(), r.body());
    JsonObject sent = new JsonObject(r.body());
    assertFalse(sent.getBoolean("delivered"));
    Thread.sleep(300);
    assertFalse(awaitListed("sin-senal", sent.getLong("id"), false).getBoolean("delivered"), "nobody acknowledged it yet");

    c = Devices.persistentPhone(server.server.mqttPort(), "sin-senal", token, inbox);
    Mqtt3Publish p = inbox.poll(10, TimeUnit.SECONDS);
    assertNotNull(p, "the message waited for the phone");
    assertEquals("Regrese a la oficina a las 5", new JsonObject(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)).getString("text"));
    awaitListed("sin-senal", sent.getLong("id"), true);
    c.disconnect().get();
  }

  @Test
  void emptyOrOverlongTextsAndUnknownAgentsAreRefused() {
    server.createAgent("validado", "centro");
    for (String body : List.of("{\"text\": \"\"}", "{\"text\": \"   \"}", "{}", "{\"text\": 5}", "not json")) {
      HttpResponse<String> r = send("validado", dispatcher, body);
      assertEquals(400, r.statusCode(), body + " -> " + r.body());
    }
    server.createAgent("otro-equipo");
    assertEquals(404, send("otro-equipo", dispatcher, "{\"text\": \"hola\"}").statusCode(),
        "an agent outside the dispatcher's teams is not there for them");
    assertEquals(0, server.count("SELECT count(*) FROM agent_message WHERE agent_id = 'otro-equipo'"));
    HttpResponse<String> tooLong = send("validado", dispatcher, new JsonObject().put("text", "a".repeat(1001)).encode());
    assertEquals(400, tooLong.statusCode());
    assertTrue(tooLong.body().contains("at most 1000"), tooLong.body());
    assertEquals(201, send("validado", dispatcher, new JsonObject().put("text", "ñ".repeat(1000)).encode()).statusCode(),
        "1000 characters fit, whatever their bytes");
    assertEquals(0, server.count("SELECT count(*) FROM agent_message WHERE agent_id = 'validado' AND length(text) <> 1000"));

    HttpResponse<String> unknown = send("nadie", dispatcher, "{\"text\": \"hola\"}");
    assertEquals(404, unknown.statusCode());
    assertTrue(unknown.body().contains("no agent 'nadie'"));
    assertEquals(404, server.request("GET", "/api/agents/nadie/messages", server.adminToken(), null).statusCode());
    assertEquals(400, server.request("GET", "/api/agents/validado/messages?date=ayer", server.adminToken(), null).statusCode());
    assertEquals(0, listed("validado").size() - 1, "only the one accepted message is stored");
  }
}
