package io.campo.tracking.geofence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.tracking.geofence.GeofencePresence.Kind;
import io.campo.tracking.geofence.GeofencePresence.Transition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeofencePresenceTest {

  static final double LAT = 19.4326;
  static final double LON = -99.1332;

  static double east(double meters) {
    return LON + meters / (111_320.0 * Math.cos(Math.toRadians(LAT)));
  }

  static GeofencePresence presence(Geofence... fences) {
    GeofencePresence p = new GeofencePresence(25);
    p.use(GeofenceIndex.build(List.of(fences)));
    return p;
  }

  @Test
  void walkingThroughACircleArrivesOnceAndDepartsOnceBeyondTheMargin() {
    GeofencePresence p = presence(new CircleGeofence(7, LAT, east(300), 75));
    List<Transition> all = new ArrayList<>();
    long t = 0;
    for (double m = 0; m <= 600; m += 5) {
      all.addAll(p.observe("a1", t += 1000, LAT, east(m), 8.0));
    }
    assertEquals(2, all.size(), all.toString());
    assertEquals(Kind.ARRIVAL, all.get(0).kind());
    assertEquals(7, all.get(0).geofenceId());
    assertEquals(225, (all.get(0).deviceTimeMillis() / 1000 - 1) * 5.0, 5.0, "arrives at the edge, 75 m before the door");
    assertEquals(Kind.DEPARTURE, all.get(1).kind());
    assertEquals(300 + 75 + 25, (all.get(1).deviceTimeMillis() / 1000 - 1) * 5.0, 5.0, "leaves 25 m beyond the edge");
  }

  @Test
  void jitterOnTheEdgeDoesNotStormArrivalsAndDepartures() {
    GeofencePresence p = presence(new CircleGeofence(7, LAT, LON, 75));
    List<Transition> all = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      double meters = 75 + (i % 2 == 0 ? -3 : 15);
      all.addAll(p.observe("a1", i, LAT, east(meters), 10.0));
    }
    assertEquals(1, all.size(), all.toString());
    assertEquals(Kind.ARRIVAL, all.get(0).kind());
  }

  @Test
  void impreciseFixesAreIgnoredAndAgentsAreApart() {
    GeofencePresence p = presence(new CircleGeofence(7, LAT, LON, 75));
    assertEquals(List.of(), p.observe("a1", 1, LAT, LON, 500.0));
    assertEquals(1, p.observe("a1", 2, LAT, LON, null).size());
    assertEquals(1, p.observe("a2", 3, LAT, LON, 5.0).size(), "another agent arrives on its own");
    assertEquals(List.of(), p.observe("a1", 4, LAT, east(5000), 900.0), "an imprecise fix far away does not depart");
    assertArrayEquals(new long[] {7}, p.at("a1"));
  }

  @Test
  void overlappingGeofencesEachArrive() {
    Geofence[] fences = new Geofence[9];
    for (int i = 0; i < fences.length; i++) {
      fences[i] = new CircleGeofence(100 + i, LAT, east(i), 60);
    }
    GeofencePresence p = presence(fences);
    Set<Long> arrived = new HashSet<>();
    p.observe("a1", 1, LAT, LON, 5.0).forEach(t -> arrived.add(t.geofenceId()));
    assertEquals(9, arrived.size());
    assertEquals(9, p.observe("a1", 2, LAT, east(2000), 5.0).size(), "and each departs");
    assertEquals(0, p.at("a1").length);
  }

  @Test
  void aGeofenceRemovedFromThePortfolioIsLeftWithoutADeparture() {
    GeofencePresence p = presence(new CircleGeofence(7, LAT, LON, 75));
    assertEquals(1, p.observe("a1", 1, LAT, LON, 5.0).size());
    p.use(GeofenceIndex.build(List.of(new CircleGeofence(8, LAT, east(1000), 75))));
    assertEquals(List.of(), p.observe("a1", 2, LAT, east(500), 5.0));
    assertEquals(0, p.at("a1").length);
    List<Transition> arrive = p.observe("a1", 3, LAT, east(1000), 5.0);
    assertEquals(1, arrive.size());
    assertTrue(arrive.get(0).geofenceId() == 8 && arrive.get(0).kind() == Kind.ARRIVAL);
  }

  @Test
  void aNegativeMarginIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new GeofencePresence(-1));
    assertThrows(IllegalArgumentException.class, () -> new GeofencePresence(Double.NaN));
  }
}
