package io.campo.routing.api;

import java.util.Objects;

/**
 * A waypoint placed on the nearest road usable by a profile.
 *
 * <p>Immutable and thread-safe.
 *
 * @param waypoint           the point as requested
 * @param profile            the profile whose roads it was snapped to; a matrix for another
 *                           profile must snap it again, because a footpath is not a road for a car
 * @param latitude           the snapped position on the road, degrees
 * @param longitude          the snapped position on the road, degrees
 * @param snapDistanceMeters straight-line distance from the requested point to the road, metres
 */
public record SnappedPoint(Waypoint waypoint, TravelProfile profile, double latitude, double longitude,
                           double snapDistanceMeters) implements SnapOutcome {
    public SnappedPoint {
        Objects.requireNonNull(waypoint, "waypoint");
        Objects.requireNonNull(profile, "profile");
    }
}
