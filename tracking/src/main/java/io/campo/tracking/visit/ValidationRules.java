package io.campo.tracking.visit;

import io.campo.tracking.telemetry.Fix;
import java.time.Duration;

/**
 * The agency's settings for proving a visit: what counts as evidence is decided here and in
 * {@link VisitValidator}, nowhere else.
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
 * @param lateFixAfter a fix received longer than this after its device time was held back on the
 *     phone (offline, or uploaded after the fact): a connected phone's fixes arrive within seconds
 * @param liveOverlap a late fix is compared with the on-time fixes this close to it in device
 *     time: the live track of those minutes says where the phone really was
 * @param rejudgeFor a visit rejected only for want of track ({@link FailureReason#awaitsTrack()})
 *     is judged again when fixes for its window arrive within this time after it was recorded
 */
public record ValidationRules(
    double maxAccuracyAllowanceMeters,
    double worstAcceptedAccuracyMeters,
    Duration trackWindow,
    Duration minDwell,
    double maxSpeedMetersPerSecond,
    int identicalFixesForMock,
    Duration lateFixAfter,
    Duration liveOverlap,
    Duration rejudgeFor) {

  public static final ValidationRules DEFAULT = new ValidationRules(50, 150, Duration.ofMinutes(15), Duration.ofMinutes(2), 55, 5,
      Duration.ofMinutes(2), Duration.ofMinutes(2), Duration.ofHours(24));

  public ValidationRules {
    if (lateFixAfter.isNegative() || lateFixAfter.isZero() || liveOverlap.isNegative() || rejudgeFor.isNegative()) {
      throw new IllegalArgumentException("lateFixAfter must be positive, liveOverlap and rejudgeFor not negative");
    }
  }

  /** The same rules with the agency's own lateness threshold and re-judging period. */
  public ValidationRules withLateEvidence(Duration lateFixAfter, Duration rejudgeFor) {
    return new ValidationRules(maxAccuracyAllowanceMeters, worstAcceptedAccuracyMeters, trackWindow, minDwell,
        maxSpeedMetersPerSecond, identicalFixesForMock, lateFixAfter, liveOverlap, rejudgeFor);
  }

  /** True when the fix reached the server later than a connected phone's would. */
  public boolean late(Fix fix) {
    return delayMillis(fix) > lateFixAfter.toMillis();
  }

  /** How long after it was taken the fix reached the server (0 for a phone clock slightly ahead). */
  public static long delayMillis(Fix fix) {
    return Math.max(0, fix.receivedAtMillis() - fix.deviceTimeMillis());
  }
}
