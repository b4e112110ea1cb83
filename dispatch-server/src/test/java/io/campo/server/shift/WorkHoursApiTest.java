package io.campo.server.shift;

import static io.campo.server.Devices.QOS1;
import static io.campo.server.Devices.telemetryTopic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.campo.server.live.LiveSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Work-hours-only tracking through the real server: schedules over HTTP, fixes over real MQTT into a real PostgreSQL,
 * the app's shift start and end, and what the office sees.
 */
class WorkHoursApiTest {

  static final ZoneId ZONE = ZoneId.of("America/Santiago");
  static TestServer server;
  static String admin;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.startInZone(ZONE.getId());
    admin = server.adminToken();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static long rows(String agent) {
    return server.count("SELECT count(*) FROM telemetry WHERE agent_id = '" + agent + "'");
  }

  static HttpResponse<String> putSchedule(String token, String agent, String json) {
    return server.request("PUT", "/api/agents/" + agent + "/schedule", token, json);
  }

  static Mqtt5PubAckReasonCode publish(Mqtt5AsyncClient c, String agent, byte[] payload) throws Exception {
    Mqtt5PublishResult r = c.publishWith().topic(telemetryTopic(agent)).qos(QOS1).payload(payload).send().get(20, TimeUnit.SECONDS);
    return ((Mqtt5PublishResult.Mqtt5Qos1Result) r).getPubAck().getReasonCode();
  }

  static double offDutyCounter() {
    String metrics = server.request("GET", "/metrics", null, null).body();
    Matcher m = Pattern.compile("(?m)^campo_telemetry_off_duty_total(?:\\{[^}]*\\})? ([0-9.E]+)$").matcher(metrics);
    assertTrue(m.find(), "the off-duty counter is exported");
    return Double.parseDouble(m.group(1));
  }

  static String deviceJwt(String agent, String deviceToken) {
    HttpResponse<String> r = server.request("POST", "/api/auth/device", null,
        new JsonObject().put("agentId", agent).put("deviceToken", deviceToken).encode());
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body()).getString("token");
  }

  @Test
  void fixesTakenOffDutyAreAcknowledgedButNeitherStoredNorShown() throws Exception {
    String token = server.createAgent("wh-night");
    // On duty from midnight to noon, agency time, every day.
    JsonArray weekly = new JsonArray();
    for (int day = 1; day <= 7; day++) {
      weekly.add(new JsonObject().put("day", day).put("start", "00:00").put("end", "12:00"));
    }
    HttpResponse<String> put = putSchedule(admin, "wh-night", new JsonObject().put("weekly", weekly).encode());
    assertEquals(200, put.statusCode(), put.body());
    assertEquals(ZONE.getId(), new JsonObject(put.body()).getString("timeZone"));
    assertEquals(7, new JsonObject(put.body()).getJsonArray("weekly").size());

    // A day's backlog, one fix every 20 minutes: judged fix by fix by when each was taken.
    long first = Devices.now() - 24 * 3_600_000L;
    int n = 72;
    long expected = 0;
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      long t = first + i * 20 * 60_000L;
      if (Instant.ofEpochMilli(t).atZone(ZONE).getHour() < 12) {
        expected++;
      }
      batch.append(i == 0 ? "" : ",").append(Devices.fixJson(t, -33.45, -70.66, i));
    }
    double offBefore = offDutyCounter();
    Mqtt5AsyncClient phone = Devices.mqtt5(server.server.mqttPort(), "wh-night", token);
    assertEquals(Mqtt5PubAckReasonCode.SUCCESS, publish(phone, "wh-night", batch.append(']').toString().getBytes()));
    assertEquals(expected, rows("wh-night"));
    assertEquals(n - expected, offDutyCounter() - offBefore, 0.001);
    phone.disconnect().get();
  }

  @Test
  void neverOnDutyAcknowledgesEveryFixOnBothMqttVersionsAndStoresNoneUntilTheScheduleIsRemoved() throws Exception {
    String token = server.createAgent("wh-never");
    assertEquals(200, putSchedule(admin, "wh-never", "{\"weekly\":[]}").statusCode());
    JsonObject listed = agentRow("wh-never");
    assertFalse(listed.getBoolean("onDuty"), "the map shows the agent fuera de turno");

    Mqtt5AsyncClient v5 = Devices.mqtt5(server.server.mqttPort(), "wh-never", token);
    assertEquals(Mqtt5PubAckReasonCode.SUCCESS, publish(v5, "wh-never", Devices.fix(Devices.now(), -33.4, -70.6, 1)));
    v5.disconnect().get();
    Mqtt3AsyncClient v3 = Devices.mqtt3(server.server.mqttPort(), "wh-never", token);
    // MQTT 3.1.1 closes the connection for a refused publish: an acknowledged one completes.
    v3.publishWith().topic(telemetryTopic("wh-never")).qos(QOS1).payload(Devices.fix(Devices.now(), -33.4, -70.6, 2))
        .send().get(20, TimeUnit.SECONDS);
    assertEquals(0, rows("wh-never"));
    assertFalse(server.server.latestPositions().of("wh-never").isPresent(), "nothing off duty reaches the live map");

    assertEquals(204, server.request("DELETE", "/api/agents/wh-never/schedule", admin, null).statusCode());
    v3.publishWith().topic(telemetryTopic("wh-never")).qos(QOS1).payload(Devices.fix(Devices.now(), -33.4, -70.6, 3))
        .send().get(20, TimeUnit.SECONDS);
    assertEquals(1, rows("wh-never"), "without a schedule the agent is tracked at all hours");
    assertTrue(agentRow("wh-never").getBoolean("onDuty"));
    JsonObject view = new JsonObject(server.request("GET", "/api/agents/wh-never/schedule", admin, null).body());
    assertTrue(view.containsKey("weekly") && view.getValue("weekly") == null, view.encode());
    assertEquals(404, server.request("DELETE", "/api/agents/wh-never/schedule", admin, null).statusCode());
    v3.disconnect().get();
  }

  /** OwnTracks over HTTP and Traccar Client (OsmAnd) know nothing of schedules: answered as stored, nothing kept. */
  @Test
  void theTrackingAppsHttpProtocolsAreAnsweredOkOffDutyAndStoreNothing() throws Exception {
    String token = server.createAgent("wh-apps");
    assertEquals(200, putSchedule(admin, "wh-apps", "{\"weekly\":[]}").statusCode());
    long seconds = System.currentTimeMillis() / 1000;
    String location = "{\"_type\":\"location\",\"acc\":5,\"batt\":41,\"lat\":-33.4,\"lon\":-70.6,\"tst\":" + (seconds - 30) + "}";
    HttpResponse<String> ownTracks = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(server.baseUrl() + "/api/owntracks")).POST(java.net.http.HttpRequest.BodyPublishers.ofString(location))
        .header("Content-Type", "application/json").header("Authorization", "Basic " + java.util.Base64.getEncoder()
            .encodeToString(("wh-apps:" + token).getBytes(java.nio.charset.StandardCharsets.UTF_8))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, ownTracks.statusCode(), ownTracks.body());
    HttpResponse<String> osmand = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + server.server.osmandPort() + "/?id=" + token + "&timestamp=" + (seconds - 20)
            + "&lat=-33.4&lon=-70.6&accuracy=8")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, osmand.statusCode(), osmand.body());
    assertEquals(0, rows("wh-apps"));
  }

  @Test
  void theAgentStartsAndEndsAShiftFromTheAppAndIngestHonoursItAudited() throws Exception {
    String token = server.createAgent("wh-app");
    String jwt = deviceJwt("wh-app", token);
    assertEquals(200, putSchedule(admin, "wh-app", "{\"weekly\":[]}").statusCode());
    JsonObject mine = new JsonObject(server.request("GET", "/api/me/shift", jwt, null).body());
    assertFalse(mine.getBoolean("onDuty"));
    assertEquals("schedule", mine.getString("tracking"));
    assertEquals(0, mine.getJsonArray("periods").size());

    HttpResponse<String> started = server.request("POST", "/api/me/shift", jwt, "{\"action\":\"start\"}");
    assertEquals(200, started.statusCode(), started.body());
    JsonObject s = new JsonObject(started.body());
    assertTrue(s.getBoolean("onDuty"));
    assertEquals("start", s.getJsonObject("recorded").getString("action"));
    Instant until = Instant.parse(s.getJsonObject("recorded").getString("until"));
    // Never past the agency's midnight.
    assertEquals(until.atZone(ZONE).toLocalDate().atStartOfDay(ZONE).toInstant(), until);
    assertEquals(1, s.getJsonArray("periods").size());

    Mqtt5AsyncClient phone = Devices.mqtt5(server.server.mqttPort(), "wh-app", token);
    assertEquals(Mqtt5PubAckReasonCode.SUCCESS, publish(phone, "wh-app", Devices.fix(Devices.now(), -33.4, -70.6, 1)));
    assertEquals(1, rows("wh-app"));

    Thread.sleep(5);
    assertEquals(200, server.request("POST", "/api/me/shift", jwt, "{\"action\":\"end\"}").statusCode());
    assertEquals(Mqtt5PubAckReasonCode.SUCCESS, publish(phone, "wh-app", Devices.fix(Devices.now() + 5, -33.4, -70.6, 2)));
    assertEquals(1, rows("wh-app"), "after the end, fixes are acknowledged and dropped");
    phone.disconnect().get();

    assertEquals(2, server.count("SELECT count(*) FROM agent_shift_action WHERE agent_id = 'wh-app' AND by_user = 'wh-app'"));
    JsonObject office = new JsonObject(server.request("GET", "/api/agents/wh-app/schedule", admin, null).body());
    assertEquals("end", office.getJsonArray("shiftActions").getJsonObject(0).getString("action"), "newest first");

    HttpResponse<String> bad = server.request("POST", "/api/me/shift", jwt, "{\"action\":\"pause\"}");
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("'action' must be"), bad.body());
    assertEquals(2, server.count("SELECT count(*) FROM agent_shift_action WHERE agent_id = 'wh-app'"), "nothing recorded");
  }

  @Test
  void badSchedulesAreRefusedAndAnotherTeamsAgentIsOutOfReach() {
    server.createAgent("wh-bad");
    String good = "{\"weekly\":[{\"day\":1,\"start\":\"09:00\",\"end\":\"18:00\"}]}";
    assertEquals(200, putSchedule(admin, "wh-bad", good).statusCode());
    for (String body : new String[] {
        "{\"weekly\":[{\"day\":0,\"start\":\"09:00\",\"end\":\"18:00\"}]}",
        "{\"weekly\":[{\"day\":8,\"start\":\"09:00\",\"end\":\"18:00\"}]}",
        "{\"weekly\":[{\"day\":1,\"start\":\"25:00\",\"end\":\"26:00\"}]}",
        "{\"weekly\":[{\"day\":1,\"start\":\"18:00\",\"end\":\"09:00\"}]}",
        "{\"weekly\":[{\"day\":1,\"start\":\"09:00\",\"end\":\"13:00\"},{\"day\":1,\"start\":\"12:00\",\"end\":\"18:00\"}]}",
        "not json", "[]"}) {
      HttpResponse<String> r = putSchedule(admin, "wh-bad", body);
      assertEquals(400, r.statusCode(), body + " -> " + r.body());
    }
    JsonObject kept = new JsonObject(server.request("GET", "/api/agents/wh-bad/schedule", admin, null).body());
    assertEquals("18:00", kept.getJsonArray("weekly").getJsonObject(0).getString("end"), "a refused body changes nothing");
    assertEquals(404, putSchedule(admin, "wh-nobody", good).statusCode());

    String norte = server.officeUserInTeam("wh-disp-norte", "dispatcher", "wh-norte");
    server.officeUserInTeam("wh-disp-sur", "dispatcher", "wh-sur");
    server.createAgent("wh-sur-agent", "wh-sur");
    assertEquals(404, putSchedule(norte, "wh-sur-agent", good).statusCode());
    assertEquals(404, server.request("GET", "/api/agents/wh-sur-agent/schedule", norte, null).statusCode());
    assertEquals(404, server.request("DELETE", "/api/agents/wh-sur-agent/schedule", norte, null).statusCode());
    assertEquals(0, server.count("SELECT count(*) FROM agent_schedule WHERE agent_id = 'wh-sur-agent'"));
    server.createAgent("wh-norte-agent", "wh-norte");
    assertEquals(200, putSchedule(norte, "wh-norte-agent", good).statusCode());
    String manager = server.officeUserInTeam("wh-manager", "manager", "wh-norte");
    assertEquals(403, putSchedule(manager, "wh-norte-agent", good).statusCode());
    assertEquals(200, server.request("GET", "/api/agents/wh-norte-agent/schedule", manager, null).statusCode());
  }

  @Test
  void theLiveMapHearsWhenAShiftEnds() throws Exception {
    server.createAgent("wh-live");
    Vertx vertx = Vertx.vertx();
    try (LiveSocket map = LiveSocket.connect(vertx, server.server.httpPort(), admin)) {
      assertEquals(200, putSchedule(admin, "wh-live", "{\"weekly\":[]}").statusCode());
      map.next(m -> hasDutyEvent(m, "wh-live", false), 5000);
      assertEquals(204, server.request("DELETE", "/api/agents/wh-live/schedule", admin, null).statusCode());
      map.next(m -> hasDutyEvent(m, "wh-live", true), 5000);
    } finally {
      vertx.close();
    }
  }

  static boolean hasDutyEvent(JsonObject frame, String agent, boolean onDuty) {
    JsonArray events = frame.getJsonArray("events");
    if (events == null) {
      return false;
    }
    for (Object e : events) {
      JsonObject o = (JsonObject) e;
      if ("agent.duty".equals(o.getString("type")) && agent.equals(o.getString("id")) && o.getBoolean("onDuty") == onDuty) {
        return true;
      }
    }
    return false;
  }

  static JsonObject agentRow(String agent) {
    JsonArray all = new JsonArray(server.request("GET", "/api/agents", admin, null).body());
    for (Object o : all) {
      if (agent.equals(((JsonObject) o).getString("id"))) {
        return (JsonObject) o;
      }
    }
    throw new AssertionError("agent " + agent + " not listed");
  }
}
