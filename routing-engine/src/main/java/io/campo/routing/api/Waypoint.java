package io.campo.routing.api;

import java.util.Objects;

/**
 * A named place to snap to the road network, such as a debtor's address or an agent's depot.
 * The name appears in every error about this point ("visit 17 is 2.3 km from any road"), so
 * callers pass what a person would recognise: {@code "visit 17"}, {@code "agent 4 start"}.
 *
 * <p>Coordinates are WGS84 degrees and are not range-checked here: snapping reports invalid
 * ones as a {@link SnapFailure} for this point instead of failing the whole request.
 *
 * <p>Immutable and thread-safe.
 */
public record Waypoint(String name, double latitude, double longitude) {
    public Waypoint {
        Objects.requireNonNull(name, "name");
    }

    public boolean hasValidCoordinates() {
        return latitude >= -90 && latitude <= 90 && longitude >= -180 && longitude <= 180;
    }
}
