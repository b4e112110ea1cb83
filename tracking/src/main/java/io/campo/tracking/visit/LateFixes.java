package io.campo.tracking.visit;

import io.campo.tracking.telemetry.Fix;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fixes read for one visit, sorted by when they reached the server.
 *
 * <p>The rule: a fix received late ({@link ValidationRules#late}) was held back on the phone. A
 * phone that really was offline has no live fixes for those minutes, so its backlog is the only
 * account of them and is accepted as evidence, flagged late. But when the same agent's phone was
 * delivering on-time fixes for the same minutes ({@link ValidationRules#liveOverlap()}), the live
 * track is the account the server witnessed as it happened; a late fix that no one could reach
 * from those live positions in the time between them (at {@link
 * ValidationRules#maxSpeedMetersPerSecond()}, after crediting both fixes' accuracy) contradicts it
 * and is refused as evidence. That is what a track planted after the fact looks like: the phone
 * was online elsewhere, and the "visit" arrives later.
 *
 * <p>Immutable; built per validation.
 */
final class LateFixes {

  private final List<Fix> evidence;
  private final int fixesInWindow;
  private final int acceptedLate;
  private final int contradicted;
  private final long longestDelayMillis;
  private final ValidationFailure contradiction;

  private LateFixes(List<Fix> evidence, int fixesInWindow, int acceptedLate, int contradicted, long longestDelayMillis,
      ValidationFailure contradiction) {
    this.evidence = evidence;
    this.fixesInWindow = fixesInWindow;
    this.acceptedLate = acceptedLate;
    this.contradicted = contradicted;
    this.longestDelayMillis = longestDelayMillis;
    this.contradiction = contradiction;
  }

  /**
   * @param readTrack the agent's fixes in device-time order, read a little wider than the window
   * @param window the evidence window, [from, to) device-time millis
   */
  static LateFixes sort(List<Fix> readTrack, long[] window, ValidationRules rules) {
    List<Fix> live = new ArrayList<>();
    for (Fix f : readTrack) {
      if (!rules.late(f)) {
        live.add(f);
      }
    }
    List<Fix> evidence = new ArrayList<>();
    int inWindow = 0;
    int acceptedLate = 0;
    int contradicted = 0;
    long longestDelay = 0;
    double worstMeters = 0;
    long worstDelay = 0;
    for (Fix f : readTrack) {
      if (f.deviceTimeMillis() < window[0] || f.deviceTimeMillis() >= window[1]) {
        continue;
      }
      inWindow++;
      longestDelay = Math.max(longestDelay, ValidationRules.delayMillis(f));
      if (!rules.late(f)) {
        evidence.add(f);
        continue;
      }
      double apart = unreachableBy(f, live, rules);
      if (apart > 0) {
        contradicted++;
        worstMeters = Math.max(worstMeters, apart);
        worstDelay = Math.max(worstDelay, ValidationRules.delayMillis(f));
      } else {
        acceptedLate++;
        evidence.add(f);
      }
    }
    ValidationFailure failure = contradicted == 0 ? null : new ValidationFailure(FailureReason.LATE_TRACK_CONTRADICTS_LIVE_TRACK,
        String.format("%d position(s) received up to %d min after they were taken put the agent up to %.1f km from where the"
            + " phone's live positions of the same minutes were; a track uploaded after the fact is not evidence",
            contradicted, worstDelay / 60_000, worstMeters / 1000), worstMeters);
    return new LateFixes(evidence, inWindow, acceptedLate, contradicted, longestDelay, failure);
  }

  /**
   * How far (metres) the late fix lies beyond what any live fix of its minutes could reach, or 0
   * when every one of them could have reached it.
   */
  private static double unreachableBy(Fix lateFix, List<Fix> live, ValidationRules rules) {
    long overlap = rules.liveOverlap().toMillis();
    double worst = 0;
    for (int i = firstAtOrAfter(live, lateFix.deviceTimeMillis() - overlap); i < live.size(); i++) {
      Fix onTime = live.get(i);
      long dt = Math.abs(onTime.deviceTimeMillis() - lateFix.deviceTimeMillis());
      if (onTime.deviceTimeMillis() > lateFix.deviceTimeMillis() + overlap) {
        break;
      }
      double credit = credit(onTime, rules) + credit(lateFix, rules);
      double reach = rules.maxSpeedMetersPerSecond() * dt / 1000.0;
      double beyond = VisitValidator.metersBetween(onTime, lateFix) - credit - reach;
      if (beyond > 0) {
        worst = Math.max(worst, VisitValidator.metersBetween(onTime, lateFix));
      }
    }
    return worst;
  }

  private static double credit(Fix f, ValidationRules rules) {
    return Math.min(f.accuracyMeters() == null ? 0 : Math.max(0, f.accuracyMeters()), rules.maxAccuracyAllowanceMeters());
  }

  private static int firstAtOrAfter(List<Fix> byDeviceTime, long millis) {
    int lo = 0;
    int hi = byDeviceTime.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (byDeviceTime.get(mid).deviceTimeMillis() < millis) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The fixes in the window that count as evidence: on time, or late and not contradicted. */
  List<Fix> evidence() {
    return evidence;
  }

  int fixesInWindow() {
    return fixesInWindow;
  }

  int acceptedLate() {
    return acceptedLate;
  }

  int contradicted() {
    return contradicted;
  }

  long longestDelayMillis() {
    return longestDelayMillis;
  }

  Optional<ValidationFailure> contradiction() {
    return Optional.ofNullable(contradiction);
  }
}
