package io.campo.load.fleet;

/**
 * A WGS84 position in degrees.
 *
 * <p>Offsets and distances use a flat-earth approximation around the point: over the few
 * kilometres a simulated agent covers, its error is far below GPS noise. Immutable.
 */
public record LatLon(double lat, double lon) {

  private static final double METRES_PER_DEGREE_LAT = 111_320;

  /** Mexico City's Zócalo, the demo's centre. */
  public static final LatLon MEXICO_CITY = new LatLon(19.4326, -99.1332);

  /** The point {@code northMetres} north and {@code eastMetres} east of this one. */
  public LatLon offset(double northMetres, double eastMetres) {
    return new LatLon(
        lat + northMetres / METRES_PER_DEGREE_LAT,
        lon + eastMetres / (METRES_PER_DEGREE_LAT * Math.cos(Math.toRadians(lat))));
  }

  /** How far north of {@code origin} this point lies, metres (negative: south). */
  public double northMetresFrom(LatLon origin) {
    return (lat - origin.lat) * METRES_PER_DEGREE_LAT;
  }

  /** How far east of {@code origin} this point lies, metres (negative: west), on the flat earth around {@code origin}. */
  public double eastMetresFrom(LatLon origin) {
    return (lon - origin.lon) * METRES_PER_DEGREE_LAT * Math.cos(Math.toRadians(origin.lat));
  }

  public double metresTo(LatLon other) {
    double north = (other.lat - lat) * METRES_PER_DEGREE_LAT;
    double east = (other.lon - lon) * METRES_PER_DEGREE_LAT * Math.cos(Math.toRadians(lat));
    return Math.hypot(north, east);
  }
}
