package io.campo.server.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.campo.routing.api.TravelProfile;
import io.campo.routing.api.Agent;
import io.campo.routing.api.Coordinate;
import io.campo.routing.api.TimeWindow;
import io.campo.routing.api.Visit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StopWindowsTest {

  static final Instant DAY = Instant.parse("2026-12-04T06:00:00Z");

  static Instant at(int hour, int minute) {
    return DAY.plus(Duration.ofHours(hour).plusMinutes(minute));
  }

  static TimeWindow w(int fromHour, int toHour) {
    return new TimeWindow(at(fromHour, 0), at(toHour, 0));
  }

  static Agent shift(int fromHour, int toHour) {
    return new Agent("a1", TravelProfile.CAR, at(fromHour, 0), at(toHour, 0), new Coordinate(19.43, -99.13), Optional.empty(),
        Optional.empty(), 30, Set.of());
  }

  static Visit visit(TimeWindow... windows) {
    return new Visit("v1", new Coordinate(19.44, -99.12), Duration.ofMinutes(15), List.of(windows), 100, Set.of(), false);
  }

  @Test
  void overlappingWindowsAreMergedAsTheSolverSeesThemInTimeOrder() {
    assertEquals(List.of(w(9, 12), w(15, 17)), StopWindows.of(visit(w(15, 17), w(10, 12), w(9, 11)), shift(8, 18)));
    assertEquals(List.of(w(9, 13)), StopWindows.of(visit(w(9, 11), w(11, 13)), shift(8, 18)), "touching windows are one");
  }

  @Test
  void windowsAreKeptOnlyWhereTheyMeetTheShiftAndEndWithIt() {
    assertEquals(List.of(w(16, 17)), StopWindows.of(visit(w(6, 8), w(16, 20), w(17, 19)), shift(8, 17)),
        "before the shift and after it: gone; across its end: cut at the end");
    assertEquals(List.of(w(6, 10)), StopWindows.of(visit(w(6, 10)), shift(8, 17)),
        "a window open before the shift keeps its start: a re-plan's shift starts now, the window did not");
    assertEquals(List.of(), StopWindows.of(visit(), shift(8, 17)), "no window: any time, never late");
    assertEquals(List.of(), StopWindows.of(visit(new TimeWindow(at(12, 0), at(11, 0))), shift(8, 17)),
        "a window ending before it starts (the planner reports that visit) is no window to watch");
  }

  @Test
  void theChosenWindowHoldsTheServiceStart() {
    List<TimeWindow> windows = List.of(w(9, 10), w(15, 17));
    assertEquals(w(15, 17), StopWindows.chosen(windows, at(17, 0)), "service may start at the end itself");
    assertEquals(w(9, 10), StopWindows.chosen(windows, at(9, 0)));
    assertNull(StopWindows.chosen(windows, at(12, 0)));
    assertNull(StopWindows.chosen(List.of(), at(12, 0)));
  }

  @Test
  void asJsonEveryTimeIsAnInstant() {
    assertEquals(new JsonArray().add(new JsonObject().put("start", "2026-12-04T15:00:00Z").put("end", "2026-12-04T16:00:00Z")),
        StopWindows.json(List.of(w(9, 10))));
  }
}
