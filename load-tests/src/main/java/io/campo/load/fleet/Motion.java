package io.campo.load.fleet;

/**
 * Where a simulated agent is and how it is moving at one instant.
 *
 * @param speedMps metres per second; 0 while the agent stands still (e.g. at a debtor's door)
 * @param headingDeg direction of travel, degrees clockwise from north, 0..360
 */
public record Motion(LatLon position, double speedMps, double headingDeg) {}
