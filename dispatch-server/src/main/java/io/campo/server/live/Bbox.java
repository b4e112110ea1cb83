package io.campo.server.live;

/**
 * The part of the map a live client looks at, in WGS84 degrees. A box never crosses the antimeridian (our agencies work
 * in Latin America), so {@code minLon <= maxLon} always. Immutable.
 */
public record Bbox(double minLon, double minLat, double maxLon, double maxLat) {

  /** Everything: what a client sees before it sends a viewport, or after {@code "bbox": null}. */
  public static final Bbox WORLD = new Bbox(-180, -90, 180, 90);

  public Bbox {
    if (!(minLon >= -180 && maxLon <= 180 && minLat >= -90 && maxLat <= 90)) {
      throw new IllegalArgumentException("bbox outside the world: longitudes must lie in [-180, 180], latitudes in [-90, 90]");
    }
    if (minLon > maxLon || minLat > maxLat) {
      throw new IllegalArgumentException("bbox must be [minLon, minLat, maxLon, maxLat] with min <= max");
    }
  }

  public boolean contains(double lat, double lon) {
    return lat >= minLat && lat <= maxLat && lon >= minLon && lon <= maxLon;
  }
}
