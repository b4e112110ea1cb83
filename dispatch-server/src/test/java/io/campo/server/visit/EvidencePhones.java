package io.campo.server.visit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Agents' phones and their visits against one test server, for the late-evidence tests: real MQTT, real HTTP. */
final class EvidencePhones {

  static final double LAT = 20.6597;
  static final double LON = -103.3496;

  private final TestServer server;

  EvidencePhones(TestServer server) {
    this.server = server;
  }

  static double east(double meters) {
    return LON + meters / (111_320.0 * Math.cos(Math.toRadians(LAT)));
  }

  public record Agent(String id, String deviceToken, String jwt) {}

  Agent agent(String id) {
    String token = server.createAgent(id);
    HttpResponse<String> login = server.request("POST", "/api/auth/device", null,
        new JsonObject().put("agentId", id).put("deviceToken", token).encode());
    assertEquals(200, login.statusCode(), login.body());
    return new Agent(id, token, new JsonObject(login.body()).getString("token"));
  }

  void publish(Agent a, List<String> fixes) throws Exception {
    Mqtt5AsyncClient phone = Devices.mqtt5(server.server.mqttPort(), a.id(), a.deviceToken());
    try {
      phone.publishWith().topic(Devices.telemetryTopic(a.id())).qos(Devices.QOS1)
          .payload(("[" + String.join(",", fixes) + "]").getBytes(StandardCharsets.UTF_8)).send().get(10, TimeUnit.SECONDS);
    } finally {
      phone.disconnect().get(10, TimeUnit.SECONDS);
    }
  }

  /** Fixes at the door every 30 s from {@code fromMillis} to {@code toMillis}, with GPS jitter. */
  static List<String> atTheDoor(long fromMillis, long toMillis, long everyMillis) {
    List<String> fixes = new ArrayList<>();
    int i = 0;
    for (long t = fromMillis; t <= toMillis; t += everyMillis, i++) {
      fixes.add(Devices.fixJson(t, LAT + (i % 3) * 2e-6, east(6 + i % 2), i));
    }
    return fixes;
  }

  HttpResponse<String> postVisit(Agent a, String key, String debtor, long checkInMillis, double lon, Long checkOutMillis) {
    JsonObject body = new JsonObject().put("debtor", debtor)
        .put("checkIn", new JsonObject().put("at", Instant.ofEpochMilli(checkInMillis).toString()).put("lat", LAT).put("lon", lon).put("accuracy", 8))
        .put("outcome", new JsonObject().put("type", "NO_CONTACT"));
    if (checkOutMillis != null) {
      body.put("checkOutAt", Instant.ofEpochMilli(checkOutMillis).toString());
    }
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/visits"))
          .header("Authorization", "Bearer " + a.jwt()).header("Content-Type", "application/json").header("Idempotency-Key", key)
          .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  JsonObject visit(long id) {
    HttpResponse<String> r = server.request("GET", "/api/visits/" + id, server.adminToken(), null);
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  JsonObject awaitVisit(long id, Predicate<JsonObject> until, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    JsonObject v = visit(id);
    while (!until.test(v) && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      v = visit(id);
    }
    return v;
  }

  static List<String> reasons(JsonObject visit) {
    List<String> reasons = new ArrayList<>();
    visit.getJsonObject("validation").getJsonArray("failures").forEach(f -> reasons.add(((JsonObject) f).getString("reason")));
    return reasons;
  }

  JsonArray log(String debtor) {
    return new JsonObject(server.request("GET", "/api/debtors/" + debtor + "/log", server.adminToken(), null).body())
        .getJsonArray("entries");
  }

}
