package io.campo.tracking.geofence;

import org.locationtech.jts.geom.Envelope;

/** A circle of {@code radiusMeters} around the address: the default geofence (75 m). */
public final class CircleGeofence implements Geofence {

  public static final double DEFAULT_RADIUS_METERS = 75;

  private final long id;
  private final double radiusMeters;
  private final MetricFrame frame;
  private final Envelope envelope;

  public CircleGeofence(long id, double lat, double lon, double radiusMeters) {
    if (!(radiusMeters > 0)) {
      throw new IllegalArgumentException("geofence " + id + ": radius must be positive, was " + radiusMeters);
    }
    this.id = id;
    this.radiusMeters = radiusMeters;
    this.frame = MetricFrame.around(lat, lon);
    double dLon = frame.lonDegrees(radiusMeters);
    double dLat = frame.latDegrees(radiusMeters);
    this.envelope = new Envelope(lon - dLon, lon + dLon, lat - dLat, lat + dLat);
  }

  @Override
  public long id() {
    return id;
  }

  public double radiusMeters() {
    return radiusMeters;
  }

  public double centerLat() {
    return frame.originLat();
  }

  public double centerLon() {
    return frame.originLon();
  }

  @Override
  public Envelope envelope() {
    return envelope;
  }

  @Override
  public double distanceMeters(double lat, double lon) {
    double x = frame.x(lon);
    double y = frame.y(lat);
    return Math.max(0, Math.sqrt(x * x + y * y) - radiusMeters);
  }

  /** True when the point is within {@code allowanceMeters} of the circle, without a square root. */
  boolean within(double lat, double lon, double allowanceMeters) {
    double x = frame.x(lon);
    double y = frame.y(lat);
    double r = radiusMeters + allowanceMeters;
    return x * x + y * y <= r * r;
  }
}
