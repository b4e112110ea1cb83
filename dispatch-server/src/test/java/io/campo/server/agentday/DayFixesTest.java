package io.campo.server.agentday;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.tracking.telemetry.Fix;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Distance, battery curve and trail computed from a day's fixes. */
class DayFixesTest {

  static final double LAT = 19.4326;
  static final double LON = -99.1332;
  static final double DEG_PER_METER_LON = 1 / (111_320.0 * Math.cos(Math.toRadians(LAT)));

  static Fix fix(long t, double lat, double lon, Integer battery) {
    return new Fix("a", t, t, lat, lon, 5.0, null, null, battery, false, null);
  }

  /** Walking east at 1.25 m/s, one fix every 8 s (10 m apart). */
  static List<Fix> walk(int n) {
    List<Fix> fixes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      fixes.add(fix(1_000_000L + i * 8_000L, LAT, LON + i * 10 * DEG_PER_METER_LON, 100 - i * 60 / Math.max(1, n)));
    }
    return fixes;
  }

  @Test
  void distanceAddsTheStepsAndLeavesOutAGpsJump() {
    List<Fix> fixes = walk(101);
    assertEquals(1000, FixSummary.distanceMeters(fixes), 2);
    // One fix 2 km off to the north, 8 s after its neighbour: 250 m/s, impossible.
    fixes.set(50, fix(fixes.get(50).deviceTimeMillis(), LAT + 0.018, fixes.get(50).lon(), 70));
    assertEquals(1000, FixSummary.distanceMeters(fixes), 25, "the jump adds nothing; only the step over it is longer");

    JsonObject summary = FixSummary.of(fixes);
    assertEquals(101, summary.getInteger("count"));
    assertEquals(fixes.get(0).deviceTime().toString(), summary.getString("first"));
    assertEquals(fixes.get(100).deviceTime().toString(), summary.getString("last"));
    assertEquals(0, FixSummary.of(List.of()).getInteger("distanceMeters"));
  }

  @Test
  void aPhoneLyingStillAddsNoDistanceFromItsJitter() {
    List<Fix> still = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      still.add(fix(i * 5_000L, LAT + ((i * 7) % 5 - 2) * 1.5e-5, LON + ((i * 3) % 5 - 2) * 1.5e-5, 90));
    }
    assertEquals(0, FixSummary.distanceMeters(still), "±3 m of GPS wander is not movement");
  }

  @Test
  void aWrongFirstFixDoesNotSwallowTheRestOfTheDay() {
    List<Fix> fixes = walk(101);
    fixes.set(0, fix(fixes.get(0).deviceTimeMillis(), LAT + 0.5, LON, 100));
    assertEquals(990, FixSummary.distanceMeters(fixes), 40, "after a few impossible steps the trail restarts where the phone is");
  }

  @Test
  void theBatteryCurveHasAtMost200PointsKeepsTheLastAndShowsDrops() {
    List<Fix> fixes = walk(5000);
    fixes.set(2500, fix(fixes.get(2500).deviceTimeMillis(), LAT, LON, 3));
    JsonArray curve = BatteryCurve.of(fixes);
    assertEquals(200, curve.size());
    assertEquals(fixes.get(4999).deviceTime().toString(), curve.getJsonObject(199).getString("t"));
    assertTrue(curve.stream().map(JsonObject.class::cast).anyMatch(p -> p.getInteger("level") == 3), "a short drop survives");
    for (int i = 1; i < curve.size(); i++) {
      assertTrue(curve.getJsonObject(i).getString("t").compareTo(curve.getJsonObject(i - 1).getString("t")) > 0, "in time order");
    }
    assertEquals(150, BatteryCurve.of(walk(150)).size(), "short days are sent whole");
    List<Fix> noBattery = List.of(fix(1, LAT, LON, null), fix(2, LAT, LON, null));
    assertEquals(0, BatteryCurve.of(noBattery).size());
  }

  @Test
  void aLongStraightTrailIsSimplifiedToItsEndsAndAShortOneIsKept() {
    JsonArray longLine = DayTrail.lineString(walk(2000)).getJsonArray("coordinates");
    assertEquals(2, longLine.size(), "a straight walk needs only its ends");
    assertEquals(LON, longLine.getJsonArray(0).getDouble(0), 1e-9);
    assertEquals(LAT, longLine.getJsonArray(0).getDouble(1), 1e-9);

    List<Fix> zigzag = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      zigzag.add(fix(i * 5000L, LAT + (i % 2) * 0.0002, LON + i * 10 * DEG_PER_METER_LON, null));
    }
    assertEquals(1000, DayTrail.lineString(zigzag).getJsonArray("coordinates").size(), "22 m zigzags are above the 5 m tolerance");
    assertEquals(300, DayTrail.lineString(walk(300)).getJsonArray("coordinates").size());
    assertEquals("LineString", DayTrail.lineString(List.of()).getString("type"));
  }

  @Test
  void aRejectedVisitIsARejectedStopWhateverItsOutcome() {
    assertEquals("pending", StopStatus.of(null));
    assertEquals("rejected", StopStatus.of(visit("PAID", "REJECTED")));
    assertEquals("paid", StopStatus.of(visit("PAID", "VALID")));
    assertEquals("paid", StopStatus.of(visit("PAID", "OVERRIDDEN")));
    assertEquals("promise", StopStatus.of(visit("PROMISE", "VALID")));
    assertEquals("no_contact", StopStatus.of(visit("NO_CONTACT", "VALID")));
    for (String other : List.of("REFUSED", "WRONG_ADDRESS", "INCIDENT")) {
      assertEquals("other", StopStatus.of(visit(other, "VALID")));
    }
  }

  @Test
  void aCircleGeofenceIsAClosed24GonOfItsRadius() {
    JsonArray ring = GeofenceShapes.circle(LAT, LON, 75).getJsonArray("coordinates").getJsonArray(0);
    assertEquals(25, ring.size());
    assertEquals(ring.getJsonArray(0), ring.getJsonArray(24));
    for (int i = 0; i < 24; i++) {
      JsonArray p = ring.getJsonArray(i);
      assertEquals(75, FixSummary.meters(LAT, LON, p.getDouble(1), p.getDouble(0)), 0.5);
    }
  }

  static DayVisits.RecordedVisit visit(String outcome, String status) {
    return new DayVisits.RecordedVisit(1, "CR-1", java.time.Instant.EPOCH, outcome, status, List.of());
  }
}
