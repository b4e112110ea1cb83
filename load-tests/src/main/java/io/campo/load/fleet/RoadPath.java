package io.campo.load.fleet;

import java.util.Arrays;
import java.util.List;

/**
 * A path along the roads (a plan's GeoJSON LineString) measured in metres from its first point:
 * where an agent is after so many metres, which way it is heading there, and where along the
 * path a reported position lies.
 *
 * <p>Distances use {@link LatLon}'s flat-earth approximation around the first point: a city
 * route spans a few kilometres, where its error is centimetres. Immutable and thread-safe.
 */
public final class RoadPath {

  /** Where a position lies relative to the path. */
  public record Location(double metresAlong, double metresAway) {}

  private final LatLon[] points;
  private final LatLon origin;
  // East and north of the origin, metres, and the distance along the path at each point.
  private final double[] east;
  private final double[] north;
  private final double[] metresAt;

  public RoadPath(List<LatLon> points) {
    if (points.size() < 2) {
      throw new IllegalArgumentException("a road path needs at least 2 points, got " + points.size());
    }
    this.points = points.toArray(new LatLon[0]);
    this.origin = this.points[0];
    int n = this.points.length;
    east = new double[n];
    north = new double[n];
    metresAt = new double[n];
    for (int i = 0; i < n; i++) {
      east[i] = this.points[i].eastMetresFrom(origin);
      north[i] = this.points[i].northMetresFrom(origin);
      if (i > 0) {
        metresAt[i] = metresAt[i - 1] + Math.hypot(east[i] - east[i - 1], north[i] - north[i - 1]);
      }
    }
  }

  public double lengthMetres() {
    return metresAt[metresAt.length - 1];
  }

  /** The point {@code metres} along the path, clamped to its ends. */
  public LatLon pointAt(double metres) {
    int i = segmentAt(metres);
    double span = metresAt[i + 1] - metresAt[i];
    double f = span <= 0 ? 0 : Math.min(1, Math.max(0, (metres - metresAt[i]) / span));
    return new LatLon(points[i].lat() + f * (points[i + 1].lat() - points[i].lat()),
        points[i].lon() + f * (points[i + 1].lon() - points[i].lon()));
  }

  /** The direction of travel {@code metres} along the path, degrees clockwise from north, 0..360. */
  public double headingAt(double metres) {
    int i = segmentAt(metres);
    // A repeated vertex (GraphHopper repeats via points) has no direction: use the next real segment, else the last.
    for (int j = i; j < points.length - 1; j++) {
      if (metresAt[j + 1] > metresAt[j]) {
        return heading(j);
      }
    }
    for (int j = i - 1; j >= 0; j--) {
      if (metresAt[j + 1] > metresAt[j]) {
        return heading(j);
      }
    }
    return 0;
  }

  /** The point of the path nearest to {@code position}: how far along it lies, and how far off it. */
  public Location locate(LatLon position) {
    double px = position.eastMetresFrom(origin);
    double py = position.northMetresFrom(origin);
    double bestAway = Double.POSITIVE_INFINITY;
    double bestAlong = 0;
    for (int i = 0; i < points.length - 1; i++) {
      double dx = east[i + 1] - east[i];
      double dy = north[i + 1] - north[i];
      double lengthSquared = dx * dx + dy * dy;
      double f = lengthSquared == 0 ? 0 : Math.min(1, Math.max(0, ((px - east[i]) * dx + (py - north[i]) * dy) / lengthSquared));
      double away = Math.hypot(px - (east[i] + f * dx), py - (north[i] + f * dy));
      if (away < bestAway) {
        bestAway = away;
        bestAlong = metresAt[i] + f * (metresAt[i + 1] - metresAt[i]);
      }
    }
    return new Location(bestAlong, bestAway);
  }

  /** The segment (from point i to i + 1) that holds {@code metres}. */
  private int segmentAt(double metres) {
    int found = Arrays.binarySearch(metresAt, metres);
    int i = found >= 0 ? found : -found - 2;
    return Math.max(0, Math.min(points.length - 2, i));
  }

  private double heading(int segment) {
    double degrees = Math.toDegrees(Math.atan2(east[segment + 1] - east[segment], north[segment + 1] - north[segment]));
    // "+ 0.0" turns atan2's -0.0 (due north, approached from the west) into 0.0.
    return degrees < 0 ? degrees + 360 : degrees + 0.0;
  }
}
