package io.campo.routing.api;

/**
 * A position in WGS84 degrees, as it arrives in a planning request. Not range-checked here:
 * snapping reports a bad coordinate against the visit or agent that carries it.
 *
 * <p>Immutable and thread-safe.
 */
public record Coordinate(double latitude, double longitude) {
}
