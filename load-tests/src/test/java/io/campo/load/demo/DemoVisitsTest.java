package io.campo.load.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.load.CampoTestServer;
import io.campo.load.fleet.AgentCredentials;
import io.campo.load.fleet.DoorVisit;
import io.campo.load.fleet.FleetSettings;
import io.campo.load.fleet.LatLon;
import io.campo.load.fleet.MqttVersion;
import io.campo.load.fleet.Pace;
import io.campo.load.fleet.SimulatedFleet;
import io.campo.server.agent.AgentRegistry;
import io.campo.tracking.mqtt.AgentTopic;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's visits: the body a phone submits, and the whole chain through the real server — the
 * portfolio imported through the API, two phones driving a hand-made retained plan over MQTT to
 * the same debtor's door, each submitting its visit on leaving: the diligent one's is VALID, the
 * lazy one's (checked in 200–400 m away) REJECTED with {@code check_in_outside_geofence}.
 *
 * <p>The visit needs 2 minutes of device time at the door, too long for this suite; so the phones
 * run on a replayed device clock: it starts 8 minutes in the past and runs 30 times faster than
 * the wall clock, and everything the phones say — fixes, check-in, check-out — carries its
 * time, as a phone's backlog reaching the server after lost coverage would. The plan is driven
 * at real time on that clock (speed-up 1), at the demo's pace: 150 s of device time at the door
 * take 5 s here, and the device clock is still minutes behind the server's when the test ends.
 */
class DemoVisitsTest {

  static final String DILIGENT = "demo-001";
  static final String LAZY = "demo-002";
  static final LatLon HOME = LatLon.MEXICO_CITY.offset(-150, 0);
  static final LatLon DOOR = LatLon.MEXICO_CITY.offset(150, 0);
  static final LatLon BEYOND = DOOR.offset(300, 0);
  static final double CLOCK_RATE = 30;

  @TempDir
  Path folder;

  @Test
  void aLazyAgentChecksInAwayFromTheDoorAndABodyIsTheSameOnEveryRetry() {
    DemoPortfolio portfolio = new DemoPortfolio(visits(), LocalDate.of(2026, 11, 24), 1);
    DemoVisits visits = new DemoVisits(URI.create("http://127.0.0.1:1/"), List.of(), Set.of(LAZY), portfolio,
        ZoneId.of("America/Mexico_City"), 3, System.out, 1);
    DoorVisit diligent = new DoorVisit(DILIGENT, 9, "v-0001", 0, 1_000_000, DOOR.lat(), DOOR.lon(), 8, 1_200_000);
    DoorVisit lazy = new DoorVisit(LAZY, 9, "v-0001", 0, 1_000_000, DOOR.lat(), DOOR.lon(), 8, 1_200_000);
    assertEquals(visits.body(diligent), visits.body(diligent), "a retry sends the same body");
    assertEquals("plan-9-v-0001", DemoVisits.idempotencyKey(diligent));
    JsonObject at = visits.body(diligent).getJsonObject("checkIn");
    assertEquals(0, new LatLon(at.getDouble("lat"), at.getDouble("lon")).metresTo(DOOR), 0.01);
    JsonObject away = visits.body(lazy).getJsonObject("checkIn");
    double metres = new LatLon(away.getDouble("lat"), away.getDouble("lon")).metresTo(DOOR);
    assertTrue(metres >= 199 && metres <= 401, "the lazy agent checked in " + metres + " m from the door");
    assertEquals("1970-01-01T00:16:40Z", at.getString("at"));
    assertEquals("1970-01-01T00:20:00Z", visits.body(diligent).getString("checkOutAt"));

    Map<String, Integer> mix = new HashMap<>();
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 10_000; i++) {
      JsonObject outcome = DemoVisits.outcome(random, portfolio.debtor("v-0001"), LocalDate.of(2026, 11, 24), "R-1");
      mix.merge(outcome.getString("type"), 1, Integer::sum);
      if (outcome.getString("type").equals("PAID")) {
        assertEquals("R-1", outcome.getString("receipt"));
        assertEquals(portfolio.debtor("v-0001").instalment().toPlainString(), outcome.getString("amount"));
      }
    }
    assertEquals(3_500, mix.get("PROMISE"), 200);
    assertEquals(2_000, mix.get("PAID"), 200);
    assertEquals(3_000, mix.get("NO_CONTACT"), 200);
    assertEquals(1_000, mix.get("REFUSED"), 150);
    assertEquals(500, mix.get("WRONG_ADDRESS"), 100);
    assertEquals(Set.of("demo-015", "demo-030", "demo-045"),
        DemoVisits.lazyAgents(java.util.stream.IntStream.range(0, 50).mapToObj(DemoAgents::id).toList()));
  }

  @Test
  void theDiligentAgentsVisitIsValidAndTheLazyOnesRejected() throws Exception {
    try (CampoTestServer campo = CampoTestServer.start(folder)) {
      URI base = URI.create("http://127.0.0.1:" + campo.server.httpPort() + "/");
      PlanningApi api = new PlanningApi(base);
      String admin = api.login("admin", "load-tests-admin");
      DemoPortfolio portfolio = new DemoPortfolio(visits(), LocalDate.now(ZoneId.of("America/Mexico_City")), 1);
      JsonObject imported = api.importDebtors(admin, portfolio.importRows());
      assertEquals(1, imported.getInteger("imported"), imported.encode());
      assertEquals(0, imported.getInteger("rejectedCount"), imported.encode());

      AgentRegistry registry = new AgentRegistry(campo.server.database().dataSource());
      List<AgentCredentials> agents = List.of(new AgentCredentials(DILIGENT, registry.create(DILIGENT, "Ana").deviceToken()),
          new AgentCredentials(LAZY, registry.create(LAZY, "Beto").deviceToken()));
      ByteArrayOutputStream console = new ByteArrayOutputStream();
      DemoVisits visits = new DemoVisits(base, agents, Set.of(LAZY), portfolio, ZoneId.of("America/Mexico_City"), 3,
          new PrintStream(console, true, StandardCharsets.UTF_8), 1);

      long realStart = System.currentTimeMillis();
      long deviceStart = realStart - Duration.ofMinutes(8).toMillis();
      FleetSettings settings = new FleetSettings("127.0.0.1", campo.server.mqttPort(), MqttVersion.V5, Duration.ofMillis(100),
          HOME, 100, 7, 1).withPace(Pace.PLAUSIBLE)
          .withDeviceClock(() -> deviceStart + Math.round((System.currentTimeMillis() - realStart) * CLOCK_RATE));
      LinkedBlockingQueue<DoorVisit> finished = new LinkedBlockingQueue<>();
      try (SimulatedFleet fleet = SimulatedFleet.start(settings, agents, finished::add)) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (fleet.connectedAgents() < 2 && System.currentTimeMillis() < deadline) {
          Thread.sleep(20);
        }
        Instant departure = Instant.ofEpochMilli(settings.deviceClock().getAsLong()).plusSeconds(30);
        for (AgentCredentials a : agents) {
          campo.server.downlink().retain(a.agentId(), AgentTopic.PLAN, Buffer.buffer(plan(a.agentId(), departure).encode()))
              .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        Map<String, JsonObject> stored = new HashMap<>();
        for (int i = 0; i < 2; i++) {
          DoorVisit visit = finished.poll(30, TimeUnit.SECONDS);
          assertNotNull(visit, "both phones finished their stop; got " + stored.keySet());
          // Check-in and check-out are the first fixes at and after the door, so each can land up to one fix period
          // (100 ms of wall time, CLOCK_RATE times that on the device clock) after the door's planned bounds.
          long onePeriod = Math.round(100 * CLOCK_RATE);
          assertTrue(visit.checkOutMillis() - visit.checkInMillis() >= 150_000 - onePeriod,
              "at the door for the pace's door time: " + visit);
          assertTrue(visit.checkOutMillis() < System.currentTimeMillis(), "the device clock is behind the server's");
          JsonObject answer = visits.submit(visit);
          assertNotNull(answer, console.toString(StandardCharsets.UTF_8));
          stored.put(visit.agentId(), answer);
          JsonObject retried = visits.submit(visit);
          assertEquals(answer.getLong("id"), retried.getLong("id"), "a retry with the same key is the same visit");
        }
        JsonObject valid = api.get(admin, "api/visits/" + stored.get(DILIGENT).getLong("id"));
        assertEquals("VALID", valid.getString("status"), valid.encodePrettily());
        assertTrue(valid.getJsonObject("validation").getLong("dwellSeconds") >= 120, valid.encodePrettily());
        JsonObject rejected = api.get(admin, "api/visits/" + stored.get(LAZY).getLong("id"));
        assertEquals("REJECTED", rejected.getString("status"), rejected.encodePrettily());
        List<String> reasons = new ArrayList<>();
        rejected.getJsonObject("validation").getJsonArray("failures").forEach(f -> reasons.add(((JsonObject) f).getString("reason")));
        assertEquals(List.of("check_in_outside_geofence"), reasons, rejected.encodePrettily());

        JsonObject log = api.get(admin, "api/debtors/v-0001/log");
        assertTrue(log.getJsonArray("entries").size() >= 3, "the import and both visits are in the client log: " + log.encodePrettily());
        DemoVisits.Tally tally = visits.tally();
        assertEquals(2, tally.valid(), tally.toString());
        assertEquals(2, tally.rejected(), tally.toString());
        assertTrue(console.toString(StandardCharsets.UTF_8).contains("check_in_outside_geofence"), console.toString(StandardCharsets.UTF_8));
      } finally {
        visits.close();
      }
    }
  }

  /** One debtor at the door, as a {@link DemoDayRequest} lists visits. */
  static JsonArray visits() {
    return new JsonArray().add(new JsonObject().put("id", "v-0001").put("lat", DOOR.lat()).put("lon", DOOR.lon()).put("value", 150_000));
  }

  /** Departing at {@code departure}: 300 m north to the door at 5 m/s, 150 s there, 300 m on. */
  static JsonObject plan(String agentId, Instant departure) {
    Instant arrival = departure.plusSeconds(60);
    Instant leaving = arrival.plusSeconds(150);
    JsonArray coordinates = new JsonArray();
    for (LatLon p : List.of(HOME, DOOR, BEYOND)) {
      coordinates.add(new JsonArray().add(p.lon()).add(p.lat()));
    }
    return new JsonObject()
        .put("agentId", agentId).put("planId", 9).put("date", "2026-11-24")
        .put("departure", departure.toString()).put("finish", leaving.plusSeconds(60).toString())
        .put("travelMeters", 600)
        .put("stops", new JsonArray().add(new JsonObject().put("visitId", "v-0001").put("arrival", arrival.toString())
            .put("serviceStart", arrival.toString()).put("departure", leaving.toString()).put("travelMeters", 300)))
        .put("geometry", new JsonObject().put("type", "LineString").put("coordinates", coordinates));
  }
}
