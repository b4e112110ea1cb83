package io.campo.server.map;

import io.campo.server.api.ApiException;

/**
 * The query of {@code GET /api/map/roads}: {@code bbox=minLon,minLat,maxLon,maxLat} (WGS84 degrees,
 * Leaflet's {@code getBounds().toBBoxString()}) and {@code zoom} (0–22, the map's zoom level; 16 when absent).
 */
record RoadsQuery(double minLon, double minLat, double maxLon, double maxLat, int zoom) {

  static final int DEFAULT_ZOOM = 16;
  static final int MAX_ZOOM = 22;
  private static final String EXAMPLE = "bbox=-99.14,19.42,-99.12,19.44";

  /** @throws ApiException 400 naming what is wrong */
  static RoadsQuery parse(String bbox, String zoom) {
    if (bbox == null || bbox.isBlank()) {
      throw ApiException.badRequest("'bbox' is required: minLon,minLat,maxLon,maxLat like " + EXAMPLE);
    }
    String[] parts = bbox.split(",");
    if (parts.length != 4) {
      throw ApiException.badRequest("'bbox' must be four numbers minLon,minLat,maxLon,maxLat like " + EXAMPLE + ", got '" + bbox + "'");
    }
    double[] v = new double[4];
    for (int i = 0; i < 4; i++) {
      try {
        v[i] = Double.parseDouble(parts[i].trim());
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("'bbox' must be four numbers minLon,minLat,maxLon,maxLat like " + EXAMPLE + ", got '" + bbox + "'");
      }
      if (!Double.isFinite(v[i])) {
        throw ApiException.badRequest("'bbox' must be four finite numbers, got '" + bbox + "'");
      }
    }
    if (v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90) {
      throw ApiException.badRequest("'bbox' " + bbox + " is not on Earth: longitudes are -180..180, latitudes -90..90");
    }
    if (!(v[0] < v[2] && v[1] < v[3])) {
      throw ApiException.badRequest("'bbox' " + bbox + " is empty: minLon must be below maxLon and minLat below maxLat");
    }
    int z = DEFAULT_ZOOM;
    if (zoom != null && !zoom.isBlank()) {
      try {
        z = Integer.parseInt(zoom.trim());
      } catch (NumberFormatException e) {
        z = -1;
      }
      if (z < 0 || z > MAX_ZOOM) {
        throw ApiException.badRequest("'zoom' must be a whole number from 0 to " + MAX_ZOOM + ", got '" + zoom + "'");
      }
    }
    return new RoadsQuery(v[0], v[1], v[2], v[3], z);
  }
}
