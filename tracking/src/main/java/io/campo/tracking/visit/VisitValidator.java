package io.campo.tracking.visit;

import io.campo.tracking.geofence.Geofence;
import io.campo.tracking.telemetry.Fix;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a visit is proven: the check-in lies at the debtor's address, and the agent's
 * own stored track agrees — fixes inside the geofence around the check-in, for at least the
 * minimum dwell, with no impossible jumps and no sign of a mock-location app. A visit captured
 * offline hours ago is judged the same way against the track of that time.
 *
 * <p>When each fix arrived matters too ({@link LateFixes}): a fix received late is evidence only
 * while the phone's live track of the same minutes does not contradict it, and a visit proven
 * with late fixes says so.
 *
 * <p>Every rule is evaluated, not just the first that fails. Stateless and thread-safe.
 */
public final class VisitValidator {

  private final ValidationRules rules;

  public VisitValidator(ValidationRules rules) {
    this.rules = rules;
  }

  public ValidationRules rules() {
    return rules;
  }

  /**
   * The window of track to read for this check-in, as [from, to) device-time millis: the evidence
   * window widened by {@link ValidationRules#liveOverlap()}, so that late fixes near its edges are
   * compared with the live fixes of their minutes too.
   */
  public long[] trackWindow(CheckIn checkIn) {
    long[] evidence = evidenceWindow(checkIn);
    long overlap = rules.liveOverlap().toMillis();
    return new long[] {evidence[0] - overlap, evidence[1] + overlap};
  }

  /** The fixes that may prove this check-in, as [from, to) device-time millis. */
  public long[] evidenceWindow(CheckIn checkIn) {
    long end = checkIn.checkOutMillis() != null ? checkIn.checkOutMillis() : checkIn.timeMillis();
    return new long[] {checkIn.timeMillis() - rules.trackWindow().toMillis(), end + rules.trackWindow().toMillis() + 1};
  }

  /**
   * @param readTrack the agent's fixes within {@link #trackWindow}, in device-time order
   */
  public VisitValidation validate(CheckIn checkIn, Geofence geofence, List<Fix> readTrack) {
    List<ValidationFailure> failures = new ArrayList<>();

    if (checkIn.accuracyMeters() > rules.worstAcceptedAccuracyMeters()) {
      failures.add(new ValidationFailure(FailureReason.ACCURACY_TOO_POOR, String.format(
          "check-in accuracy ±%.0f m is worse than the accepted ±%.0f m", checkIn.accuracyMeters(), rules.worstAcceptedAccuracyMeters()),
          checkIn.accuracyMeters()));
    }
    double checkInDistance = geofence.distanceMeters(checkIn.lat(), checkIn.lon());
    if (checkInDistance > allowance(checkIn.accuracyMeters())) {
      failures.add(new ValidationFailure(FailureReason.CHECK_IN_OUTSIDE_GEOFENCE, String.format(
          "check-in is %.0f m outside the address geofence (accuracy credit %.0f m)", checkInDistance, allowance(checkIn.accuracyMeters())),
          checkInDistance));
    }

    LateFixes late = LateFixes.sort(readTrack, evidenceWindow(checkIn), rules);
    late.contradiction().ifPresent(failures::add);
    List<Fix> track = late.evidence();
    double nearest = Double.NaN;
    long dwellSeconds = 0;
    if (track.isEmpty()) {
      failures.add(new ValidationFailure(FailureReason.NO_TRACK_NEAR_CHECK_IN, String.format(
          "no stored position within %d min of the check-in%s", rules.trackWindow().toMinutes(),
          late.contradicted() > 0 ? " that the live track does not contradict" : ""), 0));
    } else {
      nearest = Double.POSITIVE_INFINITY;
      long longestStay = -1;
      long stayStart = -1;
      for (Fix f : track) {
        double d = geofence.distanceMeters(f.lat(), f.lon());
        nearest = Math.min(nearest, d);
        boolean inside = d <= allowance(f.accuracyMeters() == null ? 0 : f.accuracyMeters());
        if (inside) {
          if (stayStart < 0) {
            stayStart = f.deviceTimeMillis();
          }
          longestStay = Math.max(longestStay, f.deviceTimeMillis() - stayStart);
        } else {
          stayStart = -1;
        }
      }
      if (longestStay < 0) {
        failures.add(new ValidationFailure(FailureReason.TRACK_OUTSIDE_GEOFENCE, String.format(
            "none of the %d stored positions around the check-in is inside the geofence; the closest is %.0f m away",
            track.size(), nearest), nearest));
        dwellSeconds = 0;
      } else {
        dwellSeconds = longestStay / 1000;
        if (longestStay < rules.minDwell().toMillis()) {
          failures.add(new ValidationFailure(FailureReason.INSUFFICIENT_DWELL, String.format(
              "the track shows %d s at the address; at least %d s are required", dwellSeconds, rules.minDwell().toSeconds()),
              dwellSeconds));
        }
      }
      fastestJump(track).ifPresent(failures::add);
      identicalRun(track).ifPresent(failures::add);
    }
    return new VisitValidation(failures, checkInDistance, nearest, dwellSeconds, late.fixesInWindow(), late.acceptedLate(),
        late.contradicted(), late.longestDelayMillis() / 1000);
  }

  private double allowance(double accuracyMeters) {
    return Math.min(Math.max(0, accuracyMeters), rules.maxAccuracyAllowanceMeters());
  }

  /** The fastest move between consecutive fixes, after crediting both fixes' accuracy, if impossible. */
  private Optional<ValidationFailure> fastestJump(List<Fix> track) {
    double worst = 0;
    for (int i = 1; i < track.size(); i++) {
      Fix a = track.get(i - 1);
      Fix b = track.get(i);
      double seconds = (b.deviceTimeMillis() - a.deviceTimeMillis()) / 1000.0;
      if (seconds <= 0) {
        continue;
      }
      double credit = (a.accuracyMeters() == null ? 0 : a.accuracyMeters()) + (b.accuracyMeters() == null ? 0 : b.accuracyMeters());
      double meters = Math.max(0, metersBetween(a, b) - credit);
      worst = Math.max(worst, meters / seconds);
    }
    if (worst > rules.maxSpeedMetersPerSecond()) {
      return Optional.of(new ValidationFailure(FailureReason.TELEPORT, String.format(
          "the track jumps at %.0f km/h between two positions; more than %.0f km/h is not possible in a city",
          worst * 3.6, rules.maxSpeedMetersPerSecond() * 3.6), worst));
    }
    return Optional.empty();
  }

  private Optional<ValidationFailure> identicalRun(List<Fix> track) {
    int run = 1;
    int longest = 1;
    for (int i = 1; i < track.size(); i++) {
      Fix a = track.get(i - 1);
      Fix b = track.get(i);
      run = a.lat() == b.lat() && a.lon() == b.lon() ? run + 1 : 1;
      longest = Math.max(longest, run);
    }
    if (longest >= rules.identicalFixesForMock()) {
      return Optional.of(new ValidationFailure(FailureReason.SUSPECTED_MOCK_LOCATION, String.format(
          "%d consecutive positions have exactly the same coordinates; a real GPS always varies, a mock-location app does not",
          longest), longest));
    }
    return Optional.empty();
  }

  /** Equirectangular distance; exact enough at the few-kilometre scale of consecutive fixes. */
  public static double metersBetween(Fix a, Fix b) {
    double meanLat = Math.toRadians((a.lat() + b.lat()) / 2);
    double x = Math.toRadians(b.lon() - a.lon()) * Math.cos(meanLat);
    double y = Math.toRadians(b.lat() - a.lat());
    return Math.sqrt(x * x + y * y) * 6_371_008.8;
  }
}
