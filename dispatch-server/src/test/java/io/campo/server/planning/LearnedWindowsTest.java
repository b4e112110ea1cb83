package io.campo.server.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.campo.routing.api.Agent;
import io.campo.routing.api.Coordinate;
import io.campo.routing.api.TimeWindow;
import io.campo.routing.api.TravelProfile;
import io.campo.server.report.HourlyShrinkage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** From posterior contact probabilities per hour to hard windows: exact numbers. */
class LearnedWindowsTest {

  static final ZoneId MEXICO = ZoneId.of("America/Mexico_City");
  static final LocalDate DAY = LocalDate.of(2026, 12, 7);

  static Instant at(String hhmm) {
    return DAY.atTime(LocalTime.parse(hhmm)).atZone(MEXICO).toInstant();
  }

  static Agent agent(String from, String to) {
    Coordinate home = new Coordinate(19.43, -99.13);
    return new Agent("a", TravelProfile.fromName("car"), at(from), at(to), home, Optional.empty(), Optional.empty(), 10, Set.of());
  }

  /** A segment reached half the time at every hour: prior mean (10 + 1) / (20 + 2) = 0.5. */
  static long[][] flatSegment() {
    long[][] s = new long[24][2];
    for (long[] h : s) {
      h[0] = 20;
      h[1] = 10;
    }
    return s;
  }

  static List<HourlyShrinkage.Hour> hours(long[][] own) {
    return HourlyShrinkage.hours(own, flatSegment(), HourlyShrinkage.DEFAULT_PRIOR_STRENGTH);
  }

  @Test
  void slotsAreTheWholeLocalHoursInsideAnyShiftOnce() {
    List<LearnedWindows.Slot> slots = LearnedWindows.slots(List.of(agent("08:20", "12:00"), agent("10:00", "13:30")), MEXICO);
    assertEquals(List.of(9, 10, 11, 12), slots.stream().map(LearnedWindows.Slot::hour).toList(),
        "08:20 starts at 9; 13:30 ends the last whole hour at 13:00; 10 and 11 once");
    assertEquals(at("09:00"), slots.get(0).start());
  }

  @Test
  void anEveningDebtorGetsAnEveningWindowAndItsProbability() {
    long[][] own = new long[24][2];
    for (int h = 18; h <= 20; h++) {
      own[h] = new long[] {4, 4};
    }
    own[9] = new long[] {3, 0};
    own[10] = new long[] {3, 0};
    // Posteriors: 18–20 (4 + 5) / 14 = 0.642857; 9 and 10 (0 + 5) / 13 = 0.384615; the rest 0.5.
    // Average over the 13 slots 8..20 = 0.515216; 1.15 × that = 0.592498: only 18–20 clear it.
    LearnedWindows.Learned learned = LearnedWindows.derive(hours(own), LearnedWindows.slots(List.of(agent("08:00", "21:00")), MEXICO));
    assertEquals(List.of(new TimeWindow(at("18:00"), at("21:00"))), learned.windows());
    assertEquals(9.0 / 14, learned.contactProbability(), 1e-9);
  }

  @Test
  void aDebtorSeenTwiceKeepsThePlannerFree() {
    long[][] own = new long[24][2];
    own[19] = new long[] {2, 2};
    // Posterior at 19: (2 + 5) / 12 = 0.583333, 1.152× the average 0.506410: clear by ratio, but 2 attempts are too thin.
    LearnedWindows.Learned learned = LearnedWindows.derive(hours(own), LearnedWindows.slots(List.of(agent("08:00", "21:00")), MEXICO));
    assertEquals(List.of(), learned.windows());
    assertEquals((7.0 / 12 + 12 * 0.5) / 13, learned.contactProbability(), 1e-9, "the average over the slots");
  }

  @Test
  void noWindowOutsideTheShiftsNorOneWithoutContactsOfItsOwn() {
    long[][] evening = new long[24][2];
    for (int h = 18; h <= 20; h++) {
      evening[h] = new long[] {4, 4};
    }
    LearnedWindows.Learned dayShift = LearnedWindows.derive(hours(evening), LearnedWindows.slots(List.of(agent("08:00", "17:00")), MEXICO));
    assertEquals(List.of(), dayShift.windows(), "the evening is outside every shift");
    assertEquals(0.5, dayShift.contactProbability(), 1e-9);

    // The segment alone says mornings (prior 0.9 at 9), the debtor was tried 6 times elsewhere and never at 9.
    long[][] segment = flatSegment();
    segment[9] = new long[] {98, 89};
    long[][] own = new long[24][2];
    own[14] = new long[] {6, 3};
    LearnedWindows.Learned priorOnly = LearnedWindows.derive(HourlyShrinkage.hours(own, segment, 10),
        LearnedWindows.slots(List.of(agent("08:00", "17:00")), MEXICO));
    assertEquals(List.of(), priorOnly.windows(), "no window where the debtor itself was never reached");
  }

  @Test
  void atMostTwoWindowsAndNoneCoveringMostOfTheShift() {
    long[][] own = new long[24][2];
    own[8] = new long[] {5, 5};
    own[12] = new long[] {5, 4};
    own[16] = new long[] {5, 5};
    for (int h : new int[] {9, 10, 11, 13, 14, 15}) {
      own[h] = new long[] {3, 0};
    }
    // 8 and 16: (5 + 5) / 15 = 0.666667; 12: 9 / 15 = 0.6; the zeros 5 / 13 = 0.384615.
    // Average over 8..16 = (2 × 0.666667 + 0.6 + 6 × 0.384615) / 9 = 0.471225; 1.15× = 0.541909.
    LearnedWindows.Learned learned = LearnedWindows.derive(hours(own), LearnedWindows.slots(List.of(agent("08:00", "17:00")), MEXICO));
    assertEquals(List.of(new TimeWindow(at("08:00"), at("09:00")), new TimeWindow(at("16:00"), at("17:00"))), learned.windows(),
        "the two best runs, in time order; 12:00 (0.6) left out");
    assertEquals(10.0 / 15, learned.contactProbability(), 1e-9);

    long[][] mostly = new long[24][2];
    for (int h = 8; h <= 13; h++) {
      mostly[h] = new long[] {5, 5};
    }
    for (int h = 14; h <= 16; h++) {
      mostly[h] = new long[] {10, 0};
    }
    // 8..13: 0.666667, 14..16: 5 / 20 = 0.25; average 0.527778, 1.15× = 0.606944: one run of 6 of the 9 hours.
    assertEquals(List.of(), LearnedWindows.derive(hours(mostly), LearnedWindows.slots(List.of(agent("08:00", "17:00")), MEXICO))
        .windows(), "6 of 9 hours is no preference");
  }
}
