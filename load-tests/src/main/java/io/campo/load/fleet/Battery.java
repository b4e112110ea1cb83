package io.campo.load.fleet;

import java.util.SplittableRandom;

/**
 * A phone's battery over a working day: it drains with GPS and mobile data on, and when it
 * runs low the agent plugs in a power bank until it is nearly full. Some agents also charge
 * now and then on the way (a motorbike's USB socket, a shop's plug).
 *
 * <p>Not thread-safe: one agent, one caller.
 */
public final class Battery {

  private static final double LOW_PERCENT = 20;
  private static final double FULL_PERCENT = 98;
  private static final double CHARGE_PERCENT_PER_HOUR = 45;
  private static final double SPONTANEOUS_CHARGE_CHANCE_PER_HOUR = 0.15;

  private final double drainPercentPerHour;
  private final SplittableRandom random;
  private double percent;
  private boolean charging;

  public Battery(SplittableRandom random) {
    this.random = random;
    this.drainPercentPerHour = 6 + random.nextDouble() * 8;
    this.percent = 35 + random.nextDouble() * 65;
  }

  public void advance(double elapsedSeconds) {
    double hours = elapsedSeconds / 3600;
    if (charging) {
      percent = Math.min(100, percent + hours * CHARGE_PERCENT_PER_HOUR);
      if (percent >= FULL_PERCENT) {
        charging = false;
      }
      return;
    }
    percent = Math.max(0, percent - hours * drainPercentPerHour);
    if (percent < LOW_PERCENT || random.nextDouble() < hours * SPONTANEOUS_CHARGE_CHANCE_PER_HOUR) {
      charging = true;
    }
  }

  /** Whole percent, 0..100, as phones report it. */
  public int percent() {
    return (int) Math.round(percent);
  }

  public boolean charging() {
    return charging;
  }
}
