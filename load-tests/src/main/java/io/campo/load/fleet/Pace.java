package io.campo.load.fleet;

/**
 * How far a sped-up plan may be compressed before the server could no longer believe the
 * phone's track. Fixes carry wall-clock device times, so at ×10 a motorbike planned at 30 km/h
 * moves 300 km/h between two fixes: a teleport to Campo's visit validation (no jump above
 * 198 km/h). And a 5-minute service at ×10 keeps the phone 30 s at the door, less than the
 * 2 minutes of dwell a visit needs. A {@link PlannedRouteMover} with a pace runs its plan's clock
 * {@code speedup} times faster than the wall clock except where that would break one of these:
 * on a leg, no faster than keeps the phone at or below {@code maxRoadSpeedMps} of wall-clock
 * speed; at a door, no faster than keeps it there {@code minDoorSeconds} of wall-clock time.
 * Immutable.
 *
 * @param maxRoadSpeedMps the fastest a phone moves on the road, metres per wall-clock second
 * @param minDoorSeconds the least wall-clock time a phone stays at a door (0: no floor)
 */
public record Pace(double maxRoadSpeedMps, double minDoorSeconds) {

  /** No limit: the plan's clock runs at the speed-up throughout (the tests that check positions along a route). */
  public static final Pace UNLIMITED = new Pace(Double.POSITIVE_INFINITY, 0);

  /**
   * What the demo uses: at most 90 km/h on the road (well under the validator's 198 km/h, even
   * with GPS scatter between two fixes a second apart) and 150 s at each door (the validator
   * wants 120 s between the first and the last fix inside the geofence; 30 s spare for the
   * reporting interval and a fix scattered out of it at either end).
   */
  public static final Pace PLAUSIBLE = new Pace(90 / 3.6, 150);

  public Pace {
    if (!(maxRoadSpeedMps > 0) || !(minDoorSeconds >= 0) || Double.isInfinite(minDoorSeconds)) {
      throw new IllegalArgumentException("a pace needs a positive road speed and a finite door time, got " + maxRoadSpeedMps
          + " m/s and " + minDoorSeconds + " s");
    }
  }
}
