package io.campo.tracking.visit;

/** Why a visit was not proven. Codes are stable: they are stored and shown to dispatchers. */
public enum FailureReason {
  ACCURACY_TOO_POOR(false),
  CHECK_IN_OUTSIDE_GEOFENCE(false),
  NO_TRACK_NEAR_CHECK_IN(true),
  TRACK_OUTSIDE_GEOFENCE(true),
  INSUFFICIENT_DWELL(true),
  TELEPORT(false),
  SUSPECTED_MOCK_LOCATION(false),
  /** Fixes received late put the agent where the phone's live fixes of the same minutes do not. */
  LATE_TRACK_CONTRADICTS_LIVE_TRACK(false);

  private final boolean awaitsTrack;

  FailureReason(boolean awaitsTrack) {
    this.awaitsTrack = awaitsTrack;
  }

  /**
   * True when more of the agent's track could still prove the visit: a phone's backlog arriving
   * after the visit may fill a missing track or a short stay. A failure about the check-in itself,
   * or a track that is impossible or contradicted, is not undone by more fixes.
   */
  public boolean awaitsTrack() {
    return awaitsTrack;
  }

  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
