package io.campo.server.agentapp;

import io.vertx.core.json.JsonArray;

/**
 * Google's encoded polyline format at precision 5 (about a metre): a road route of 2,000 points is some 8 KB instead
 * of the 60 KB of its GeoJSON coordinates, which matters for a phone on a 3G connection. Stateless and thread-safe.
 */
public final class EncodedPolyline {

  private EncodedPolyline() {}

  /** @param coordinates GeoJSON positions, {@code [[lon, lat], ...]} */
  public static String encode(JsonArray coordinates) {
    StringBuilder out = new StringBuilder();
    long lastLat = 0;
    long lastLon = 0;
    for (Object o : coordinates) {
      JsonArray p = (JsonArray) o;
      long lat = Math.round(p.getDouble(1) * 1e5);
      long lon = Math.round(p.getDouble(0) * 1e5);
      append(out, lat - lastLat);
      append(out, lon - lastLon);
      lastLat = lat;
      lastLon = lon;
    }
    return out.toString();
  }

  private static void append(StringBuilder out, long delta) {
    long v = delta < 0 ? ~(delta << 1) : delta << 1;
    while (v >= 0x20) {
      out.append((char) ((0x20 | (v & 0x1f)) + 63));
      v >>= 5;
    }
    out.append((char) (v + 63));
  }
}
