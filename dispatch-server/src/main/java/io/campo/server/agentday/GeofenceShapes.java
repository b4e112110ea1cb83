package io.campo.server.agentday;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Debtors' address geofences as GeoJSON polygons for the map: a drawn polygon as it was stored,
 * a circle as a 24-sided polygon (GeoJSON has no circles; at 75 m the sides are off the true
 * circle by under a metre).
 */
public final class GeofenceShapes {

  static final int CIRCLE_SIDES = 24;
  private static final double METERS_PER_DEGREE_LAT = 110_574.0;
  private static final double METERS_PER_DEGREE_LON_AT_EQUATOR = 111_320.0;

  private GeofenceShapes() {}

  static JsonObject feature(StopDebtors.Debtor debtor, StopDebtors.Address address) {
    JsonObject geometry = address.polygonGeoJson() != null ? new JsonObject(address.polygonGeoJson())
        : circle(address.lat(), address.lon(), address.radiusMeters());
    JsonObject properties = new JsonObject().put("externalId", debtor.externalId()).put("name", debtor.name())
        .put("addressId", address.id()).put("kind", address.kind())
        .put("radiusMeters", address.polygonGeoJson() == null ? address.radiusMeters() : null);
    return new JsonObject().put("type", "Feature").put("geometry", geometry).put("properties", properties);
  }

  /** A closed ring of {@link #CIRCLE_SIDES} sides around the centre, in [lon, lat]. */
  public static JsonObject circle(double lat, double lon, double radiusMeters) {
    double degreesLat = radiusMeters / METERS_PER_DEGREE_LAT;
    double degreesLon = radiusMeters / (METERS_PER_DEGREE_LON_AT_EQUATOR * Math.cos(Math.toRadians(lat)));
    JsonArray ring = new JsonArray();
    for (int i = 0; i <= CIRCLE_SIDES; i++) {
      double angle = 2 * Math.PI * (i % CIRCLE_SIDES) / CIRCLE_SIDES;
      ring.add(new JsonArray().add(lon + degreesLon * Math.cos(angle)).add(lat + degreesLat * Math.sin(angle)));
    }
    return new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring));
  }
}
