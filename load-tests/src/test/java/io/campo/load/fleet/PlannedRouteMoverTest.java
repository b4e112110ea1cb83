package io.campo.load.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A hand-made plan, in the message format the server sends: from home 600 m east to a first
 * door, 400 m north to a second (with the lunch break on the way), and 1,000 m back home by the
 * same streets; 5 m/s on every leg.
 */
class PlannedRouteMoverTest {

  static final Instant T0 = Instant.parse("2026-11-24T15:00:00Z");
  static final LatLon HOME = LatLon.MEXICO_CITY;
  static final LatLon CORNER = HOME.offset(0, 600);
  static final LatLon SECOND_DOOR = CORNER.offset(400, 0);

  /** The plan as {@code campo/agents/{id}/plan} carries it. */
  static byte[] planMessage() {
    JsonArray line = new JsonArray();
    // A vertex every 100 m, as a road path has, and the via points repeated, as GraphHopper repeats them.
    for (int east = 0; east <= 600; east += 100) {
      line.add(lonLat(HOME.offset(0, east)));
    }
    for (int north = 0; north <= 400; north += 100) {
      line.add(lonLat(CORNER.offset(north, 0)));
    }
    for (int south = 0; south <= 400; south += 100) {
      line.add(lonLat(SECOND_DOOR.offset(-south, 0)));
    }
    for (int west = 100; west <= 600; west += 100) {
      line.add(lonLat(CORNER.offset(0, -west)));
    }
    JsonArray stops = new JsonArray()
        .add(stop("v-1", 120, 120, 420, 600))
        // 400 m at 5 m/s is 80 s, plus the 200 s break taken on the way.
        .add(stop("v-2", 700, 760, 1_000, 400));
    return new JsonObject()
        .put("agentId", "demo-001").put("planId", 7).put("date", "2026-11-24")
        .put("departure", at(0)).put("finish", at(1_200))
        .put("travelSeconds", 480).put("travelMeters", 2_000)
        .put("stops", stops)
        .put("break", new JsonObject().put("start", at(440)).put("end", at(640)))
        .put("geometry", new JsonObject().put("type", "LineString").put("coordinates", line))
        .encode().getBytes(StandardCharsets.UTF_8);
  }

  static JsonObject stop(String id, int arrival, int serviceStart, int departure, int metres) {
    return new JsonObject().put("visitId", id).put("arrival", at(arrival)).put("serviceStart", at(serviceStart))
        .put("departure", at(departure)).put("travelSeconds", metres / 5).put("travelMeters", metres);
  }

  static String at(int seconds) {
    return T0.plusSeconds(seconds).toString();
  }

  static JsonArray lonLat(LatLon p) {
    return new JsonArray().add(p.lon()).add(p.lat());
  }

  /** Advances a mover to plan instants given as seconds after {@link #T0}. */
  static final class PlanClock {
    final PlannedRouteMover mover;
    double now;

    PlanClock(PlannedRouteMover mover, double startSecond) {
      this.mover = mover;
      this.now = startSecond;
    }

    Motion at(double second) {
      Motion m = mover.advance(second - now);
      now = second;
      return m;
    }
  }

  @Test
  void drivesEachLegInItsPlannedTimeWaitsAtDoorsAndOverTheBreakAndStaysHomeAfterwards() {
    DevicePlan plan = DevicePlan.fromJson(planMessage());
    assertEquals(7, plan.planId());
    assertEquals(2, plan.stops().size());
    assertEquals(2_000, new RoadPath(plan.geometry()).lengthMetres(), 0.5);
    PlanClock clock = new PlanClock(new PlannedRouteMover(plan, T0.minusSeconds(60), 1), -60);

    Motion waiting = clock.at(-30);
    assertNear(HOME, waiting, "before the departure the agent is home");
    assertEquals(0, waiting.speedMps());

    Motion firstLeg = clock.at(60);
    assertNear(HOME.offset(0, 300), firstLeg, "halfway along the first leg after half its time");
    assertEquals(5, firstLeg.speedMps(), 0.01);
    assertEquals(90, firstLeg.headingDeg(), 0.1, "heading east");

    for (int t = 120; t < 420; t += 50) {
      Motion atDoor = clock.at(t);
      assertNear(CORNER, atDoor, "at the first door until its departure, t = " + t);
      assertEquals(0, atDoor.speedMps());
      assertEquals(90, atDoor.headingDeg(), 0.1, "standing, the phone keeps its last course");
    }

    Motion secondLeg = clock.at(430);
    assertNear(CORNER.offset(50, 0), secondLeg, "10 s into the second leg");
    assertEquals(0, secondLeg.headingDeg(), 0.1, "heading north");
    Motion lunch = clock.at(530);
    assertNear(CORNER.offset(100, 0), lunch, "stopped where the break began (t = 440)");
    assertEquals(0, lunch.speedMps());
    assertNear(CORNER.offset(350, 0), clock.at(690), "driving again after the break");
    assertNear(SECOND_DOOR, clock.at(800), "at the second door, waiting for its window and serving");
    assertNear(SECOND_DOOR, clock.at(999), "still serving");

    Motion homeward = clock.at(1_180);
    assertNear(CORNER.offset(0, -500), homeward, "900 m into the 1,000 m home after 180 s");
    assertEquals(270, homeward.headingDeg(), 0.1, "heading west");
    for (int t = 1_200; t < 5_000; t += 600) {
      Motion home = clock.at(t);
      assertNear(HOME, home, "home after the finish, for good");
      assertEquals(0, home.speedMps());
    }
  }

  @Test
  void theSpeedupRunsThePlansClockFaster() {
    PlannedRouteMover mover = new PlannedRouteMover(DevicePlan.fromJson(planMessage()), T0, 10);
    assertNear(HOME.offset(0, 300), mover.advance(6), "6 s at ×10 is 60 s of the plan");
    assertEquals(5, mover.advance(0).speedMps(), 0.01, "the speed reported is the plan's, not the sped-up one");
  }

  @Test
  void aPlanReceivedLateIsDrivenFromItsStartAndOneReceivedEarlyWaitsForItsDeparture() {
    DevicePlan plan = DevicePlan.fromJson(planMessage());
    assertNear(HOME, PlannedRouteMover.receivedAt(plan, T0.plusSeconds(300), 1).advance(0), "late: starts from home");
    PlannedRouteMover early = PlannedRouteMover.receivedAt(plan, T0.minusSeconds(3_600), 1);
    assertNear(HOME, early.advance(3_600), "early: home until the departure");
    assertNear(HOME.offset(0, 300), early.advance(60), "then on its way");
  }

  @Test
  void everyPositionLiesOnTheRoadPathAndStepsAreAsLongAsTheSpeedAllows() {
    DevicePlan plan = DevicePlan.fromJson(planMessage());
    RoadPath path = new RoadPath(plan.geometry());
    PlannedRouteMover mover = new PlannedRouteMover(plan, T0, 1);
    Motion previous = mover.advance(0);
    for (int t = 1; t <= 1_300; t++) {
      Motion m = mover.advance(1);
      assertTrue(path.locate(m.position()).metresAway() < 0.01, "on the path at t = " + t + ": " + m);
      assertTrue(previous.position().metresTo(m.position()) <= 5.01, "at most 5 m in 1 s at t = " + t);
      previous = m;
    }
  }

  @Test
  void aPlanWithoutARoadPathOrUnreadableIsRefused() {
    DevicePlan stayingHome = new DevicePlan("a", 1, T0, T0, 0, List.of(), java.util.Optional.empty(), List.of());
    assertThrows(IllegalArgumentException.class, () -> new PlannedRouteMover(stayingHome, T0, 1));
    assertThrows(IllegalArgumentException.class, () -> DevicePlan.fromJson("not json".getBytes(StandardCharsets.UTF_8)));
    assertThrows(IllegalArgumentException.class, () -> DevicePlan.fromJson("{\"planId\": 1}".getBytes(StandardCharsets.UTF_8)));
  }

  static void assertNear(LatLon expected, Motion actual, String what) {
    double off = expected.metresTo(actual.position());
    assertTrue(off < 0.5, what + ": " + off + " m from where it should be (" + actual + ")");
  }
}
