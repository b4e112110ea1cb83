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
}
