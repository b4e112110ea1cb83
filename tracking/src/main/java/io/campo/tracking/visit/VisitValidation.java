package io.campo.tracking.visit;

import java.util.List;

/**
 * The verdict on one visit: valid only when no rule failed; otherwise every failed rule, so a
 * dispatcher reviewing it (and a regulator reading it later) sees all of them.
 *
 * @param checkInDistanceMeters check-in position to the geofence (0 inside)
 * @param nearestTrackDistanceMeters closest stored fix in the window to the geofence, or NaN without fixes
 * @param dwellSeconds longest continuous stay inside the geofence shown by the track
 * @param fixesConsidered fixes of the agent's track read as evidence
 */
public record VisitValidation(
    List<ValidationFailure> failures,
    double checkInDistanceMeters,
    double nearestTrackDistanceMeters,
    long dwellSeconds,
    int fixesConsidered) {

  public VisitValidation {
    failures = List.copyOf(failures);
  }

  public boolean valid() {
    return failures.isEmpty();
  }
}
