package io.campo.load.fleet;

import java.util.SplittableRandom;

/** How a collection agent gets around, with the speeds seen in city traffic. */
public enum TravelMode {
  WALKING(1.0, 1.6),
  /** Average speeds in dense traffic, stops at lights included, not the bike's top speed. */
  MOTORBIKE(5.0, 11.0);

  private final double minSpeedMps;
  private final double maxSpeedMps;

  TravelMode(double minSpeedMps, double maxSpeedMps) {
    this.minSpeedMps = minSpeedMps;
    this.maxSpeedMps = maxSpeedMps;
  }

  public double pickSpeedMps(SplittableRandom random) {
    return minSpeedMps + random.nextDouble() * (maxSpeedMps - minSpeedMps);
  }
}
