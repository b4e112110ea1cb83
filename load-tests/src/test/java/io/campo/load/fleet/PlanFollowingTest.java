package io.campo.load.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.load.CampoTestServer;
import io.campo.server.agent.AgentRegistry;
import io.campo.tracking.mqtt.AgentTopic;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated phone receives its plan the way a real one does, retained on its own plan topic
 * from the real server, and the fixes the server stores follow the plan's road path; a newer
 * plan replaces it. The plans are hand-made (the server here has no road network).
 */
class PlanFollowingTest {

  static final String AGENT = "ruta-1";
  static final double SPEEDUP = 60;
  /** Phones report within 3 to 15 m of where they are; 30 m is four standard deviations of that scatter. */
  static final double NEAR_METRES = 30;

  @TempDir
  Path folder;

  @Test
  void theAgentDrivesItsRetainedPlanAlongTheRoadsAndANewPlanReplacesIt() throws Exception {
    try (CampoTestServer campo = CampoTestServer.start(folder)) {
      String token = new AgentRegistry(campo.server.database().dataSource()).create(AGENT, "Agente de ruta").deviceToken();
      FleetSettings settings = new FleetSettings("127.0.0.1", campo.server.mqttPort(), MqttVersion.V5,
          Duration.ofMillis(200), LatLon.MEXICO_CITY, 2_000, 11, SPEEDUP);
      try (SimulatedFleet fleet = SimulatedFleet.start(settings, List.of(new AgentCredentials(AGENT, token)))) {
        awaitTrue(() -> campo.server.latestPositions().of(AGENT).isPresent(), "the agent wanders and reports");

        // A zigzag of city blocks east of the Zócalo: 2 km, 5 m/s (plan time), one door after 1.2 km.
        List<LatLon> firstRoute = zigzag(LatLon.MEXICO_CITY.offset(-200, 100), 1);
        Instant firstReceived = retain(campo, fleet, plan(1, firstRoute, 1_200));
        Thread.sleep(3_000);

        // The dispatcher re-plans: another route, further north and heading west.
        List<LatLon> secondRoute = zigzag(LatLon.MEXICO_CITY.offset(900, -100), -1);
        Instant firstReplaced = Instant.now();
        Instant secondReceived = retain(campo, fleet, plan(2, secondRoute, 800));
        Thread.sleep(2_500);
        fleet.stopPublishing();
        assertTrue(fleet.awaitSettled(Duration.ofSeconds(10)), "every fix answered: " + fleet.counts());

        List<LatLon> onFirst = fixes(campo, firstReceived, firstReplaced);
        List<LatLon> onSecond = fixes(campo, secondReceived, Instant.now());
        assertAlong(new RoadPath(firstRoute), onFirst, "first plan");
        assertAlong(new RoadPath(secondRoute), onSecond, "second plan");
      }
    }
  }

  /** Four blocks of 500 m, alternately north and south, then on {@code eastward} (1 or -1). */
  static List<LatLon> zigzag(LatLon from, int eastward) {
    List<LatLon> line = new ArrayList<>();
    LatLon at = from;
    line.add(at);
    for (int block = 0; block < 4; block++) {
      int north = block % 2 == 0 ? 1 : -1;
      for (int step = 0; step < 5; step++) {
        at = at.offset(north * 50, 0);
        line.add(at);
      }
      for (int step = 0; step < 5; step++) {
        at = at.offset(0, eastward * 50);
        line.add(at);
      }
    }
    return line;
  }

  /** Departing now: to one door {@code doorMetres} along, a minute there, then to the path's end; 5 m/s. */
  static JsonObject plan(long planId, List<LatLon> line, int doorMetres) {
    Instant departure = Instant.now();
    int total = (int) Math.round(new RoadPath(line).lengthMetres());
    Instant arrival = departure.plusSeconds(doorMetres / 5);
    Instant leaving = arrival.plusSeconds(60);
    JsonArray coordinates = new JsonArray();
    line.forEach(p -> coordinates.add(new JsonArray().add(p.lon()).add(p.lat())));
    return new JsonObject()
        .put("agentId", AGENT).put("planId", planId).put("date", "2026-11-24")
        .put("departure", departure.toString()).put("finish", leaving.plusSeconds((total - doorMetres) / 5).toString())
        .put("travelMeters", total)
        .put("stops", new JsonArray().add(new JsonObject().put("visitId", "v-" + planId).put("arrival", arrival.toString())
            .put("serviceStart", arrival.toString()).put("departure", leaving.toString()).put("travelMeters", doorMetres)))
        .put("geometry", new JsonObject().put("type", "LineString").put("coordinates", coordinates));
  }

  /** Stores the plan as the planner does and waits until the phone drives it; returns when it was seen driving it. */
  static Instant retain(CampoTestServer campo, SimulatedFleet fleet, JsonObject plan) throws Exception {
    campo.server.downlink().retain(AGENT, AgentTopic.PLAN, Buffer.buffer(plan.encode()))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    long planId = plan.getLong("planId");
    awaitTrue(() -> fleet.agentsDriving(planId) == 1, "the phone drives plan " + planId);
    // A fix already being taken on the old route may still be stamped just after this.
    return Instant.now().plusMillis(250);
  }

  static List<LatLon> fixes(CampoTestServer campo, Instant from, Instant to) throws Exception {
    List<LatLon> fixes = new ArrayList<>();
    try (Connection c = campo.server.database().dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT lat, lon FROM telemetry WHERE agent_id = ? AND device_time > ? AND device_time < ? ORDER BY device_time")) {
      ps.setString(1, AGENT);
      ps.setTimestamp(2, Timestamp.from(from));
      ps.setTimestamp(3, Timestamp.from(to));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          fixes.add(new LatLon(rs.getDouble(1), rs.getDouble(2)));
        }
      }
    }
    return fixes;
  }

  /** Every fix near the path, each further along than the one before (give or take GPS scatter), well beyond its start. */
  static void assertAlong(RoadPath path, List<LatLon> fixes, String what) {
    assertTrue(fixes.size() >= 5, what + ": fixes stored while driving it: " + fixes.size());
    double previous = -1;
    for (LatLon fix : fixes) {
      RoadPath.Location on = path.locate(fix);
      assertTrue(on.metresAway() < NEAR_METRES, what + ": " + fix + " is " + Math.round(on.metresAway()) + " m off the road path");
      assertTrue(on.metresAlong() > previous - NEAR_METRES, what + ": went back from " + previous + " m to " + on.metresAlong() + " m");
      previous = Math.max(previous, on.metresAlong());
    }
    // 2.5 s at ×60 is two and a half minutes of the plan: 750 m at 5 m/s.
    assertTrue(previous > 500, what + ": drove only " + Math.round(previous) + " m along the path");
    // The first fix comes at most half a second (30 s of the plan) after the plan arrived.
    assertEquals(0, path.locate(fixes.get(0)).metresAlong(), 250, what + ": starts from the path's start");
  }

  static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (!condition.getAsBoolean()) {
      assertTrue(System.currentTimeMillis() < deadline, "timed out waiting until " + what);
      Thread.sleep(20);
    }
  }
}
