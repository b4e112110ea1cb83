package io.campo.tracking.geofence;

/**
 * A local flat frame in metres around an origin (equirectangular projection): cheap, and at the
 * size of a geofence (tens to hundreds of metres) its error is far below GPS accuracy.
 * Immutable.
 */
record MetricFrame(double originLat, double originLon, double metersPerDegreeLat, double metersPerDegreeLon) {

  static final double METERS_PER_DEGREE_LAT = 110_574.0;
  static final double METERS_PER_DEGREE_LON_AT_EQUATOR = 111_320.0;

  static MetricFrame around(double lat, double lon) {
    return new MetricFrame(lat, lon, METERS_PER_DEGREE_LAT, METERS_PER_DEGREE_LON_AT_EQUATOR * Math.cos(Math.toRadians(lat)));
  }

  double x(double lon) {
    return (lon - originLon) * metersPerDegreeLon;
  }

  double y(double lat) {
    return (lat - originLat) * metersPerDegreeLat;
  }

  double lonDegrees(double meters) {
    return meters / metersPerDegreeLon;
  }

  double latDegrees(double meters) {
    return meters / metersPerDegreeLat;
  }
}
