package io.campo.server.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class HourlyShrinkageTest {

  static long[][] counts(int[]... hourAttemptsContacts) {
    long[][] c = new long[24][2];
    for (int[] h : hourAttemptsContacts) {
      c[h[0]][0] = h[1];
      c[h[0]][1] = h[2];
    }
    return c;
  }

  static final long[][] OWN = counts(new int[] {10, 2, 0}, new int[] {19, 1, 1}, new int[] {15, 4, 3});
  static final long[][] SEGMENT = counts(new int[] {10, 18, 8}, new int[] {19, 8, 8});

  @Test
  void eachHourIsTheSegmentsRateWorthKVisitsPlusTheDebtorsOwn() {
    List<HourlyShrinkage.Hour> hours = HourlyShrinkage.hours(OWN, SEGMENT, 10);
    assertEquals(24, hours.size());
    // Hour 10: segment 8/18 -> m = 9/20 = 0.45, Beta(4.5, 5.5); own 0/2 -> (0 + 4.5) / (2 + 10) = 0.375
    HourlyShrinkage.Hour ten = hours.get(10);
    assertEquals(0.45, ten.priorMean(), 1e-12);
    assertEquals(4.5, ten.alpha(), 1e-12);
    assertEquals(5.5, ten.beta(), 1e-12);
    assertEquals(0.375, ten.posteriorMean(), 1e-12);
    // Hour 19: segment 8/8 -> m = 9/10, Beta(9, 1); own 1/1 -> 10/11
    assertEquals(10.0 / 11, hours.get(19).posteriorMean(), 1e-12);
    // Hour 15: the segment never tried it -> m = 1/2, Beta(5, 5); own 3/4 -> 8/14
    assertEquals(0.5, hours.get(15).priorMean(), 1e-12);
    assertEquals(8.0 / 14, hours.get(15).posteriorMean(), 1e-12);
    // Hour 3: nobody ever tried it: one half, and no recommendation
    assertEquals(0.5, hours.get(3).posteriorMean(), 1e-12);
    assertEquals(List.of(19, 15, 10), HourlyShrinkage.best(hours, 3).stream().map(HourlyShrinkage.Hour::hour).toList());
    assertEquals(List.of(19, 15), HourlyShrinkage.best(hours, 2).stream().map(HourlyShrinkage.Hour::hour).toList());
  }

  @Test
  void aWeakerPriorLetsTheDebtorsOwnHistoryCountMore() {
    List<HourlyShrinkage.Hour> hours = HourlyShrinkage.hours(OWN, SEGMENT, 1);
    assertEquals(0.45 / 3, hours.get(10).posteriorMean(), 1e-12);
    assertEquals(1.9 / 2, hours.get(19).posteriorMean(), 1e-12);
    assertEquals(3.5 / 5, hours.get(15).posteriorMean(), 1e-12);
  }

  @Test
  void muchOwnEvidenceOutweighsTheSegment() {
    // 20 of 100 against a segment at 9/10: (20 + 9) / (100 + 10)
    List<HourlyShrinkage.Hour> hours = HourlyShrinkage.hours(counts(new int[] {19, 100, 20}), SEGMENT, 10);
    assertEquals(29.0 / 110, hours.get(19).posteriorMean(), 1e-12);
  }

  @Test
  void noEvidenceAnywhereRecommendsNothing() {
    List<HourlyShrinkage.Hour> hours = HourlyShrinkage.hours(new long[24][2], new long[24][2], 10);
    assertEquals(List.of(), HourlyShrinkage.best(hours, 3));
    assertEquals(0.5, hours.get(12).posteriorMean(), 1e-12);
  }

  /** Counts as DebtorContactHistory gives them, from per-weekday rows {day, hour, attempts, contacts}. */
  static DebtorContactHistory.Counts byDay(int[][] own, int[][] segmentOthers) {
    long[][][] o = new long[8][24][2];
    long[][][] s = new long[8][24][2];
    for (int[] r : own) {
      o[r[0]][r[1]][0] += r[2];
      o[r[0]][r[1]][1] += r[3];
    }
    for (int[] r : segmentOthers) {
      s[r[0]][r[1]][0] += r[2];
      s[r[0]][r[1]][1] += r[3];
    }
    long[][] ownAll = new long[24][2];
    long[][] segmentAll = new long[24][2];
    for (int d = 1; d <= 7; d++) {
      for (int h = 0; h < 24; h++) {
        ownAll[h][0] += o[d][h][0];
        ownAll[h][1] += o[d][h][1];
        segmentAll[h][0] += s[d][h][0];
        segmentAll[h][1] += s[d][h][1];
      }
    }
    return new DebtorContactHistory.Counts("A", ownAll, segmentAll, o, s);
  }

  @Test
  void withoutAWeekdayPatternOrOwnVisitsThatDayAWeekdayIsEveryDay() {
    // The segment: the same rate on Monday and Tuesday; the debtor: visits on Monday only.
    DebtorContactHistory.Counts c = byDay(new int[][] {{1, 10, 2, 0}, {1, 19, 1, 1}},
        new int[][] {{1, 10, 9, 4}, {2, 10, 9, 4}, {1, 19, 4, 4}, {2, 19, 4, 4}});
    List<HourlyShrinkage.Hour> allDays = HourlyShrinkage.hours(c.own(), c.segmentOthers(), 10);
    List<HourlyShrinkage.Hour> wednesday = HourlyShrinkage.hoursOn(c, 3, 10);
    for (int h = 0; h < 24; h++) {
      assertEquals(allDays.get(h).posteriorMean(), wednesday.get(h).posteriorMean(), 1e-12, "hour " + h);
    }
    assertEquals(2, wednesday.get(10).attempts(), "the evidence is the debtor's all-days counts");
    assertEquals(0, wednesday.get(10).segmentAttempts(), "the segment's counts that weekday");
  }

  @Test
  void theSegmentsWeekdayEffectScalesTheDebtorsOtherDaysAndItsOwnVisitsThatDayUpdateIt() {
    // Hour 11. The segment: 2 in 20 on weekdays, 16 in 20 on Saturdays -> m = (18 + 1) / (40 + 2) = 19/42.
    // The debtor: 0 in 4 on Mondays, 1 in 1 on a Saturday.
    DebtorContactHistory.Counts c = byDay(new int[][] {{1, 11, 4, 0}, {6, 11, 1, 1}},
        new int[][] {{1, 11, 20, 2}, {6, 11, 20, 16}});
    double m = 19.0 / 42;
    // Saturday: the segment's Saturday rate (16 + 10m) / 30 over m; the debtor's other days (0 + 10m) / 14.
    double saturdayRate = (16 + 10 * m) / 30;
    double prior = (10 * m / 14) * saturdayRate / m;
    HourlyShrinkage.Hour saturday = HourlyShrinkage.hoursOn(c, 6, 10).get(11);
    assertEquals(prior, saturday.priorMean(), 1e-12);
    assertEquals((1 + 10 * prior) / 11, saturday.posteriorMean(), 1e-12);
    assertEquals(5, saturday.attempts());
    assertEquals(20, saturday.segmentAttempts());
    // Monday: the segment's Monday rate is low, and the debtor's own Mondays were all misses.
    double mondayRate = (2 + 10 * m) / 30;
    double mondayPrior = ((1 + 10 * m) / 11) * mondayRate / m;
    HourlyShrinkage.Hour monday = HourlyShrinkage.hoursOn(c, 1, 10).get(11);
    assertEquals(mondayPrior, monday.priorMean(), 1e-12);
    assertEquals(10 * mondayPrior / 14, monday.posteriorMean(), 1e-12);
    assertEquals(true, saturday.posteriorMean() > 2 * monday.posteriorMean(), saturday + " vs " + monday);
  }

  @Test
  void aWeekdayPriorStaysOffZeroAndOne() {
    // A segment always found on Sundays at 9, a debtor found every other day at 9: the scaled prior would pass 1.
    DebtorContactHistory.Counts c = byDay(new int[][] {{1, 9, 30, 30}},
        new int[][] {{1, 9, 100, 10}, {7, 9, 1000, 1000}});
    assertEquals(0.99, HourlyShrinkage.hoursOn(c, 7, 10).get(9).priorMean(), 1e-12);
  }
}
