package io.campo.server.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BestWindowsTest {

  static String describe(List<BestWindows.Window> windows) {
    StringBuilder s = new StringBuilder();
    for (BestWindows.Window w : windows) {
      s.append(w.weekday()).append(' ').append(w.startHour()).append('-').append(w.endHour())
          .append(' ').append(w.contacts()).append('/').append(w.attempts()).append(';');
    }
    return s.toString();
  }

  @Test
  void consistentNeighbouringHoursArePooledAndRankedByTheirLowerBound() {
    ContactCounts c = new ContactCounts();
    c.add(1, 10, 10, 7);   // [0.3968, 0.8922]
    c.add(1, 11, 10, 8);   // [0.4902, 0.9433]; pooled 15/20: [0.5313, 0.8881]
    c.add(3, 9, 10, 9);    // [0.5958, 0.9821]: the best single hour
    c.add(5, 14, 10, 0);   // nobody reached: never recommended
    List<BestWindows.Window> w = BestWindows.rank(c, 10, 5);
    assertEquals("3 9-10 9/10;1 10-12 15/20;", describe(w));
    assertEquals(0.5958, w.get(0).interval().lower(), 5e-5);
    assertEquals(0.5313, w.get(1).interval().lower(), 5e-5);
  }

  @Test
  void aLuckySparseHourIsNeitherAWindowNorPartOfOne() {
    ContactCounts c = new ContactCounts();
    c.add(2, 18, 3, 3);    // 100 % of 3: sparse under minAttempts 10
    c.add(2, 19, 12, 6);   // 50 %: [0.2538, 0.7462]
    c.add(2, 20, 12, 6);
    List<BestWindows.Window> w = BestWindows.rank(c, 10, 5);
    assertEquals("2 19-21 12/24;", describe(w));
    // With the bar lowered to 3 attempts, 3/3 ([0.4385, 1]) outranks its pooled neighbours (15/27: [0.3731, 0.7241]).
    assertEquals("2 18-19 3/3;2 19-21 12/24;", describe(BestWindows.rank(c, 3, 5)));
  }

  @Test
  void windowsAreAtMostThreeHoursAndTheLimitHolds() {
    ContactCounts c = new ContactCounts();
    for (int h = 8; h < 18; h++) {
      c.add(4, h, 20, 10);
    }
    List<BestWindows.Window> w = BestWindows.rank(c, 10, 2);
    // Equal rates everywhere: the longest (most evidence) windows win, earliest first, without overlap.
    assertEquals("4 8-11 30/60;4 11-14 30/60;", describe(w));
  }

  @Test
  void noDataNoWindows() {
    assertEquals(List.of(), BestWindows.rank(new ContactCounts(), 10, 5));
    assertEquals(List.of(), BestWindows.rank(new ContactCounts(), 1, 5));
  }
}
