package io.campo.server.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.routing.api.Agent;
import io.campo.routing.api.Coordinate;
import io.campo.routing.api.TimeWindow;
import io.campo.routing.api.TravelProfile;
import io.campo.routing.api.Visit;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanDaysTest {

  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final ZoneId MEXICO = ZoneId.of("America/Mexico_City");
  static final LocalDate DEC_1 = LocalDate.of(2026, 12, 1);

  @Test
  void anAgentWorksTheSameLocalHoursEveryDayAcrossADaylightSavingChange() {
    // 2026-03-07 08:00-17:00 EST; on 03-08 clocks go forward, so 08:00 EDT is an hour earlier in UTC.
    Agent a = new Agent("a", TravelProfile.CAR, Instant.parse("2026-03-07T13:00:00Z"), Instant.parse("2026-03-07T22:00:00Z"),
        new Coordinate(40.7, -74.0), Optional.empty(), Optional.empty(), 10, Set.of());
    Agent next = PlanDays.onDay(a, 1, NEW_YORK);
    assertEquals(Instant.parse("2026-03-08T12:00:00Z"), next.shiftStart());
    assertEquals(Instant.parse("2026-03-08T21:00:00Z"), next.shiftEnd());
    assertEquals(a, PlanDays.onDay(a, 0, NEW_YORK));
  }

  @Test
  void aVisitIsOfferedOnTheDaysItsWindowsTouch() {
    TimeWindow third = new TimeWindow(Instant.parse("2026-12-03T15:00:00Z"), Instant.parse("2026-12-03T18:00:00Z"));
    TimeWindow first = new TimeWindow(Instant.parse("2026-12-01T15:00:00Z"), Instant.parse("2026-12-01T18:00:00Z"));
    Visit v = new Visit("v", new Coordinate(19.4, -99.1), Duration.ofMinutes(10), List.of(first, third), 1, Set.of(), false);
    assertEquals(List.of(first), PlanDays.onDay(v, DEC_1, MEXICO, dayShiftEnd(DEC_1), false).orElseThrow().windows());
    assertTrue(PlanDays.onDay(v, DEC_1.plusDays(1), MEXICO, dayShiftEnd(DEC_1.plusDays(1)), false).isEmpty());
    assertEquals(List.of(third), PlanDays.onDay(v, DEC_1.plusDays(2), MEXICO, dayShiftEnd(DEC_1.plusDays(2)), true).orElseThrow().windows());
    Visit anyTime = new Visit("w", new Coordinate(19.4, -99.1), Duration.ofMinutes(10), List.of(), 1, Set.of(), false);
    assertEquals(Optional.of(anyTime), PlanDays.onDay(anyTime, DEC_1.plusDays(1), MEXICO, dayShiftEnd(DEC_1.plusDays(1)), false));
  }

  @Test
  void aShiftPastMidnightServesWindowsAfterIt() {
    // Shift 18:00-03:00 Mexico City time (00:00-09:00Z): a window from 01:00 to 02:00 the next local date belongs to it.
    TimeWindow night = new TimeWindow(Instant.parse("2026-12-02T07:00:00Z"), Instant.parse("2026-12-02T08:00:00Z"));
    Visit v = new Visit("v", new Coordinate(19.4, -99.1), Duration.ofMinutes(10), List.of(night), 1, Set.of(), false);
    assertEquals(List.of(night), PlanDays.onDay(v, DEC_1, MEXICO, Instant.parse("2026-12-02T09:00:00Z"), false).orElseThrow().windows());
    assertTrue(PlanDays.onDay(v, DEC_1, MEXICO, dayShiftEnd(DEC_1), false).isEmpty(), "a day shift ends before it");
  }

  @Test
  void onTheLastDayAVisitWhoseWindowsTouchNoDayGoesToThePlannerToBeExplained() {
    TimeWindow nextWeek = new TimeWindow(Instant.parse("2026-12-08T15:00:00Z"), Instant.parse("2026-12-08T18:00:00Z"));
    Visit v = new Visit("v", new Coordinate(19.4, -99.1), Duration.ofMinutes(10), List.of(nextWeek), 1, Set.of(), false);
    assertTrue(PlanDays.onDay(v, DEC_1, MEXICO, dayShiftEnd(DEC_1), false).isEmpty(), "a later day of the plan may still serve it");
    assertEquals(Optional.of(v), PlanDays.onDay(v, DEC_1, MEXICO, dayShiftEnd(DEC_1), true), "all its windows, unclipped");
  }

  /** 17:00 Mexico City time on the date. */
  private static Instant dayShiftEnd(LocalDate date) {
    return date.atTime(17, 0).atZone(MEXICO).toInstant();
  }

  @Test
  void aVisitWhoseLastWindowIsTodayOutranksOnesThatCanWait() {
    ZoneId mexico = ZoneId.of("America/Mexico_City");
    LocalDate today = LocalDate.of(2026, 12, 1);
    TimeWindow todayOnly = new TimeWindow(Instant.parse("2026-12-01T16:00:00Z"), Instant.parse("2026-12-01T18:00:00Z"));
    TimeWindow tomorrow = new TimeWindow(Instant.parse("2026-12-02T16:00:00Z"), Instant.parse("2026-12-02T18:00:00Z"));
    Visit last = new Visit("last", new Coordinate(19.4, -99.1), Duration.ofMinutes(10), List.of(todayOnly), 5, Set.of(), false);
    Visit later = new Visit("later", new Coordinate(19.4, -99.1), Duration.ofMinutes(10), List.of(todayOnly, tomorrow), 5, Set.of(), false);
    Visit free = new Visit("free", new Coordinate(19.4, -99.1), Duration.ofMinutes(10), List.of(), 900, Set.of(), false);
    List<Visit> ranked = PlanDays.lastChanceFirst(List.of(last, later, free), today, mexico, false);
    assertEquals(905, ranked.get(0).value(), "above the most valuable visit that can wait");
    assertEquals(5, ranked.get(1).value());
    assertEquals(900, ranked.get(2).value());
    assertEquals(List.of(last, later, free), PlanDays.lastChanceFirst(List.of(last, later, free), today, mexico, true), "the last day");
  }
}
