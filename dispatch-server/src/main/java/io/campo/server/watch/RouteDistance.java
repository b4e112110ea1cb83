package io.campo.server.watch;

import java.util.List;

/**
 * Metres from a point to a route's line (GeoJSON {@code [lon, lat]} vertices), in a flat frame around the point: at the
 * scale of "how far off the route" (hundreds of metres) its error is well under 1 %.
 */
final class RouteDistance {

  private static final double METERS_PER_DEGREE_LAT = 110_574.0;
  private static final double METERS_PER_DEGREE_LON_AT_EQUATOR = 111_320.0;

  private RouteDistance() {}

  /** Infinity for a route without geometry: nothing to be near. */
  static double meters(List<double[]> line, double lat, double lon) {
    if (line.isEmpty()) {
      return Double.POSITIVE_INFINITY;
    }
    double kx = METERS_PER_DEGREE_LON_AT_EQUATOR * Math.cos(Math.toRadians(lat));
    double best = Double.POSITIVE_INFINITY;
    double[] first = line.get(0);
    double ax = (first[0] - lon) * kx;
    double ay = (first[1] - lat) * METERS_PER_DEGREE_LAT;
    if (line.size() == 1) {
      return Math.hypot(ax, ay);
    }
    for (int i = 1; i < line.size(); i++) {
      double[] next = line.get(i);
      double bx = (next[0] - lon) * kx;
      double by = (next[1] - lat) * METERS_PER_DEGREE_LAT;
      best = Math.min(best, toSegment(ax, ay, bx, by));
      ax = bx;
      ay = by;
    }
    return best;
  }

  /** Distance from the origin to the segment a–b. */
  private static double toSegment(double ax, double ay, double bx, double by) {
    double dx = bx - ax;
    double dy = by - ay;
    double lengthSquared = dx * dx + dy * dy;
    double t = lengthSquared == 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSquared));
    return Math.hypot(ax + t * dx, ay + t * dy);
  }
}
