package io.campo.server.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.campo.routing.api.Coordinate;
import io.campo.routing.api.TimeWindow;
import io.campo.routing.api.Visit;
import io.campo.server.outreach.compliance.ContactHours;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContactHoursClipTest {

  static final Instant NINE = Instant.parse("2026-07-06T15:00:00Z");
  static final Instant FOUR_PM = Instant.parse("2026-07-06T22:00:00Z");
  static final ContactHours HOURS = new ContactHours(NINE, FOUR_PM);

  static Visit visit(Duration service, TimeWindow... windows) {
    return new Visit("d", new Coordinate(19.43, -99.13), service, List.of(windows), 100, Set.of("x"), true);
  }

  static TimeWindow window(Instant start, Instant end) {
    return new TimeWindow(start, end);
  }

  @Test
  void aVisitWithoutWindowsMayStartWhenTheHoursOpenAndEndBeforeTheyClose() {
    Visit v = ContactHoursClip.clip(List.of(visit(Duration.ofMinutes(15))), HOURS).get(0);
    assertEquals(List.of(window(NINE, FOUR_PM.minusSeconds(15 * 60))), v.windows());
    assertEquals(100, v.value());
    assertEquals(Set.of("x"), v.requiredSkills());
    assertEquals(true, v.mustVisit());
  }

  @Test
  void learnedWindowsAreCutToTheHoursAndThoseOutsideThemDropped() {
    Visit v = visit(Duration.ofMinutes(30), window(NINE.minusSeconds(7200), NINE.plusSeconds(3600)),
        window(FOUR_PM.plusSeconds(3600), FOUR_PM.plusSeconds(7200)), window(NINE.plusSeconds(7200), FOUR_PM));
    assertEquals(List.of(window(NINE, NINE.plusSeconds(3600)), window(NINE.plusSeconds(7200), FOUR_PM.minusSeconds(1800))),
        ContactHoursClip.clip(List.of(v), HOURS).get(0).windows());
  }

  @Test
  void aVisitWhoseWindowsAllLieOutsideTheHoursKeepsTheHours() {
    Visit evening = visit(Duration.ofMinutes(15), window(FOUR_PM.plusSeconds(600), FOUR_PM.plusSeconds(3600)));
    assertEquals(List.of(window(NINE, FOUR_PM.minusSeconds(900))), ContactHoursClip.clip(List.of(evening), HOURS).get(0).windows());
  }

  @Test
  void aServiceLongerThanTheHoursGetsTheOpeningInstantNotAWindowEndingBeforeItStarts() {
    Visit longOne = visit(Duration.ofHours(8));
    assertEquals(List.of(window(NINE, NINE)), ContactHoursClip.clip(List.of(longOne), HOURS).get(0).windows());
  }

  @Test
  void aWindowThatOnlyTouchesTheOpeningIsOutsideTheHours() {
    Visit early = visit(Duration.ofMinutes(15), window(NINE.minusSeconds(3600), NINE));
    assertEquals(List.of(window(NINE, FOUR_PM.minusSeconds(900))), ContactHoursClip.clip(List.of(early), HOURS).get(0).windows());
  }
}
