package io.campo.server.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.campo.server.live.LiveSocket;
import io.campo.server.planning.DemoCityPlanning;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ETAs on the roads: a real plan of today made by the planner on the generated demo city, the agent's phone at the
 * plan's start; the first ETA must be the road matrix's own travel time to the first stop (the plan's first leg, from
 * the same place), and the rest in the plan's order.
 */
class EtaOnRoadsTest {

  static final double LAT = 19.4326;
  static final double LON = -99.1332;
  /** Mid-morning now, whenever the test runs: the plan's all-day windows and shift never cross midnight meanwhile. */
  static final ZoneId ZONE = PlannedWindowsWatchTest.zoneWhereItIsNow(10);
  @TempDir static Path dataDir;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.startWithDemoCity(dataDir, Map.of("CAMPO_WATCH_INTERVAL_SECONDS", "1",
        "CAMPO_TIME_ZONE", ZONE.getId()));
    server.awaitRoads();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theFirstEtaIsTheRoadMatrixsTravelTimeFromThePhonesPosition() throws Exception {
    String token = server.createAgent("eta-1");
    JsonArray visits = new JsonArray();
    double[][] at = {{LAT + 0.004, LON + 0.003}, {LAT - 0.003, LON + 0.005}, {LAT + 0.006, LON - 0.004}};
    for (int i = 0; i < at.length; i++) {
      visits.add(new JsonObject().put("id", "E" + i).put("lat", at[i][0]).put("lon", at[i][1]).put("serviceMinutes", 10)
          .put("windows", new JsonArray().add(new JsonObject().put("start", "00:00").put("end", "23:59"))));
    }
    JsonObject body = new JsonObject().put("date", LocalDate.now(ZONE).toString()).put("timeLimitSeconds", 1)
        .put("agents", new JsonArray().add(new JsonObject().put("id", "eta-1").put("profile", "motorcycle")
            .put("shiftStart", "00:00").put("shiftEnd", "23:59").put("start", new JsonObject().put("lat", LAT).put("lon", LON))))
        .put("visits", visits);
    HttpResponse<String> accepted = server.request("POST", "/api/plans", server.adminToken(), body.encode());
    assertEquals(202, accepted.statusCode(), accepted.body());
    long id = new JsonObject(accepted.body()).getLong("id");
    JsonObject job = DemoCityPlanning.awaitPlan(server, id, server.adminToken());
    assertEquals("done", job.getString("status"), job.encodePrettily());
    JsonArray stops = job.getJsonObject("result").getJsonArray("routes").getJsonObject(0).getJsonArray("stops");
    assertEquals(3, stops.size(), stops.encodePrettily());

    Vertx vertx = Vertx.vertx();
    Mqtt5AsyncClient phone = Devices.mqtt5(server.server.mqttPort(), "eta-1", token);
    try (LiveSocket live = LiveSocket.connect(vertx, server.server.httpPort(), server.adminToken())) {
      live.send("{\"type\":\"viewport\",\"bbox\":null}");
      String fix = "{\"ts\":" + Devices.now() + ",\"lat\":" + LAT + ",\"lon\":" + LON + ",\"acc\":5,\"bat\":90}";
      phone.publishWith().topic(Devices.telemetryTopic("eta-1")).qos(Devices.QOS1).payload(fix.getBytes(StandardCharsets.UTF_8))
          .send().get(10, TimeUnit.SECONDS);
      JsonObject eta = null;
      for (long deadline = System.currentTimeMillis() + 30_000; eta == null && System.currentTimeMillis() < deadline; ) {
        JsonObject frame = live.next(m -> "frame".equals(m.getString("type")), 30_000).message();
        for (Object e : frame.getJsonArray("events", new JsonArray())) {
          if ("eta".equals(((JsonObject) e).getString("type"))) {
            eta = (JsonObject) e;
          }
        }
      }
      assertTrue(eta != null, "an ETA event within 30 s");
      assertEquals("roads", eta.getString("source"), eta.encode());
      assertEquals(id, eta.getLong("planId"));
      List<String> planned = stops.stream().map(s -> ((JsonObject) s).getString("visitId")).toList();
      assertEquals(planned, eta.getJsonArray("stops").stream().map(s -> ((JsonObject) s).getString("visitId")).toList());
      Instant computedAt = Instant.parse(eta.getString("computedAt"));
      double firstLegSeconds = Duration.between(computedAt, Instant.parse(eta.getJsonArray("stops").getJsonObject(0).getString("eta")))
          .toMillis() / 1000.0;
      long plannedFirstLeg = stops.getJsonObject(0).getLong("travelSeconds");
      assertTrue(plannedFirstLeg > 30, "the first stop is some streets away: " + plannedFirstLeg + " s");
      assertEquals(plannedFirstLeg, firstLegSeconds, 2 + plannedFirstLeg * 0.02, "the matrix's time from the same start");
      for (int k = 0; k < 3; k++) {
        assertTrue(eta.getJsonArray("stops").getJsonObject(k).getLong("lateSeconds") < 0, "all in their windows: " + eta.encode());
      }
    } finally {
      phone.disconnect().get(10, TimeUnit.SECONDS);
      vertx.close();
    }
  }
}
