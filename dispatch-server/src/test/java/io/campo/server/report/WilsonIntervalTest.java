package io.campo.server.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Bounds worked out by hand from the closed form (p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n), z = 1.96. */
class WilsonIntervalTest {

  static void assertInterval(double lower, double upper, WilsonInterval i) {
    assertEquals(lower, i.lower(), 5e-5, "lower of " + i);
    assertEquals(upper, i.upper(), 5e-5, "upper of " + i);
  }

  @Test
  void sevenOutOfTen() {
    WilsonInterval i = WilsonInterval.of(7, 10);
    assertEquals(0.7, i.rate(), 1e-12);
    assertInterval(0.3968, 0.8922, i);
  }

  @Test
  void theExtremesStayInsideZeroToOneAndAreNotPoints() {
    assertInterval(0.0, 0.2775, WilsonInterval.of(0, 10));
    assertInterval(0.7225, 1.0, WilsonInterval.of(10, 10));
    // Three out of three is far from proof of a 100 % hour.
    assertInterval(0.4385, 1.0, WilsonInterval.of(3, 3));
  }

  @Test
  void moreEvidenceAtTheSameRateNarrowsTheInterval() {
    assertInterval(0.2538, 0.7462, WilsonInterval.of(6, 12));
    assertInterval(0.5313, 0.8881, WilsonInterval.of(15, 20));
    WilsonInterval small = WilsonInterval.of(3, 4);
    WilsonInterval large = WilsonInterval.of(300, 400);
    assertEquals(small.rate(), large.rate());
    assertEquals(true, large.lower() > small.lower() && large.upper() < small.upper());
  }

  @Test
  void impossibleCountsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(0, 0));
    assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(11, 10));
    assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(-1, 10));
  }
}
