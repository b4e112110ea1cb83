package io.campo.tracking.visit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.tracking.geofence.CircleGeofence;
import io.campo.tracking.telemetry.Fix;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When each fix arrived: late backlogs from an offline phone count (flagged), planted ones do not. */
class LateFixesTest {

  static final double LAT = VisitValidatorTest.LAT;
  static final long T = VisitValidatorTest.T;
  static final long HOUR = 3_600_000;
  final VisitValidator validator = new VisitValidator(ValidationRules.DEFAULT);
  final CircleGeofence door = new CircleGeofence(1, LAT, VisitValidatorTest.LON, 75);

  static Fix fix(long deviceTime, long receivedAt, double metersEast) {
    return new Fix("a1", deviceTime, receivedAt, LAT + (deviceTime / 1000 % 3) * 1e-6, VisitValidatorTest.east(metersEast), 6.0,
        null, null, 80, false, null);
  }

  /** Five minutes at the door from T, one fix every 30 s, each received {@code delayMillis} after it was taken. */
  static List<Fix> stayAtTheDoor(long delayMillis) {
    List<Fix> fixes = new ArrayList<>();
    for (int i = 0; i <= 10; i++) {
      fixes.add(fix(T + i * 30_000L, T + i * 30_000L + delayMillis, 5 + i % 2));
    }
    return fixes;
  }

  /** The phone online at home, 3 km away, around the same minutes: one fix every 20 s received at once. */
  static List<Fix> liveAtHome() {
    List<Fix> fixes = new ArrayList<>();
    for (long t = T - 120_000; t <= T + 420_000; t += 20_000) {
      fixes.add(fix(t, t + 1_500, 3_000 + (t / 20_000) % 2));
    }
    return fixes;
  }

  static List<Fix> merged(List<Fix> a, List<Fix> b) {
    List<Fix> all = new ArrayList<>(a);
    all.addAll(b);
    all.sort(Comparator.comparingLong(Fix::deviceTimeMillis));
    return all;
  }

  CheckIn checkIn() {
    return new CheckIn(T, LAT, VisitValidatorTest.east(8), 8, T + 300_000);
  }

  @Test
  void onTimeFixesAreNotLateEvidence() {
    VisitValidation v = validator.validate(checkIn(), door, stayAtTheDoor(2_000));
    assertTrue(v.valid(), v.failures().toString());
    assertFalse(v.lateEvidence());
    assertEquals(0, v.lateFixes());
    assertEquals(2, v.evidenceDelaySeconds());
  }

  @Test
  void aBacklogFromAPhoneThatWasOfflineProvesTheVisitButIsFlaggedWithItsDelay() {
    VisitValidation v = validator.validate(checkIn(), door, stayAtTheDoor(3 * HOUR));
    assertTrue(v.valid(), v.failures().toString());
    assertTrue(v.lateEvidence());
    assertEquals(11, v.lateFixes());
    assertEquals(0, v.contradictedFixes());
    assertEquals(3 * 3600, v.evidenceDelaySeconds());
  }

  @Test
  void aLateTrackAtTheDoorWhileThePhoneWasLiveElsewhereIsRefusedAsEvidence() {
    VisitValidation v = validator.validate(checkIn(), door, merged(stayAtTheDoor(HOUR), liveAtHome()));
    assertFalse(v.valid());
    List<FailureReason> reasons = VisitValidatorTest.reasons(v);
    assertTrue(reasons.contains(FailureReason.LATE_TRACK_CONTRADICTS_LIVE_TRACK), reasons.toString());
    assertTrue(reasons.contains(FailureReason.TRACK_OUTSIDE_GEOFENCE), "only the live track, at home, is left: " + reasons);
    assertEquals(11, v.contradictedFixes());
    assertEquals(0, v.lateFixes());
    assertFalse(v.awaitsTrack(), "more fixes cannot undo a contradiction");
    ValidationFailure f = v.failures().stream()
        .filter(x -> x.reason() == FailureReason.LATE_TRACK_CONTRADICTS_LIVE_TRACK).findFirst().orElseThrow();
    assertTrue(f.message().contains("11 position(s) received up to 60 min after"), f.message());
    assertTrue(f.message().contains("3.0 km"), f.message());
    assertEquals(3_000, f.measured(), 10);
  }

  @Test
  void lateFixesThatAgreeWithTheLiveTrackStillCount() {
    // A second app on the same phone, or fixes retried after a dead spot: late, but where the live track was.
    List<Fix> liveAtTheDoor = new ArrayList<>();
    for (long t = T + 10_000; t <= T + 300_000; t += 60_000) {
      liveAtTheDoor.add(fix(t, t + 1_000, 7));
    }
    VisitValidation v = validator.validate(checkIn(), door, merged(stayAtTheDoor(20 * 60_000), liveAtTheDoor));
    assertTrue(v.valid(), v.failures().toString());
    assertEquals(11, v.lateFixes());
    assertTrue(v.lateEvidence());
  }

  @Test
  void aLiveFixFarEnoughAwayInTimeToHaveWalkedToTheDoorDoesNotContradict() {
    // Live at 400 m until T - 90 s, then the phone lost signal: 400 m in 90 s is a brisk walk, not a contradiction.
    List<Fix> approach = List.of(fix(T - 150_000, T - 149_000, 600), fix(T - 90_000, T - 89_000, 400));
    VisitValidation v = validator.validate(checkIn(), door, merged(stayAtTheDoor(HOUR), approach));
    assertTrue(v.valid(), v.failures().toString());
    assertEquals(0, v.contradictedFixes());
  }

  @Test
  void liveFixesJustOutsideTheEvidenceWindowAreStillHeardAgainstTheLateOnes() {
    CheckIn atTheDoor = new CheckIn(T, LAT, VisitValidatorTest.east(8), 8, null);
    long[] read = validator.trackWindow(atTheDoor);
    long[] evidence = validator.evidenceWindow(atTheDoor);
    assertEquals(ValidationRules.DEFAULT.liveOverlap().toMillis(), evidence[0] - read[0]);
    long edge = evidence[0];
    List<Fix> planted = new ArrayList<>();
    for (int i = 0; i <= 10; i++) {
      planted.add(fix(edge + i * 30_000L, edge + HOUR, 5));
    }
    Fix liveBeforeTheWindow = fix(edge - 5_000, edge - 4_000, 5_000);
    VisitValidation v = validator.validate(atTheDoor, door, merged(planted, List.of(liveBeforeTheWindow)));
    assertTrue(v.contradictedFixes() > 0, v.toString());
    assertEquals(11, v.fixesConsidered(), "the live fix outside the window is read, not counted as evidence");
  }

  @Test
  void onlyTrackReasonsAwaitMoreTrack() {
    VisitValidation none = validator.validate(checkIn(), door, List.of());
    assertTrue(none.awaitsTrack());
    VisitValidation farCheckIn = validator.validate(new CheckIn(T, LAT, VisitValidatorTest.east(900), 8, null), door, List.of());
    assertFalse(farCheckIn.awaitsTrack(), "a check-in far from the door stays rejected whatever arrives");
    assertFalse(validator.validate(checkIn(), door, stayAtTheDoor(0)).awaitsTrack(), "a valid visit awaits nothing");
  }

  @Test
  void rulesRefuseANonPositiveLatenessThreshold() {
    assertThrows(IllegalArgumentException.class, () -> ValidationRules.DEFAULT.withLateEvidence(Duration.ZERO, Duration.ofHours(1)));
    assertEquals(Duration.ofSeconds(30), ValidationRules.DEFAULT.withLateEvidence(Duration.ofSeconds(30), Duration.ofHours(1)).lateFixAfter());
  }
}
