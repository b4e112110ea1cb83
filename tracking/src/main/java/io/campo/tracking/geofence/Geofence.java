package io.campo.tracking.geofence;

import org.locationtech.jts.geom.Envelope;

/**
 * The area around a debtor's address where a visit counts as "there". Coordinates are WGS 84
 * degrees; distances are metres.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public sealed interface Geofence permits CircleGeofence, PolygonGeofence {

  /** The address this geofence belongs to. */
  long id();

  /** Bounding box in degrees (x = longitude, y = latitude). */
  Envelope envelope();

  /**
   * Metres from the point to the area: 0 when inside, otherwise the distance to its edge. Uses a
   * local flat projection, accurate to well under 1 % at the scale of a neighbourhood.
   */
  double distanceMeters(double lat, double lon);
}
