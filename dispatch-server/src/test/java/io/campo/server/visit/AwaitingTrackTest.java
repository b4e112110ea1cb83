package io.campo.server.visit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.tracking.telemetry.Fix;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AwaitingTrackTest {

  static final long NOW = Instant.parse("2026-11-24T15:00:00Z").toEpochMilli();

  static Fix fix(String agent, long deviceTime) {
    return new Fix(agent, deviceTime, NOW, 19.4, -99.1, 5.0, null, null, null, null, null);
  }

  static AwaitingTrack.Visit visit(long id, String agent, long until) {
    return new AwaitingTrack.Visit(id, agent, NOW - 3_600_000, NOW - 1_800_000, until);
  }

  @Test
  void onlyFixesOfTheSameAgentInsideTheWindowWakeAVisit() {
    AwaitingTrack awaiting = new AwaitingTrack(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
    AwaitingTrack.Visit v = visit(1, "a1", NOW + 3_600_000);
    assertTrue(awaiting.add(v));
    assertFalse(awaiting.add(v), "added once");
    assertEquals(Set.of(), awaiting.touchedBy(List.of(fix("a2", NOW - 2_000_000))), "another agent's fix");
    assertEquals(Set.of(), awaiting.touchedBy(List.of(fix("a1", NOW - 1_800_000))), "the window's end is exclusive");
    assertEquals(Set.of(), awaiting.touchedBy(List.of(fix("a1", NOW - 3_600_001))), "before the window");
    assertEquals(Set.of(v), awaiting.touchedBy(List.of(fix("a2", NOW), fix("a1", NOW - 3_600_000), fix("a1", NOW - 2_000_000))));
    awaiting.remove("a1", 1);
    assertEquals(Set.of(), awaiting.touchedBy(List.of(fix("a1", NOW - 2_000_000))));
    assertEquals(Set.of(), awaiting.ids());
  }

  @Test
  void aVisitPastItsPeriodIsNotAddedAndIsForgottenOnceItsPeriodEnds() {
    long[] now = {NOW};
    Clock clock = new Clock() {
      @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
      @Override public Clock withZone(java.time.ZoneId zone) { return this; }
      @Override public Instant instant() { return Instant.ofEpochMilli(now[0]); }
    };
    AwaitingTrack awaiting = new AwaitingTrack(clock);
    assertFalse(awaiting.add(visit(1, "a1", NOW)), "its period already ended");
    assertTrue(awaiting.add(visit(2, "a1", NOW + 1000)));
    now[0] = NOW + 1000;
    assertEquals(Set.of(), awaiting.touchedBy(List.of(fix("a1", NOW - 2_000_000))));
    assertFalse(awaiting.contains(2));
  }

  @Test
  void removingByIdAloneFindsTheAgent() {
    AwaitingTrack awaiting = new AwaitingTrack(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
    awaiting.add(visit(7, "a1", NOW + 1000));
    awaiting.add(visit(8, "a2", NOW + 1000));
    awaiting.removeId(7);
    assertEquals(Set.of(8L), awaiting.ids());
  }
}
