package io.campo.server.agentday;

import io.campo.tracking.telemetry.Fix;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.simplify.DouglasPeuckerSimplifier;

/**
 * The day's fixes as a GeoJSON LineString ([lon, lat]) for the map. A long trail is simplified
 * (Douglas–Peucker, {@link #TOLERANCE_METERS}) in a local metric frame: a phone reporting every few
 * seconds for ten hours sends ~10,000 points that a browser draws slowly, and GPS already wanders
 * by more than the tolerance. The points kept are original fixes.
 */
final class DayTrail {

  static final double TOLERANCE_METERS = 5;
  /** Up to this many points the trail is sent as recorded. */
  static final int SIMPLIFY_ABOVE = 500;
  private static final double METERS_PER_DEGREE_LAT = 110_574.0;
  private static final double METERS_PER_DEGREE_LON_AT_EQUATOR = 111_320.0;
  private static final GeometryFactory GEOMETRY = new GeometryFactory();

  private DayTrail() {}

  /** Fixes oldest first. The LineString has no coordinates when there are none. */
  static JsonObject lineString(List<Fix> fixes) {
    JsonArray coordinates = new JsonArray();
    if (fixes.size() <= SIMPLIFY_ABOVE) {
      fixes.forEach(f -> coordinates.add(new JsonArray().add(f.lon()).add(f.lat())));
    } else {
      double lat0 = fixes.get(0).lat();
      double lon0 = fixes.get(0).lon();
      double mLat = METERS_PER_DEGREE_LAT;
      double mLon = METERS_PER_DEGREE_LON_AT_EQUATOR * Math.cos(Math.toRadians(lat0));
      Coordinate[] metric = new Coordinate[fixes.size()];
      for (int i = 0; i < metric.length; i++) {
        metric[i] = new Coordinate((fixes.get(i).lon() - lon0) * mLon, (fixes.get(i).lat() - lat0) * mLat);
      }
      LineString line = GEOMETRY.createLineString(metric);
      for (Coordinate c : DouglasPeuckerSimplifier.simplify(line, TOLERANCE_METERS).getCoordinates()) {
        coordinates.add(new JsonArray().add(lon0 + c.x / mLon).add(lat0 + c.y / mLat));
      }
    }
    return new JsonObject().put("type", "LineString").put("coordinates", coordinates);
  }
}
