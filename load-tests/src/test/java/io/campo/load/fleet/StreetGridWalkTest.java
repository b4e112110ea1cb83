package io.campo.load.fleet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StreetGridWalkTest {

  @Test
  void staysWithinItsDiscAndMovesAtTheModesSpeed() {
    for (TravelMode mode : TravelMode.values()) {
      for (long seed = 0; seed < 20; seed++) {
        StreetGridWalk walk = new StreetGridWalk(LatLon.MEXICO_CITY, 1_000, 100, mode, new SplittableRandom(seed));
        Motion previous = walk.advance(0);
        for (int i = 0; i < 2_000; i++) {
          Motion m = walk.advance(5);
          assertTrue(LatLon.MEXICO_CITY.metresTo(m.position()) <= 1_000 + 1, "inside the disc: " + m);
          // Along streets a 5 s step covers at most speed × 5 s (less when it turned a corner).
          assertTrue(previous.position().metresTo(m.position()) <= 11.0 * 5 + 0.5, "plausible step: " + previous + " -> " + m);
          assertTrue(m.headingDeg() % 90 == 0 && m.headingDeg() < 360, "heading along a street: " + m.headingDeg());
          previous = m;
        }
      }
    }
  }

  @Test
  void batteryStaysAPercentage() {
    Battery battery = new Battery(new SplittableRandom(3));
    boolean charged = false;
    for (int i = 0; i < 20_000; i++) {
      battery.advance(60);
      assertTrue(battery.percent() >= 0 && battery.percent() <= 100, "percent " + battery.percent());
      charged |= battery.charging();
    }
    assertTrue(charged, "a battery that runs for two weeks gets charged");
  }
}
