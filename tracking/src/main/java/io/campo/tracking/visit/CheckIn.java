package io.campo.tracking.visit;

/**
 * Where and when the agent's phone says the visit took place.
 *
 * @param timeMillis device time of the check-in, UTC epoch milliseconds
 * @param accuracyMeters the phone's reported horizontal accuracy
 * @param checkOutMillis device time of the check-out, or null when not given
 */
public record CheckIn(long timeMillis, double lat, double lon, double accuracyMeters, Long checkOutMillis) {}
