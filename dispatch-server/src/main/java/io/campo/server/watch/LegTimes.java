package io.campo.server.watch;

import io.campo.routing.api.SnapOutcome;
import io.campo.routing.api.SnappedPoint;
import io.campo.routing.api.TravelMatrix;
import io.campo.routing.api.TravelProfile;
import io.campo.routing.api.Waypoint;
import io.campo.server.api.ApiException;
import io.campo.server.planning.PlanningEngine;
import java.util.ArrayList;
import java.util.List;

/**
 * Travel seconds of the legs from the agent's position through the remaining stops: from one matrix on the roads (the
 * agent's snapped position and the stops, the routing engine's many-to-many), or, while the roads are not loaded
 * ({@code CAMPO_ROADS=none}, still importing) or a point is off every road, from the straight line with a detour factor
 * and the profile's typical urban speed — an estimate, said so by {@link Legs#source}.
 *
 * <p>Blocking (CPU); thread-safe.
 */
final class LegTimes {

  /** Points farther than this from a usable road are estimated in a straight line. */
  static final double MAX_SNAP_METERS = 500;
  /** Roads are longer than the straight line between two addresses; about this much in a street grid. */
  static final double DETOUR_FACTOR = 1.35;

  /** {@code seconds[k]}: the leg that ends at remaining stop k. {@code source}: "roads" or "straight-line". */
  record Legs(double[] seconds, String source) {}

  private final PlanningEngine planning;

  LegTimes(PlanningEngine planning) {
    this.planning = planning;
  }

  Legs legs(String profileName, double lat, double lon, List<RunningRoute.Stop> stops) {
    if (stops.isEmpty()) {
      return new Legs(new double[0], "roads");
    }
    TravelProfile profile;
    try {
      profile = TravelProfile.fromName(profileName);
    } catch (RuntimeException e) {
      profile = TravelProfile.fromName("car");
    }
    if (planning != null && planning.unavailableReason() == null) {
      try {
        double[] onRoads = onRoads(profile, lat, lon, stops);
        if (onRoads != null) {
          return new Legs(onRoads, "roads");
        }
      } catch (ApiException | IllegalArgumentException e) {
        // Roads unloaded meanwhile, or a profile the graph lacks: the estimate below still tells the dispatcher something.
      }
    }
    return new Legs(straightLine(profile, lat, lon, stops), "straight-line");
  }

  private double[] onRoads(TravelProfile profile, double lat, double lon, List<RunningRoute.Stop> stops) {
    List<Waypoint> points = new ArrayList<>(stops.size() + 1);
    points.add(new Waypoint("agent position", lat, lon));
    for (RunningRoute.Stop s : stops) {
      points.add(new Waypoint("stop " + s.visitId(), s.lat(), s.lon()));
    }
    List<SnappedPoint> snapped = new ArrayList<>(points.size());
    for (SnapOutcome o : planning.routing().snap(points, profile, MAX_SNAP_METERS)) {
      if (!(o instanceof SnappedPoint p)) {
        return null;
      }
      snapped.add(p);
    }
    TravelMatrix matrix = planning.routing().travelMatrix(snapped, profile);
    double[] seconds = new double[stops.size()];
    for (int k = 0; k < stops.size(); k++) {
      if (!matrix.isReachable(k, k + 1)) {
        return null;
      }
      seconds[k] = matrix.seconds(k, k + 1);
    }
    return seconds;
  }

  static double[] straightLine(TravelProfile profile, double lat, double lon, List<RunningRoute.Stop> stops) {
    double speed = typicalMetersPerSecond(profile);
    double[] seconds = new double[stops.size()];
    TrackPoint from = new TrackPoint(null, lat, lon);
    for (int k = 0; k < stops.size(); k++) {
      TrackPoint to = new TrackPoint(null, stops.get(k).lat(), stops.get(k).lon());
      seconds[k] = AlertConditions.metersBetween(from, to) * DETOUR_FACTOR / speed;
      from = to;
    }
    return seconds;
  }

  /** Door-to-door averages in a Latin American city at daytime, traffic and parking included. */
  private static double typicalMetersPerSecond(TravelProfile profile) {
    return switch (profile.profileName()) {
      case "foot" -> 1.3;
      case "motorcycle" -> 7.0;
      default -> 5.5;
    };
  }
}
