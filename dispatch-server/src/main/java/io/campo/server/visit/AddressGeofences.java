package io.campo.server.visit;

import io.campo.tracking.geofence.CircleGeofence;
import io.campo.tracking.geofence.Geofence;
import io.campo.tracking.geofence.PolygonGeofence;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;

/**
 * The geofence of an address row: its GeoJSON polygon when one was drawn, else the circle of
 * {@code radius_m} around its coordinates.
 */
public final class AddressGeofences {

  private static final GeometryFactory GEOMETRY = new GeometryFactory();

  private AddressGeofences() {}

  public static Geofence of(long addressId, double lat, double lon, double radiusMeters, String polygonGeoJson) {
    if (polygonGeoJson == null) {
      return new CircleGeofence(addressId, lat, lon, radiusMeters);
    }
    JsonArray rings = new JsonObject(polygonGeoJson).getJsonArray("coordinates");
    LinearRing shell = ring(rings.getJsonArray(0));
    LinearRing[] holes = new LinearRing[rings.size() - 1];
    for (int i = 1; i < rings.size(); i++) {
      holes[i - 1] = ring(rings.getJsonArray(i));
    }
    return new PolygonGeofence(addressId, GEOMETRY.createPolygon(shell, holes));
  }

  private static LinearRing ring(JsonArray positions) {
    Coordinate[] coordinates = new Coordinate[positions.size()];
    for (int i = 0; i < coordinates.length; i++) {
      JsonArray p = positions.getJsonArray(i);
      coordinates[i] = new Coordinate(p.getDouble(0), p.getDouble(1));
    }
    return GEOMETRY.createLinearRing(coordinates);
  }
}
