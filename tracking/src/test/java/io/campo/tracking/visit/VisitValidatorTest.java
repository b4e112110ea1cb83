package io.campo.tracking.visit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.tracking.geofence.CircleGeofence;
import io.campo.tracking.telemetry.Fix;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class VisitValidatorTest {

  static final double LAT = 19.4326;
  static final double LON = -99.1332;
  static final long T = 1_763_820_000_000L;
  final VisitValidator validator = new VisitValidator(ValidationRules.DEFAULT);
  final CircleGeofence home = new CircleGeofence(1, LAT, LON, 75);

  static double east(double meters) {
    return LON + meters / (111_320.0 * Math.cos(Math.toRadians(LAT)));
  }

  static Fix fix(long t, double lat, double lon, double acc) {
    return new Fix("a1", t, t, lat, lon, acc, null, null, 80, false, null);
  }

  /** A plausible approach and stay: walking in from 400 m east, 5 minutes at the door with GPS jitter. */
  static List<Fix> honestTrack() {
    List<Fix> track = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      track.add(fix(T - 600_000 + i * 60_000, LAT, east(400 - i * 70), 8));
    }
    for (int i = 0; i <= 10; i++) {
      track.add(fix(T + i * 30_000, LAT + (i % 3) * 1e-6, east(5 + (i % 2)), 6));
    }
    return track;
  }

  static List<FailureReason> reasons(VisitValidation v) {
    return v.failures().stream().map(ValidationFailure::reason).collect(Collectors.toList());
  }

  @Test
  void anHonestVisitIsValid() {
    VisitValidation v = validator.validate(new CheckIn(T, LAT, east(10), 8, T + 300_000), home, honestTrack());
    assertTrue(v.valid(), v.failures().toString());
    assertEquals(0, v.checkInDistanceMeters(), 1e-9);
    assertEquals(600, v.dwellSeconds(), "from the last approach fix, 50 m out and so inside, to the last fix at the door");
    assertEquals(17, v.fixesConsidered());
  }

  @Test
  void aCheckInAwayFromTheAddressIsRejectedWithItsDistance() {
    VisitValidation v = validator.validate(new CheckIn(T, LAT, east(300), 10, null), home, honestTrack());
    assertEquals(List.of(FailureReason.CHECK_IN_OUTSIDE_GEOFENCE), reasons(v));
    assertEquals(225, v.failures().get(0).measured(), 1);
    assertTrue(v.failures().get(0).message().contains("225 m outside"), v.failures().get(0).message());
  }

  @Test
  void reportedAccuracyIsCreditedButOnlyUpToTheCap() {
    assertTrue(validator.validate(new CheckIn(T, LAT, east(110), 40, null), home, honestTrack()).valid(), "35 m out, ±40 m");
    VisitValidation capped = validator.validate(new CheckIn(T, LAT, east(200), 140, null), home, honestTrack());
    assertEquals(List.of(FailureReason.CHECK_IN_OUTSIDE_GEOFENCE), reasons(capped), "125 m out is beyond the 50 m cap");
    VisitValidation poor = validator.validate(new CheckIn(T, LAT, LON, 500, null), home, honestTrack());
    assertEquals(List.of(FailureReason.ACCURACY_TOO_POOR), reasons(poor));
  }

  @Test
  void noTrackAtAllIsItsOwnReason() {
    VisitValidation v = validator.validate(new CheckIn(T, LAT, LON, 5, null), home, List.of());
    assertEquals(List.of(FailureReason.NO_TRACK_NEAR_CHECK_IN), reasons(v));
    assertTrue(Double.isNaN(v.nearestTrackDistanceMeters()));
  }

  @Test
  void aTrackThatNeverReachesTheAddressIsRejectedWithTheClosestDistance() {
    List<Fix> elsewhere = List.of(fix(T - 60_000, LAT, east(900), 5), fix(T, LAT, east(1000), 5), fix(T + 60_000, LAT, east(950), 5));
    VisitValidation v = validator.validate(new CheckIn(T, LAT, LON, 5, null), home, elsewhere);
    assertEquals(List.of(FailureReason.TRACK_OUTSIDE_GEOFENCE), reasons(v));
    assertEquals(825, v.nearestTrackDistanceMeters(), 2);
  }

  @Test
  void aDriveByIsNotAVisit() {
    List<Fix> driveBy = List.of(fix(T - 60_000, LAT, east(600), 5), fix(T, LAT, east(10), 5), fix(T + 30_000, LAT, east(-300), 5));
    VisitValidation v = validator.validate(new CheckIn(T, LAT, LON, 5, null), home, driveBy);
    assertEquals(List.of(FailureReason.INSUFFICIENT_DWELL), reasons(v));
    assertEquals(0, v.dwellSeconds());
  }

  @Test
  void aTeleportInTheTrackIsFlaggedWithItsSpeed() {
    List<Fix> track = new ArrayList<>(honestTrack());
    // 10 km in 10 s, seconds before arriving.
    track.add(0, fix(T - 700_000, LAT, east(10_400), 5));
    track.add(1, fix(T - 690_000, LAT, east(400), 5));
    VisitValidation v = validator.validate(new CheckIn(T, LAT, LON, 5, null), home, track);
    assertEquals(List.of(FailureReason.TELEPORT), reasons(v));
    assertEquals(1000, v.failures().get(0).measured(), 5);
  }

  @Test
  void perfectlyRepeatedCoordinatesSuggestAMockLocationApp() {
    List<Fix> frozen = new ArrayList<>();
    for (int i = 0; i <= 10; i++) {
      frozen.add(fix(T + i * 30_000, LAT, LON, 5));
    }
    VisitValidation v = validator.validate(new CheckIn(T, LAT, LON, 5, null), home, frozen);
    assertEquals(List.of(FailureReason.SUSPECTED_MOCK_LOCATION), reasons(v));
    assertEquals(11, v.failures().get(0).measured());
  }

  @Test
  void everyFailedRuleIsReportedNotJustTheFirst() {
    List<Fix> frozenElsewhere = new ArrayList<>();
    for (int i = 0; i <= 6; i++) {
      frozenElsewhere.add(fix(T + i * 30_000, LAT, east(2000), 5));
    }
    VisitValidation v = validator.validate(new CheckIn(T, LAT, east(500), 300, null), home, frozenElsewhere);
    assertEquals(List.of(FailureReason.ACCURACY_TOO_POOR, FailureReason.CHECK_IN_OUTSIDE_GEOFENCE,
        FailureReason.TRACK_OUTSIDE_GEOFENCE, FailureReason.SUSPECTED_MOCK_LOCATION), reasons(v));
  }

  @Test
  void theTrackWindowFollowsTheCheckInTimeNotTheClock() {
    long hoursAgo = T - 6 * 3_600_000L;
    long[] window = validator.evidenceWindow(new CheckIn(hoursAgo, LAT, LON, 5, hoursAgo + 600_000));
    assertEquals(hoursAgo - 15 * 60_000, window[0]);
    assertEquals(hoursAgo + 600_000 + 15 * 60_000 + 1, window[1]);
    long[] read = validator.trackWindow(new CheckIn(hoursAgo, LAT, LON, 5, hoursAgo + 600_000));
    assertEquals(window[0] - 120_000, read[0], "read wider, for the live fixes around late ones");
    assertEquals(window[1] + 120_000, read[1]);
  }
}
