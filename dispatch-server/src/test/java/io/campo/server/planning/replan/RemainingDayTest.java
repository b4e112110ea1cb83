package io.campo.server.planning.replan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.routing.api.Agent;
import io.campo.routing.api.AgentBreak;
import io.campo.routing.api.Coordinate;
import io.campo.routing.api.PlanRequest;
import io.campo.routing.api.TravelProfile;
import io.campo.routing.api.Visit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RemainingDayTest {

  static final Instant START = Instant.parse("2026-12-10T14:00:00Z");
  static final Instant END = Instant.parse("2026-12-10T23:00:00Z");
  static final Coordinate DEPOT = new Coordinate(19.43, -99.13);

  static Visit visit(String id, double lat, double lon) {
    return new Visit(id, new Coordinate(lat, lon), Duration.ofMinutes(15), List.of(), 100, Set.of(), false);
  }

  static Agent agent(String id) {
    return new Agent(id, TravelProfile.CAR, START, END, DEPOT, Optional.of(DEPOT),
        Optional.of(new AgentBreak(Instant.parse("2026-12-10T19:00:00Z"), Instant.parse("2026-12-10T20:00:00Z"), Duration.ofMinutes(30))),
        10, Set.of());
  }

  static JsonObject stop(Visit v) {
    return new JsonObject().put("visitId", v.id()).put("lat", v.location().latitude()).put("lon", v.location().longitude())
        .put("arrival", "2026-12-10T15:00:00Z");
  }

  final Visit a = visit("a", 19.44, -99.13);
  final Visit b = visit("b", 19.45, -99.13);
  final Visit c = visit("c", 19.46, -99.13);
  final Visit d = visit("d", 19.47, -99.13);
  final Visit left = visit("left-out", 19.48, -99.13);
  final PlanRequest original = new PlanRequest(LocalDate.of(2026, 12, 10), List.of(agent("r1"), agent("r2")),
      List.of(a, b, c, d, left), 7, Duration.ofSeconds(2), 500);
  final JsonArray routes = new JsonArray()
      .add(new JsonObject().put("agentId", "r1").put("stops", new JsonArray().add(stop(a)).add(stop(b)).add(stop(c))))
      .add(new JsonObject().put("agentId", "r2").put("stops", new JsonArray().add(stop(d))));

  @Test
  void doneVisitsStayFirstAndTheAgentAtADoorFinishesItBeforeSettingOff() {
    Instant now = Instant.parse("2026-12-10T17:00:00Z");
    // r1 did a, stands at b's door (20 m away); r2 is 3 km north of the depot.
    RemainingDay.Remainder rest = RemainingDay.of(original, routes, Set.of("a"),
        Map.of("r1", new RemainingDay.Position(19.45018, -99.13), "r2", new RemainingDay.Position(19.457, -99.13)), Map.of(), now);
    JsonArray r1 = rest.fixedStops().get("r1");
    assertEquals(List.of("a", "b"), r1.stream().map(s -> ((JsonObject) s).getString("visitId")).toList());
    assertEquals("done", r1.getJsonObject(0).getString("status"));
    assertEquals("inProgress", r1.getJsonObject(1).getString("status"));
    assertFalse(rest.fixedStops().containsKey("r2"), "r2 has nothing done");
    assertEquals(List.of(b), rest.inProgress(), "b is carried for a later re-plan");
    PlanRequest next = rest.request().orElseThrow();
    assertEquals(List.of("c", "d", "left-out"), next.visits().stream().map(Visit::id).toList(),
        "the rest, with what did not fit before");
    Agent r1Next = next.agents().get(0);
    assertEquals(b.location(), r1Next.start(), "r1 sets off from b's door");
    assertEquals(now.plus(Duration.ofMinutes(15)), r1Next.shiftStart(), "once b's service is over");
    assertEquals(8, r1Next.maxVisits(), "two of ten are taken");
    Agent r2Next = next.agents().get(1);
    assertEquals(new Coordinate(19.457, -99.13), r2Next.start(), "r2 sets off from its live position, not the depot");
    assertEquals(now, r2Next.shiftStart());
    assertEquals(Optional.of(DEPOT), r2Next.end(), "and still ends where the plan said");
  }

  @Test
  void beforeTheShiftAgentsLeaveAtItsStartAndAnAgentWithoutAFixFromItsPlannedStart() {
    RemainingDay.Remainder rest = RemainingDay.of(original, routes, Set.of(), Map.of(), Map.of(), START.minusSeconds(3600));
    PlanRequest next = rest.request().orElseThrow();
    assertEquals(START, next.agents().get(0).shiftStart());
    assertEquals(DEPOT, next.agents().get(0).start());
    assertTrue(next.agents().get(0).lunch().isPresent());
    assertEquals(5, next.visits().size());
  }

  @Test
  void aBreakWhoseLatestStartHasPassedIsDroppedAndOneUnderWayStartsNoEarlierThanNow() {
    Instant afterLunch = Instant.parse("2026-12-10T20:30:00Z");
    assertTrue(RemainingDay.of(original, routes, Set.of(), Map.of(), Map.of(), afterLunch).request().orElseThrow()
        .agents().get(0).lunch().isEmpty());
    Instant duringWindow = Instant.parse("2026-12-10T19:30:00Z");
    AgentBreak lunch = RemainingDay.of(original, routes, Set.of(), Map.of(), Map.of(), duringWindow).request().orElseThrow()
        .agents().get(0).lunch().orElseThrow();
    assertEquals(duringWindow, lunch.earliestStart());
  }

  @Test
  void aGeofenceRadiusFromTheAddressDecidesWhoIsAtTheDoor() {
    RemainingDay.Position nearB = new RemainingDay.Position(19.4506, -99.13);   // about 67 m from b
    assertTrue(RemainingDay.of(original, routes, Set.of(), Map.of("r1", nearB), Map.of("b", 50.0), START).fixedStops().isEmpty());
    assertEquals(1, RemainingDay.of(original, routes, Set.of(), Map.of("r1", nearB), Map.of(), START).fixedStops().get("r1").size());
  }

  @Test
  void aDayThatIsOverOrDoneHasNothingToReplanAndSaysWhy() {
    RemainingDay.Remainder over = RemainingDay.of(original, routes, Set.of("a"), Map.of(), Map.of(), END);
    assertTrue(over.request().isEmpty());
    assertTrue(over.problem().contains("day is over"), over.problem());
    assertEquals(1, over.fixedStops().get("r1").size(), "what was done is still reported");
    RemainingDay.Remainder done = RemainingDay.of(original, routes, Set.of("a", "b", "c", "d", "left-out"), Map.of(), Map.of(), START);
    assertTrue(done.request().isEmpty());
    assertTrue(done.problem().contains("nothing is left"), done.problem());
  }
}
