package io.campo.tracking.telemetry;

import java.time.Duration;

/**
 * The documented bounds on one telemetry publish. A phone that was offline sends its backlog in
 * several publishes of at most {@code maxFixesPerPublish} fixes.
 *
 * @param maxPayloadBytes largest accepted payload (the MQTT server refuses larger packets too)
 * @param maxFixesPerPublish largest accepted array
 * @param maxClockSkew how far in the future a device time may be before it is refused: phones'
 *     clocks drift, but a fix from tomorrow would wrongly win the latest-position race
 * @param maxBacklogAge how far in the past a device time may be before it is refused: a phone
 *     offline over a long weekend (Friday evening to Tuesday morning of a holiday weekend, about
 *     four and a half days) still delivers its whole backlog, while a track "found" weeks later,
 *     which no one can check against anything any more, is not stored as evidence
 */
public record TelemetryLimits(int maxPayloadBytes, int maxFixesPerPublish, Duration maxClockSkew, Duration maxBacklogAge) {

  public static final Duration DEFAULT_MAX_BACKLOG_AGE = Duration.ofDays(7);

  public static final TelemetryLimits DEFAULT =
      new TelemetryLimits(256 * 1024, 1000, Duration.ofMinutes(5), DEFAULT_MAX_BACKLOG_AGE);

  public TelemetryLimits {
    if (maxBacklogAge.isNegative() || maxBacklogAge.isZero()) {
      throw new IllegalArgumentException("the maximum backlog age must be positive, got " + maxBacklogAge);
    }
  }

  public TelemetryLimits withMaxBacklogAge(Duration age) {
    return new TelemetryLimits(maxPayloadBytes, maxFixesPerPublish, maxClockSkew, age);
  }
}
