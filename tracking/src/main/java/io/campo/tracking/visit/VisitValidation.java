package io.campo.tracking.visit;

import java.util.List;

/**
 * The verdict on one visit: valid only when no rule failed; otherwise every failed rule, so a
 * dispatcher reviewing it (and a regulator reading it later) sees all of them.
 *
 * @param checkInDistanceMeters check-in position to the geofence (0 inside)
 * @param nearestTrackDistanceMeters closest stored fix in the window to the geofence, or NaN without fixes
 * @param dwellSeconds longest continuous stay inside the geofence shown by the track
 * @param fixesConsidered fixes of the agent's track in the evidence window
 * @param lateFixes of those, how many were received late ({@link ValidationRules#lateFixAfter()})
 *     and not contradicted by the live track: they count as evidence, flagged
 * @param contradictedFixes late fixes refused as evidence because the live track contradicts them
 * @param evidenceDelaySeconds the longest delay between taking and receiving a fix in the window
 */
public record VisitValidation(
    List<ValidationFailure> failures,
    double checkInDistanceMeters,
    double nearestTrackDistanceMeters,
    long dwellSeconds,
    int fixesConsidered,
    int lateFixes,
    int contradictedFixes,
    long evidenceDelaySeconds) {

  public VisitValidation {
    failures = List.copyOf(failures);
  }

  public boolean valid() {
    return failures.isEmpty();
  }

  /** The evidence relied on fixes the phone held back: the dispatcher should know. */
  public boolean lateEvidence() {
    return lateFixes > 0;
  }

  /** Rejected only for want of track, so a backlog arriving later may still prove it. */
  public boolean awaitsTrack() {
    return !failures.isEmpty() && failures.stream().allMatch(f -> f.reason().awaitsTrack());
  }
}
