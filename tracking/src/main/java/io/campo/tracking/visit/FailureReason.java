package io.campo.tracking.visit;

/** Why a visit was not proven. Codes are stable: they are stored and shown to dispatchers. */
public enum FailureReason {
  ACCURACY_TOO_POOR,
  CHECK_IN_OUTSIDE_GEOFENCE,
  NO_TRACK_NEAR_CHECK_IN,
  TRACK_OUTSIDE_GEOFENCE,
  INSUFFICIENT_DWELL,
  TELEPORT,
  SUSPECTED_MOCK_LOCATION;

  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
