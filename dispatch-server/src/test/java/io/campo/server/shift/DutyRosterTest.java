package io.campo.server.shift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schedule's edges, judged by wall-clock time in zones whose clocks move; no server needed. */
class DutyRosterTest {

  static final ZoneId SANTIAGO = ZoneId.of("America/Santiago");
  static final ZoneId HAVANA = ZoneId.of("America/Havana");

  static WorkSchedule schedule(String json) {
    return ScheduleReader.read(new JsonObject(json));
  }

  static DutyRoster roster(ZoneId zone, String scheduleJson) {
    DutyRoster r = new DutyRoster(zone);
    r.replace(Map.of("a", schedule(scheduleJson)), Map.of());
    return r;
  }

  static boolean on(DutyRoster r, String instant) {
    return r.onDuty("a", Instant.parse(instant));
  }

  @Test
  void anAgentWithoutScheduleIsOnDutyAtAllHoursAndAnEmptyWeekIsNeverOnDuty() {
    DutyRoster r = new DutyRoster(SANTIAGO);
    assertTrue(r.at("nobody", Instant.parse("2026-12-06T04:00:00Z").toEpochMilli()));
    r.replace(Map.of("a", schedule("{\"weekly\":[]}")), Map.of());
    assertFalse(on(r, "2026-12-07T15:00:00Z"));
    assertFalse(on(r, "2026-12-09T03:00:00Z"));
    assertTrue(r.onDuty("other", Instant.parse("2026-12-07T15:00:00Z")));
  }

  @Test
  void twentyFourHundredEndsTheDayAndMidnightBelongsToTheNextDay() {
    // Monday 2026-12-07 in Santiago is UTC-3 (summer time).
    DutyRoster r = roster(SANTIAGO, "{\"weekly\":[{\"day\":1,\"start\":\"22:00\",\"end\":\"24:00\"}]}");
    assertFalse(on(r, "2026-12-08T00:59:59Z"), "21:59:59 Monday");
    assertTrue(on(r, "2026-12-08T01:00:00Z"), "22:00 Monday");
    assertTrue(on(r, "2026-12-08T02:59:59.999Z"), "23:59:59.999 Monday");
    assertFalse(on(r, "2026-12-08T03:00:00Z"), "00:00 Tuesday is Tuesday's, and Tuesday has no hours");
  }

  @Test
  void aShiftAcrossMidnightIsTwoEntriesAndHasNoGap() {
    DutyRoster r = roster(SANTIAGO, "{\"weekly\":[{\"day\":5,\"start\":\"22:00\",\"end\":\"24:00\"},"
        + "{\"day\":6,\"start\":\"00:00\",\"end\":\"06:00\"}]}");
    // Friday 2026-12-11 22:00 -03:00 to Saturday 06:00.
    for (String t : List.of("2026-12-12T01:00:00Z", "2026-12-12T02:59:59Z", "2026-12-12T03:00:00Z", "2026-12-12T08:59:59Z")) {
      assertTrue(on(r, t), t);
    }
    assertFalse(on(r, "2026-12-12T09:00:00Z"), "06:00 Saturday");
    assertFalse(on(r, "2026-12-12T00:59:00Z"), "21:59 Friday");
    assertEquals(List.of("2026-12-12T01:00:00Z-2026-12-12T09:00:00Z"),
        periods(r, "2026-12-11T12:00:00Z", "2026-12-12T12:00:00Z"), "one unbroken period across midnight");
  }

  @Test
  void whenSantiagoSetsItsClocksBackTheRepeatedHourIsWorkedTwice() {
    // 2026-04-05 00:00 -03:00 becomes 2026-04-04 23:00 -04:00: Saturday 23:00-24:00 happens twice.
    DutyRoster r = roster(SANTIAGO, "{\"weekly\":[{\"day\":6,\"start\":\"20:00\",\"end\":\"24:00\"}]}");
    assertTrue(on(r, "2026-04-04T23:00:00Z"), "20:00 -03:00");
    assertTrue(on(r, "2026-04-05T02:30:00Z"), "23:30 -03:00, first time");
    assertTrue(on(r, "2026-04-05T03:30:00Z"), "23:30 -04:00, second time");
    assertFalse(on(r, "2026-04-05T04:00:00Z"), "00:00 -04:00 Sunday");
    List<String> p = periods(r, "2026-04-04T12:00:00Z", "2026-04-05T12:00:00Z");
    assertEquals(List.of("2026-04-04T23:00:00Z-2026-04-05T04:00:00Z"), p, "five real hours for four on the wall");
  }

  @Test
  void whenSantiagoSetsItsClocksForwardTheMissingHourIsNotWorked() {
    // 2026-09-06 00:00 -04:00 becomes 01:00 -03:00: Sunday 00:00-01:00 never happens.
    DutyRoster r = roster(SANTIAGO, "{\"weekly\":[{\"day\":7,\"start\":\"00:00\",\"end\":\"06:00\"}]}");
    assertFalse(on(r, "2026-09-06T03:59:59Z"), "Saturday 23:59:59 -04:00");
    assertTrue(on(r, "2026-09-06T04:00:00Z"), "Sunday 01:00 -03:00, the first instant of Sunday");
    assertTrue(on(r, "2026-09-06T08:59:59Z"), "05:59:59 -03:00");
    assertFalse(on(r, "2026-09-06T09:00:00Z"), "06:00 -03:00");
    assertEquals(List.of("2026-09-06T04:00:00Z-2026-09-06T09:00:00Z"), periods(r, "2026-09-05T12:00:00Z", "2026-09-06T12:00:00Z"));
  }

  @Test
  void havanaSpringForwardAndTheSameScheduleInAnotherZone() {
    // Havana: 2026-03-08 00:00 -05:00 becomes 01:00 -04:00. Sunday 07:00-15:00 is then UTC 11:00-19:00.
    String json = "{\"weekly\":[{\"day\":7,\"start\":\"07:00\",\"end\":\"15:00\"}]}";
    DutyRoster havana = roster(HAVANA, json);
    assertFalse(on(havana, "2026-03-08T10:59:00Z"));
    assertTrue(on(havana, "2026-03-08T11:00:00Z"));
    assertFalse(on(havana, "2026-03-08T19:00:00Z"));
    // The week before, still on -05:00, the same wall-clock hours are an hour later in UTC.
    assertFalse(on(havana, "2026-03-01T11:30:00Z"));
    assertTrue(on(havana, "2026-03-01T12:00:00Z"));
    // An agency whose zone is changed judges the stored wall-clock hours in the new zone.
    DutyRoster utc = roster(ZoneId.of("UTC"), json);
    assertTrue(on(utc, "2026-03-08T07:00:00Z"));
    assertFalse(on(havana, "2026-03-08T07:00:00Z"));
  }

  @Test
  void exceptionsReplaceTheWeekOnTheirDates() {
    DutyRoster r = roster(SANTIAGO, "{\"weekly\":[{\"day\":1,\"start\":\"09:00\",\"end\":\"18:00\"},"
        + "{\"day\":5,\"start\":\"09:00\",\"end\":\"18:00\"}],"
        + "\"exceptions\":[{\"date\":\"2026-12-25\",\"onDuty\":false,\"reason\":\"Navidad\"},"
        + "{\"from\":\"2026-12-12\",\"to\":\"2026-12-12\",\"onDuty\":true,\"start\":\"09:00\",\"end\":\"13:00\"},"
        + "{\"from\":\"2026-12-13\",\"to\":\"2026-12-13\",\"onDuty\":true}]}");
    assertTrue(on(r, "2026-12-18T15:00:00Z"), "an ordinary Friday, 12:00");
    assertFalse(on(r, "2026-12-25T15:00:00Z"), "Christmas Friday");
    assertTrue(on(r, "2026-12-12T15:00:00Z"), "a working Saturday, 12:00");
    assertFalse(on(r, "2026-12-12T16:00:00Z"), "a working Saturday, 13:00");
    assertTrue(on(r, "2026-12-13T05:00:00Z"), "a whole working Sunday, 02:00");
  }

  @Test
  void aShiftStartedOrEndedFromTheAppLastsUntilTheScheduleNextChangesAndNeverPastMidnight() {
    // Monday 2026-12-07, 09:00-18:00 in Santiago (UTC-3).
    DutyRoster r = roster(SANTIAGO, "{\"weekly\":[{\"day\":1,\"start\":\"09:00\",\"end\":\"18:00\"}]}");
    Instant early = Instant.parse("2026-12-07T11:00:00Z");
    assertEquals(Instant.parse("2026-12-07T12:00:00Z"), r.overrideUntil("a", early), "started at 08:00: until 09:00");
    Instant goingHome = Instant.parse("2026-12-07T19:30:10Z");
    assertEquals(Instant.parse("2026-12-07T21:00:00Z"), r.overrideUntil("a", goingHome), "ended at 16:30: until 18:00");
    Instant overtime = Instant.parse("2026-12-07T22:00:00Z");
    assertEquals(Instant.parse("2026-12-08T03:00:00Z"), r.overrideUntil("a", overtime), "started at 19:00: until midnight");

    r.replace(Map.of("a", schedule("{\"weekly\":[{\"day\":1,\"start\":\"09:00\",\"end\":\"18:00\"}]}")), Map.of("a", List.of(
        new ShiftOverride(true, overtime, Instant.parse("2026-12-08T03:00:00Z")),
        new ShiftOverride(false, Instant.parse("2026-12-08T00:00:00Z"), Instant.parse("2026-12-08T03:00:00Z")))));
    assertFalse(on(r, "2026-12-07T21:59:59Z"), "before the overtime");
    assertTrue(on(r, "2026-12-07T22:00:00Z"), "overtime started");
    assertFalse(on(r, "2026-12-08T00:00:00Z"), "the later end wins");
    assertFalse(on(r, "2026-12-08T03:00:00Z"), "Tuesday: the schedule again");
    assertEquals(List.of("2026-12-07T22:00:00Z-2026-12-08T00:00:00Z"), periods(r, "2026-12-07T21:30:00Z", "2026-12-08T06:00:00Z"));
  }

  static List<String> periods(DutyRoster r, String from, String to) {
    return r.periods("a", Instant.parse(from), Instant.parse(to)).stream().map(p -> p[0] + "-" + p[1]).toList();
  }
}
