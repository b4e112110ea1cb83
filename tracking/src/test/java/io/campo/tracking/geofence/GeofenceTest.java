package io.campo.tracking.geofence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

class GeofenceTest {

  static final double LAT = 19.4326;
  static final double LON = -99.1332;
  static final GeometryFactory GEOMETRY = new GeometryFactory();

  /** A point {@code meters} east of the reference point (1 degree of longitude ≈ 105 km at this latitude). */
  static double east(double meters) {
    return LON + meters / (111_320.0 * Math.cos(Math.toRadians(LAT)));
  }

  static double north(double meters) {
    return LAT + meters / 110_574.0;
  }

  /** A square of {@code side} metres whose south-west corner is the reference point. */
  static Polygon square(double side) {
    return GEOMETRY.createPolygon(new Coordinate[] {
        new Coordinate(LON, LAT), new Coordinate(east(side), LAT), new Coordinate(east(side), north(side)),
        new Coordinate(LON, north(side)), new Coordinate(LON, LAT)});
  }

  @Test
  void circleDistanceIsZeroInsideAndMetresBeyondTheEdge() {
    CircleGeofence c = new CircleGeofence(1, LAT, LON, 75);
    assertEquals(0, c.distanceMeters(LAT, east(74)), 1e-9);
    assertEquals(25, c.distanceMeters(LAT, east(100)), 0.5);
    assertEquals(925, c.distanceMeters(north(1000), LON), 5);
    assertTrue(c.within(LAT, east(100), 26));
    assertTrue(!c.within(LAT, east(100), 24));
  }

  @Test
  void polygonDistanceIsZeroInsideAndMetresToTheNearestEdge() {
    PolygonGeofence p = new PolygonGeofence(2, square(100));
    assertEquals(0, p.distanceMeters(north(50), east(50)), 1e-9);
    assertEquals(0, p.distanceMeters(north(100), east(100)), 0.01, "the boundary counts as inside");
    assertEquals(40, p.distanceMeters(north(50), east(140)), 0.5);
    assertEquals(50, p.distanceMeters(north(-30), east(-40)), 0.5, "diagonal to the corner: 3-4-5");
  }

  @Test
  void badShapesAreRefusedWithTheirId() {
    IllegalArgumentException radius = assertThrows(IllegalArgumentException.class, () -> new CircleGeofence(7, LAT, LON, 0));
    assertTrue(radius.getMessage().contains("geofence 7"));
    Polygon bowTie = GEOMETRY.createPolygon(new Coordinate[] {new Coordinate(0, 0), new Coordinate(1, 1), new Coordinate(1, 0),
        new Coordinate(0, 1), new Coordinate(0, 0)});
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new PolygonGeofence(8, bowTie)).getMessage().contains("geofence 8"));
    assertThrows(IllegalArgumentException.class,
        () -> GeofenceIndex.build(List.of(new CircleGeofence(9, LAT, LON, 50), new CircleGeofence(9, LAT, LON, 60))));
  }

  @Test
  void theIndexFindsExactlyWhatABruteForceScanFinds() {
    Random random = new Random(42);
    List<Geofence> fences = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      double lat = LAT + random.nextDouble() * 0.05;
      double lon = LON + random.nextDouble() * 0.05;
      fences.add(i % 10 == 0
          ? new PolygonGeofence(i, GEOMETRY.createPolygon(new Coordinate[] {new Coordinate(lon, lat), new Coordinate(lon + 0.001, lat),
              new Coordinate(lon + 0.001, lat + 0.001), new Coordinate(lon, lat + 0.001), new Coordinate(lon, lat)}))
          : new CircleGeofence(i, lat, lon, 30 + random.nextInt(100)));
    }
    GeofenceIndex index = GeofenceIndex.build(fences);
    assertEquals(5000, index.size());
    int totalHits = 0;
    for (int q = 0; q < 2000; q++) {
      double lat = LAT + random.nextDouble() * 0.05;
      double lon = LON + random.nextDouble() * 0.05;
      double allowance = random.nextInt(3) * 20;
      List<Long> expected = new ArrayList<>();
      for (Geofence g : fences) {
        if (g.distanceMeters(lat, lon) <= allowance + 1e-6) {
          expected.add(g.id());
        }
      }
      List<Long> found = new ArrayList<>();
      index.containing(lat, lon, allowance, found::add);
      found.sort(Long::compare);
      assertEquals(expected, found, "query " + q);
      assertEquals(expected.size(), index.countContaining(lat, lon, allowance));
      totalHits += found.size();
    }
    assertTrue(totalHits > 100, "the test must exercise hits, had " + totalHits);
  }
}
