package io.campo.tracking.visit;

import java.time.Duration;

/**
 * The agency's settings for proving a visit.
 *
 * @param maxAccuracyAllowanceMeters at most this much of the reported accuracy is credited when
 *     comparing a position with the geofence: a phone reporting ±2 km must not pass everywhere
 * @param worstAcceptedAccuracyMeters a check-in reported less accurate than this is refused
 * @param trackWindow fixes this long before the check-in and after the check-out (or check-in)
 *     are read as evidence
 * @param minDwell the track must show the agent inside the geofence at least this long
 * @param maxSpeedMetersPerSecond faster than this between consecutive fixes is a teleport
 * @param identicalFixesForMock this many consecutive fixes at exactly the same coordinates are
 *     the signature of a mock-location app: a real GPS always jitters in the last digits
 */
public record ValidationRules(
    double maxAccuracyAllowanceMeters,
    double worstAcceptedAccuracyMeters,
    Duration trackWindow,
    Duration minDwell,
    double maxSpeedMetersPerSecond,
    int identicalFixesForMock) {

  public static final ValidationRules DEFAULT =
      new ValidationRules(50, 150, Duration.ofMinutes(15), Duration.ofMinutes(2), 55, 5);
}
