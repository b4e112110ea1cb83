package io.campo.server.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a stored plan for the watch: which windows each stop has, on which day, in which zone. */
class RunningRoutesTest {

  static final ZoneId MEXICO = ZoneId.of("America/Mexico_City");
  static final ZoneId SANTIAGO = ZoneId.of("America/Santiago");

  static JsonObject window(String start, String end) {
    return new JsonObject().put("start", start).put("end", end);
  }

  static JsonObject stop(String visitId, String serviceStart) {
    return new JsonObject().put("visitId", visitId).put("lat", 19.43).put("lon", -99.13).put("arrival", serviceStart)
        .put("serviceStart", serviceStart).put("departure", Instant.parse(serviceStart).plusSeconds(900).toString());
  }

  static JsonObject result(JsonObject... stops) {
    return new JsonObject().put("routes", new JsonArray().add(new JsonObject().put("agentId", "a1")
        .put("stops", new JsonArray(List.of((Object[]) stops)))));
  }

  static JsonObject request(JsonObject... visits) {
    return new JsonObject().put("agents", new JsonArray().add(new JsonObject().put("id", "a1").put("profile", "motorcycle")))
        .put("visits", new JsonArray(List.of((Object[]) visits)));
  }

  static RunningRoute.Stop only(List<RunningRoute> routes) {
    assertEquals(1, routes.size());
    assertEquals(1, routes.get(0).stops().size());
    return routes.get(0).stops().get(0);
  }

  @Test
  void aStopsOwnWindowsWinOverTheRequestsForAPortfolioPlanWhoseRequestListedNone() {
    LocalDate day = LocalDate.of(2026, 12, 4);
    JsonObject learned = stop("CR-1", "2026-12-04T01:10:00Z")
        .put("windows", new JsonArray().add(window("2026-12-04T00:00:00Z", "2026-12-04T02:00:00Z")));
    RunningRoute.Stop s = only(RunningRoutes.routes(7, request(), result(learned), day, MEXICO));
    assertEquals(List.of(new RunningRoute.Window(Instant.parse("2026-12-04T00:00:00Z"), Instant.parse("2026-12-04T02:00:00Z"))),
        s.windows());
    assertEquals(Instant.parse("2026-12-04T02:00:00Z"), s.plannedWindow().end());

    RunningRoute.Stop none = only(RunningRoutes.routes(7, request(new JsonObject().put("id", "CR-1")
        .put("windows", new JsonArray().add(window("09:00", "10:00")))), result(stop("CR-1", "2026-12-04T16:00:00Z")
        .put("windows", new JsonArray())), day, MEXICO));
    assertEquals(List.of(), none.windows(), "the plan said the stop has no window (the planner's word over the request's)");
    assertNull(none.plannedWindow());
  }

  @Test
  void aPlanWithoutStopWindowsFallsBackToItsRequestsVisits() {
    RunningRoute.Stop s = only(RunningRoutes.routes(7, request(new JsonObject().put("id", "V1")
        .put("windows", new JsonArray().add(window("2026-12-04T15:00:00Z", "2026-12-04T16:00:00Z")))),
        result(stop("V1", "2026-12-04T15:30:00Z")), LocalDate.of(2026, 12, 4), MEXICO));
    assertEquals(Instant.parse("2026-12-04T16:00:00Z"), s.plannedWindow().end());
    assertEquals("motorcycle", RunningRoutes.routes(7, request(), result(stop("V1", "2026-12-04T15:30:00Z")),
        LocalDate.of(2026, 12, 4), MEXICO).get(0).profile());
  }

  @Test
  void localTimesAreOnThePlansDateInTheAgencysZoneAcrossDaylightSavingChanges() {
    // Chile moves its clocks on the night into the first Sunday of September (-04:00 to -03:00) and back in April.
    LocalDate before = LocalDate.of(2026, 9, 5);
    LocalDate after = LocalDate.of(2026, 9, 6);
    assertNotEquals(SANTIAGO.getRules().getOffset(before.atTime(12, 0)), SANTIAGO.getRules().getOffset(after.atTime(12, 0)),
        "the test's dates straddle a change of Chile's offset");
    JsonObject visit = new JsonObject().put("id", "V1").put("windows", new JsonArray().add(window("09:00", "10:00")));
    RunningRoute.Stop onSaturday = only(RunningRoutes.routes(7, request(visit), result(stop("V1", "2026-09-05T13:10:00Z")), before,
        SANTIAGO));
    assertEquals(new RunningRoute.Window(Instant.parse("2026-09-05T13:00:00Z"), Instant.parse("2026-09-05T14:00:00Z")),
        onSaturday.plannedWindow());
    RunningRoute.Stop onSunday = only(RunningRoutes.routes(7, request(visit), result(stop("V1", "2026-09-06T12:10:00Z")), after,
        SANTIAGO));
    assertEquals(new RunningRoute.Window(Instant.parse("2026-09-06T12:00:00Z"), Instant.parse("2026-09-06T13:00:00Z")),
        onSunday.plannedWindow(), "09:00 local is an hour earlier in UTC once summer time began");
    // Mexico City has kept -06:00 all year since 2022.
    RunningRoute.Stop inMexico = only(RunningRoutes.routes(7, request(visit), result(stop("V1", "2026-04-05T15:10:00Z")),
        LocalDate.of(2026, 4, 5), MEXICO));
    assertEquals(Duration.ofHours(1), Duration.between(inMexico.plannedWindow().start(), inMexico.plannedWindow().end()));
    assertEquals(Instant.parse("2026-04-05T15:00:00Z"), inMexico.plannedWindow().start());
  }

  @Test
  void aStopWithAnUnreadableWindowHasNoneRatherThanAWrongOne() {
    RunningRoute.Stop s = only(RunningRoutes.routes(7, request(), result(stop("V1", "2026-12-04T15:30:00Z")
        .put("windows", new JsonArray().add(window("mañana", "2026-12-04T16:00:00Z")).add("not an object"))),
        LocalDate.of(2026, 12, 4), MEXICO));
    assertEquals(List.of(), s.windows());
  }
}
