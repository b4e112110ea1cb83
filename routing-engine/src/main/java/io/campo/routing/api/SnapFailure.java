package io.campo.routing.api;

import java.util.Locale;
import java.util.Objects;

/**
 * A waypoint that could not be placed on a road, with a reason a person can act on.
 *
 * <p>Immutable and thread-safe.
 *
 * @param waypoint       the point as requested
 * @param reason         the kind of failure, for callers that map it to their own codes
 * @param distanceMeters how far the nearest usable road is, metres; for {@link Reason#OUTSIDE_MAP}
 *                       a lower bound (the distance to the map's edge); {@code NaN} when unknown
 * @param message        e.g. "visit 17 is 2.3 km from any road usable by car (limit 500 m)"
 */
public record SnapFailure(Waypoint waypoint, Reason reason, double distanceMeters, String message)
        implements SnapOutcome {

    public enum Reason {
        /** Latitude or longitude is not a number or out of range. */
        INVALID_COORDINATES,
        /** A usable road exists, but farther away than the caller allowed. */
        TOO_FAR_FROM_ROAD,
        /** No usable road near the point; usually the point lies outside the imported extract. */
        OUTSIDE_MAP
    }

    public SnapFailure {
        Objects.requireNonNull(waypoint, "waypoint");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    public static SnapFailure invalidCoordinates(Waypoint point) {
        return new SnapFailure(point, Reason.INVALID_COORDINATES, Double.NaN, String.format(Locale.ROOT,
                "%s has invalid coordinates (latitude %s, longitude %s); latitude must be within [-90, 90] "
                        + "and longitude within [-180, 180]",
                point.name(), point.latitude(), point.longitude()));
    }

    public static SnapFailure tooFar(Waypoint point, TravelProfile profile, double distanceMeters, double limitMeters) {
        return new SnapFailure(point, Reason.TOO_FAR_FROM_ROAD, distanceMeters, String.format(Locale.ROOT,
                "%s is %s from any road usable by %s (limit %s)", point.name(), formatDistance(distanceMeters),
                profile.profileName(), formatDistance(limitMeters)));
    }

    public static SnapFailure outsideMap(Waypoint point, TravelProfile profile, double distanceToMapMeters) {
        String where = distanceToMapMeters > 0
                ? "outside the road map, " + formatDistance(distanceToMapMeters) + " from its edge"
                : "not near any road usable by " + profile.profileName();
        return new SnapFailure(point, Reason.OUTSIDE_MAP,
                distanceToMapMeters > 0 ? distanceToMapMeters : Double.NaN,
                point.name() + " is " + where);
    }

    /** "850 m" below a kilometre, "2.3 km" above: how dispatchers read distances. */
    static String formatDistance(double meters) {
        if (meters < 1_000) return String.format(Locale.ROOT, "%d m", Math.round(meters));
        return String.format(Locale.ROOT, "%.1f km", meters / 1_000);
    }
}
