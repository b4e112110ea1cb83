package io.campo.server.phone;

import static io.campo.server.Devices.QOS1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tracking apps' own protocols against the real server: OwnTracks over MQTT 3.1.1 and 5 (HiveMQ clients) and
 * over HTTP, Traccar Client's OsmAnd protocol over HTTP; what is acknowledged is in the telemetry table, what is
 * refused says why.
 */
class PhoneProtocolsTest {

  static TestServer server;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static long rows(String agent) {
    return server.count("SELECT count(*) FROM telemetry WHERE agent_id = '" + agent + "'");
  }

  /** An OwnTracks location as the booklet documents it, taken {@code secondsAgo} before now. */
  static String location(long secondsAgo, double lat) {
    long tst = System.currentTimeMillis() / 1000 - secondsAgo;
    return "{\"_type\":\"location\",\"acc\":5,\"batt\":41,\"bs\":1,\"cog\":271,\"lat\":" + lat + ",\"lon\":2.29513,\"tid\":\"JJ\","
        + "\"tst\":" + tst + ",\"vel\":36,\"alt\":35,\"t\":\"u\",\"conn\":\"w\"}";
  }

  /** The PUBACK, whatever its reason code (HiveMQ's client fails the future on error codes). */
  static Mqtt5PubAck publish5(Mqtt5AsyncClient c, String topic, byte[] payload) throws Exception {
    try {
      Mqtt5PublishResult r = c.publishWith().topic(topic).qos(QOS1).payload(payload).send().get(20, TimeUnit.SECONDS);
      return ((Mqtt5PublishResult.Mqtt5Qos1Result) r).getPubAck();
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof Mqtt5PubAckException refused) {
        return refused.getMqttMessage();
      }
      throw e;
    }
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void ownTracksOverMqtt5() throws Exception {
    String token = server.createAgent("ot5");
    server.createAgent("ot5-victim");
    Mqtt5AsyncClient c = Devices.mqtt5(server.server.mqttPort(), "ot5", token);
    String topic = "owntracks/ot5/phone";
    String fix = location(60, 48.85833);
    assertEquals(Mqtt5PubAckReasonCode.SUCCESS, publish5(c, topic, bytes(fix)).getReasonCode());
    assertEquals(1, rows("ot5"));
    assertEquals(1, server.count("SELECT count(*) FROM telemetry WHERE agent_id = 'ot5' AND abs(speed_mps - 10) < 0.001"
        + " AND battery_pct = 41 AND heading_deg = 271"), "vel 36 km/h stored as 10 m/s");
    // Delivered twice (a lost PUBACK): stored once.
    assertEquals(Mqtt5PubAckReasonCode.SUCCESS, publish5(c, topic, bytes(fix)).getReasonCode());
    assertEquals(1, rows("ot5"));

    Mqtt5PubAck invalid = publish5(c, topic, bytes(location(30, 200)));
    assertEquals(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID, invalid.getReasonCode());
    assertTrue(invalid.getReasonString().orElseThrow().toString().contains("lat_out_of_range"), invalid.toString());
    assertEquals(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID, publish5(c, topic, bytes("{\"_type\":\"location\"")).getReasonCode());
    assertEquals(Mqtt5PubAckReasonCode.NOT_AUTHORIZED,
        publish5(c, "owntracks/ot5-victim/phone", bytes(location(20, 1))).getReasonCode());
    assertEquals(0, rows("ot5-victim"));
    String transition = "{\"_type\":\"transition\",\"wtst\":1425042603,\"lat\":12.34,\"lon\":44.5,\"tst\":1427634603,\"acc\":130,"
        + "\"tid\":\"JP\",\"event\":\"enter\",\"desc\":\"my Indian restaurant\",\"t\":\"b\"}";
    assertEquals(Mqtt5PubAckReasonCode.SUCCESS, publish5(c, topic + "/event", bytes(transition)).getReasonCode());
    assertEquals(Mqtt5PubAckReasonCode.SUCCESS, publish5(c, topic, bytes("{\"_type\":\"lwt\",\"tst\":1427634603}")).getReasonCode());
    assertEquals(1, rows("ot5"), "nothing but locations is stored");
    c.disconnect().get();
  }

  @Test
  void ownTracksOverMqtt311RefusedPublishesAreNotAcknowledgedOnce() throws Exception {
    String token = server.createAgent("ot3");
    String otherToken = server.createAgent("ot3-friend");
    Mqtt3AsyncClient c = Devices.mqtt3(server.server.mqttPort(), "ot3", token);
    // The app's own subscriptions, friends' included: granted, yet nothing of another agent arrives.
    LinkedBlockingQueue<Mqtt3Publish> heard = new LinkedBlockingQueue<>();
    c.publishes(MqttGlobalPublishFilter.ALL, heard::add);
    for (String filter : new String[] {"owntracks/+/+", "owntracks/+/+/event", "owntracks/+/+/info", "owntracks/ot3/phone/cmd"}) {
      var ack = c.subscribeWith().topicFilter(filter).qos(QOS1).send().get(10, TimeUnit.SECONDS);
      assertTrue(ack.getReturnCodes().get(0) != Mqtt3SubAckReturnCode.FAILURE, filter);
    }
    Mqtt3AsyncClient friend = Devices.mqtt3(server.server.mqttPort(), "ot3-friend", otherToken);
    friend.publishWith().topic("owntracks/ot3-friend/phone").qos(QOS1).payload(bytes(location(50, 19.4))).send().get(10, TimeUnit.SECONDS);
    assertEquals(1, rows("ot3-friend"));
    assertNull(heard.poll(1, TimeUnit.SECONDS), "no other agent's location reaches a subscriber");

    String topic = "owntracks/ot3/phone";
    c.publishWith().topic(topic).qos(QOS1).payload(bytes(location(40, 19.4))).send().get(10, TimeUnit.SECONDS);
    assertEquals(1, rows("ot3"));

    // Refused: no PUBACK (3.1.1 has no negative one): the connection closes and the publish is not confirmed.
    String bad = location(30, 200);
    assertThrows(Exception.class, () -> c.publishWith().topic(topic).qos(QOS1).payload(bytes(bad)).send().get(10, TimeUnit.SECONDS));
    long deadline = System.currentTimeMillis() + 10_000;
    while (c.getState().isConnected() && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertFalse(c.getState().isConnected(), "the server closed the connection instead of acknowledging");
    // Sent again after reconnecting: acknowledged, so a payload that can never be stored does not block the app's queue.
    Mqtt3AsyncClient again = Devices.mqtt3(server.server.mqttPort(), "ot3", token);
    again.publishWith().topic(topic).qos(QOS1).payload(bytes(bad)).send().get(10, TimeUnit.SECONDS);
    again.publishWith().topic(topic).qos(QOS1).payload(bytes(location(10, 19.41))).send().get(10, TimeUnit.SECONDS);
    assertEquals(2, rows("ot3"), "the refused fix is not stored; the next good one is");
    again.disconnect().get();
    friend.disconnect().get();
  }

  static HttpResponse<String> postOwnTracks(String user, String password, String body, String limitUser) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/owntracks"))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
    if (user != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    if (limitUser != null) {
      b.header("X-Limit-U", limitUser).header("X-Limit-D", "phone");
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void ownTracksOverHttp() throws Exception {
    String token = server.createAgent("oth");
    String fix = location(60, 48.85833);
    HttpResponse<String> ok = postOwnTracks("oth", token, fix, "oth");
    assertEquals(200, ok.statusCode(), ok.body());
    assertEquals("[]", ok.body());
    assertEquals(1, rows("oth"), "answered only after commit");
    assertEquals(200, postOwnTracks("oth", token, fix, null).statusCode());
    assertEquals(1, rows("oth"), "a repeated post is stored once");

    assertEquals(401, postOwnTracks("oth", "not-the-token", location(50, 1), null).statusCode());
    assertEquals(401, postOwnTracks(null, null, location(50, 1), null).statusCode());
    assertEquals(401, postOwnTracks("nobody", token, location(50, 1), null).statusCode());
    assertEquals(403, postOwnTracks("oth", token, location(50, 1), "someone-else").statusCode());

    HttpResponse<String> invalid = postOwnTracks("oth", token, location(40, 200), null);
    assertEquals(400, invalid.statusCode());
    assertEquals("lat_out_of_range", new JsonObject(invalid.body()).getJsonArray("rejected").getJsonObject(0).getString("reason"));
    assertEquals(400, postOwnTracks("oth", token, "not json", null).statusCode());
    HttpResponse<String> waypoint = postOwnTracks("oth", token, "{\"_type\":\"waypoint\",\"desc\":\"Casa\",\"lat\":1,\"lon\":2,\"rad\":50,\"tst\":1}", null);
    assertEquals(200, waypoint.statusCode());
    assertEquals("[]", waypoint.body());
    assertEquals(1, rows("oth"));
  }

  static HttpResponse<String> osmand(String method, String pathAndQuery, String contentType, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.server.osmandPort() + pathAndQuery))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void traccarClientOverTheOsmAndProtocol() throws Exception {
    String token = server.createAgent("tc");
    long seconds = System.currentTimeMillis() / 1000;
    String query = "/?id=" + token + "&timestamp=" + (seconds - 120) + "&lat=19.4326&lon=-99.1332&speed=10&bearing=90&altitude=2240"
        + "&accuracy=8&batt=64&charge=true";
    HttpResponse<String> get = osmand("GET", query, null, null);
    assertEquals(200, get.statusCode(), get.body());
    assertEquals(1, rows("tc"));
    assertEquals(1, server.count("SELECT count(*) FROM telemetry WHERE agent_id = 'tc' AND abs(speed_mps - 5.144) < 0.001"
        + " AND battery_pct = 64 AND charging"), "10 knots stored as 5.144 m/s");
    assertEquals(200, osmand("GET", query, null, null).statusCode());
    assertEquals(1, rows("tc"), "the same report twice is stored once");

    HttpResponse<String> form = osmand("POST", "/", "application/x-www-form-urlencoded",
        "id=" + token + "&timestamp=" + (seconds - 100) + "&lat=19.433&lon=-99.133");
    assertEquals(200, form.statusCode(), form.body());
    assertEquals(2, rows("tc"));

    // Traccar Client 9's JSON (traccar.org/osmand's example with a current time and the agent's token).
    String json = "{\"location\": {\"timestamp\": \"" + java.time.Instant.ofEpochSecond(seconds - 80) + "\", \"coords\": {\"latitude\": 19.434,"
        + " \"longitude\": -99.134, \"accuracy\": 0, \"speed\": 0, \"heading\": 0, \"altitude\": 0}, \"is_moving\": false, \"odometer\": 0,"
        + " \"event\": \"motionchange\", \"battery\": {\"level\": 1, \"is_charging\": false}, \"activity\": {\"type\": \"still\"},"
        + " \"extras\": {}}, \"device_id\": \"" + token + "\"}";
    HttpResponse<String> posted = osmand("POST", "/", "application/json", json);
    assertEquals(200, posted.statusCode(), posted.body());
    assertEquals(3, rows("tc"));
    assertEquals(1, server.count("SELECT count(*) FROM telemetry WHERE agent_id = 'tc' AND battery_pct = 100 AND NOT charging"));

    HttpResponse<String> unknown = osmand("GET", "/?id=48241179&timestamp=" + seconds + "&lat=1&lon=2", null, null);
    assertEquals(401, unknown.statusCode());
    assertTrue(unknown.body().contains("device token"), unknown.body());
    assertEquals(400, osmand("GET", "/?timestamp=" + seconds + "&lat=1&lon=2", null, null).statusCode());
    HttpResponse<String> invalid = osmand("GET", "/?id=" + token + "&timestamp=" + seconds + "&lat=200&lon=2", null, null);
    assertEquals(400, invalid.statusCode());
    assertEquals("lat_out_of_range", new JsonObject(invalid.body()).getJsonArray("rejected").getJsonObject(0).getString("reason"));
    assertEquals(400, osmand("POST", "/", "application/json", "{\"location\":").statusCode());
    assertEquals(413, osmand("POST", "/", "application/json", "{\"x\":\"" + "a".repeat(300 * 1024) + "\"}").statusCode());
    assertEquals(404, osmand("GET", "/elsewhere", null, null).statusCode());
    assertEquals(3, rows("tc"));
  }

  @Test
  void rotatedTokensAndDisabledAgentsAreRefusedOnEveryProtocol() throws Exception {
    String old = server.createAgent("rot");
    long seconds = System.currentTimeMillis() / 1000;
    assertEquals(200, postOwnTracks("rot", old, location(90, 19.4), null).statusCode());
    HttpResponse<String> rotated = server.request("POST", "/api/agents/rot/token", server.adminToken(), "{}");
    assertEquals(200, rotated.statusCode(), rotated.body());
    String fresh = new JsonObject(rotated.body()).getString("deviceToken");
    assertEquals(401, postOwnTracks("rot", old, location(80, 19.4), null).statusCode(), "the old token no longer works");
    assertEquals(401, osmand("GET", "/?id=" + old + "&timestamp=" + (seconds - 70) + "&lat=1&lon=2", null, null).statusCode());
    assertThrows(Exception.class, () -> Devices.mqtt3(server.server.mqttPort(), "rot", old));
    assertEquals(200, postOwnTracks("rot", fresh, location(60, 19.4), null).statusCode());
    assertEquals(200, osmand("GET", "/?id=" + fresh + "&timestamp=" + (seconds - 50) + "&lat=1&lon=2", null, null).statusCode());
    assertEquals(3, rows("rot"));

    HttpResponse<String> disabled = server.request("PUT", "/api/agents/rot/active", server.adminToken(), "{\"active\": false}");
    assertEquals(200, disabled.statusCode(), disabled.body());
    assertEquals(401, postOwnTracks("rot", fresh, location(40, 19.4), null).statusCode());
    HttpResponse<String> osm = osmand("GET", "/?id=" + fresh + "&timestamp=" + (seconds - 30) + "&lat=1&lon=2", null, null);
    assertEquals(403, osm.statusCode());
    assertTrue(osm.body().contains("disabled"), osm.body());
    assertThrows(Exception.class, () -> Devices.mqtt5(server.server.mqttPort(), "rot", fresh));
    assertEquals(3, rows("rot"), "nothing of a disabled agent is stored");
  }

  @Test
  void repeatedWrongOwnTracksPasswordsAreThrottled() throws Exception {
    String token = server.createAgent("guessed");
    int status = 0;
    for (int i = 0; i < 30 && status != 429; i++) {
      status = postOwnTracks("guessed", "guess-" + i, location(60, 1), null).statusCode();
    }
    assertEquals(429, status, "failed device-token checks are limited like the device login");
    assertEquals(429, postOwnTracks("guessed", token, location(60, 1), null).statusCode(), "even the right token waits");
  }
}
