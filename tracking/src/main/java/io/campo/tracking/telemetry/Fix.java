package io.campo.tracking.telemetry;

import java.time.Instant;

/**
 * One GPS fix reported by an agent's device, already validated.
 *
 * <p>Times are UTC epoch milliseconds: {@code deviceTimeMillis} is when the phone took the fix
 * (it orders positions), {@code receivedAtMillis} is when the server decoded it (it explains
 * delays). Optional measurements are {@code null} when the device did not send them.
 *
 * @param accuracyMeters horizontal accuracy radius in metres
 * @param speedMetersPerSecond ground speed in m/s
 * @param headingDegrees course over ground, 0–360 degrees clockwise from north
 * @param batteryPercent 0–100
 * @param seq the device's own counter, kept for diagnosis; not part of the fix's identity
 */
public record Fix(
    String agentId,
    long deviceTimeMillis,
    long receivedAtMillis,
    double lat,
    double lon,
    Double accuracyMeters,
    Double speedMetersPerSecond,
    Double headingDegrees,
    Integer batteryPercent,
    Boolean charging,
    Long seq) {

  public Instant deviceTime() {
    return Instant.ofEpochMilli(deviceTimeMillis);
  }

  public Instant receivedAt() {
    return Instant.ofEpochMilli(receivedAtMillis);
  }

  /** True when this fix was taken after {@code other}, so it should replace it as the latest position. */
  public boolean isNewerThan(Fix other) {
    return other == null || deviceTimeMillis > other.deviceTimeMillis;
  }
}
