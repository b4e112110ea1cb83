package io.campo.load.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A sped-up plan driven at a pace stays believable on the wall clock its fixes carry: never
 * faster than the pace's road speed, at least its door time at each door; and a paced agent
 * reports each finished stop as a {@link DoorVisit} with a check-in on arrival and a check-out on
 * leaving. The plan is {@link PlannedRouteMoverTest}'s: 600 m at 5 m/s to a first door kept 300 s.
 */
class PaceTest {

  static final double SPEEDUP = 10;
  static final Pace PACE = new Pace(20, 150);

  @Test
  void theClockSlowsOnFastLegsAndAtShortDoors() {
    DevicePlan plan = DevicePlan.fromJson(PlannedRouteMoverTest.planMessage());
    PlannedRouteMover mover = new PlannedRouteMover(plan, PlannedRouteMoverTest.T0, SPEEDUP, PACE);
    LatLon previous = mover.advance(0).position();
    int firstAtDoor = -1;
    int lastAtDoor = -1;
    for (int second = 1; second <= 400; second++) {
      LatLon now = mover.advance(1).position();
      assertTrue(previous.metresTo(now) <= PACE.maxRoadSpeedMps() + 0.01, "second " + second + ": " + previous.metresTo(now) + " m");
      previous = now;
      if (mover.doorAt() == 0) {
        firstAtDoor = firstAtDoor < 0 ? second : firstAtDoor;
        lastAtDoor = second;
      }
    }
    // 5 m/s ×10 is 50 m/s: the leg runs at ×4, 30 s; the 300 s door at ×2, 150 s.
    assertEquals(30, firstAtDoor, 1);
    assertEquals(179, lastAtDoor, 1);

    PlannedRouteMover unpaced = new PlannedRouteMover(plan, PlannedRouteMoverTest.T0, SPEEDUP);
    unpaced.advance(12.5);
    assertEquals(0, unpaced.doorAt(), "without a pace the first door is reached after 120 s / 10");
  }

  @Test
  void aPacedAgentReportsEachFinishedStopOnce() {
    DevicePlan plan = DevicePlan.fromJson(PlannedRouteMoverTest.planMessage());
    SimulatedAgent agent = new SimulatedAgent(new AgentCredentials("demo-001", "t"),
        new StreetGridWalk(PlannedRouteMoverTest.HOME.offset(300, 0), 100, 100, TravelMode.WALKING, new SplittableRandom(1)),
        new Battery(new SplittableRandom(2)), new SplittableRandom(3));
    long t0 = PlannedRouteMoverTest.T0.toEpochMilli();
    agent.nextFix(t0 - 1_000);
    assertTrue(agent.follow(plan, t0, SPEEDUP, PACE));
    List<DoorVisit> visits = new ArrayList<>();
    for (int second = 0; second <= 1_500; second++) {
      agent.nextFix(t0 + second * 1_000L);
      visits.addAll(agent.takeFinishedVisits());
    }
    assertEquals(List.of("v-1", "v-2"), visits.stream().map(DoorVisit::visitId).toList());
    for (DoorVisit v : visits) {
      assertEquals(7, v.planId());
      assertTrue(v.checkOutMillis() - v.checkInMillis() >= 150_000, v + " stayed at least the pace's door time");
    }
    DoorVisit first = visits.get(0);
    // It walked ~300 m from where it wandered to the start of the path at 20 m/s before its plan's clock started.
    assertTrue(first.checkInMillis() - t0 >= 35_000 && first.checkInMillis() - t0 <= 55_000, "checked in " + (first.checkInMillis() - t0));
    assertTrue(new LatLon(first.lat(), first.lon()).metresTo(PlannedRouteMoverTest.CORNER) < 40, "checked in at the door");
    assertEquals(List.of(), agent.takeFinishedVisits());
  }
}
