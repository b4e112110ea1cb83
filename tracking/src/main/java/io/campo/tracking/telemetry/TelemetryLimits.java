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
 */
public record TelemetryLimits(int maxPayloadBytes, int maxFixesPerPublish, Duration maxClockSkew) {

  public static final TelemetryLimits DEFAULT =
      new TelemetryLimits(256 * 1024, 1000, Duration.ofMinutes(5));
}
