package io.campo.routing.api;

/**
 * The result of snapping one {@link Waypoint}: either a {@link SnappedPoint} on a road or a
 * {@link SnapFailure} that says why not. One per requested point, in request order, so that one
 * bad point never sinks the others.
 */
public sealed interface SnapOutcome permits SnappedPoint, SnapFailure {

    /** The point as requested. */
    Waypoint waypoint();
}
