package io.campo.server.visitrule;

import io.campo.tracking.visit.ValidationRules;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * The values of a visit rule set, each null when a partial override leaves it to the default.
 *
 * @param radiusMeters the radius of every circle geofence judged under these rules; null: each address's own radius
 *     (75 m unless the import gave one). A drawn polygon is never replaced.
 * @param accuracyCreditMeters at most this much of a position's reported accuracy is credited against the geofence
 * @param worstAccuracyMeters a check-in reported less accurate than this is refused
 * @param dwellSeconds the track must show the agent at the address at least this long
 * @param windowMinutes the track this long before the check-in and after the check-out is the evidence
 * @param mockIdenticalFixes this many consecutive fixes at exactly the same coordinates: a mock-location app
 * @param maxSpeedKmh faster than this between two fixes is a teleport
 */
public record VisitRuleValues(Double radiusMeters, Double accuracyCreditMeters, Double worstAccuracyMeters,
    Integer dwellSeconds, Integer windowMinutes, Integer mockIdenticalFixes, Double maxSpeedKmh) {

  /** Campo's values before rules were configurable (issue #17: "75 m, 2 minutes of dwell, 5 identical fixes"). */
  public static final VisitRuleValues BUILT_IN = new VisitRuleValues(null,
      ValidationRules.DEFAULT.maxAccuracyAllowanceMeters(), ValidationRules.DEFAULT.worstAcceptedAccuracyMeters(),
      (int) ValidationRules.DEFAULT.minDwell().toSeconds(), (int) ValidationRules.DEFAULT.trackWindow().toMinutes(),
      ValidationRules.DEFAULT.identicalFixesForMock(), ValidationRules.DEFAULT.maxSpeedMetersPerSecond() * 3.6);

  /** These values with every non-null one of {@code override} in their place. */
  VisitRuleValues with(VisitRuleValues override) {
    return new VisitRuleValues(pick(override.radiusMeters, radiusMeters), pick(override.accuracyCreditMeters, accuracyCreditMeters),
        pick(override.worstAccuracyMeters, worstAccuracyMeters), pick(override.dwellSeconds, dwellSeconds),
        pick(override.windowMinutes, windowMinutes), pick(override.mockIdenticalFixes, mockIdenticalFixes),
        pick(override.maxSpeedKmh, maxSpeedKmh));
  }

  boolean isEmpty() {
    return radiusMeters == null && accuracyCreditMeters == null && worstAccuracyMeters == null && dwellSeconds == null
        && windowMinutes == null && mockIdenticalFixes == null && maxSpeedKmh == null;
  }

  /**
   * The validator's rules for these (complete) values; lateness and re-judging stay the agency's
   * ({@code CAMPO_VISIT_LATE_FIX_SECONDS}, {@code CAMPO_VISIT_REJUDGE_HOURS}), taken from {@code base}.
   */
  public ValidationRules validationRules(ValidationRules base) {
    return new ValidationRules(accuracyCreditMeters, worstAccuracyMeters, Duration.ofMinutes(windowMinutes),
        Duration.ofSeconds(dwellSeconds), maxSpeedKmh / 3.6, mockIdenticalFixes, base.lateFixAfter(), base.liveOverlap(),
        base.rejudgeFor());
  }

  JsonObject json() {
    JsonObject o = new JsonObject();
    put(o, "radiusMeters", radiusMeters);
    put(o, "accuracyCreditMeters", accuracyCreditMeters);
    put(o, "worstAccuracyMeters", worstAccuracyMeters);
    put(o, "dwellSeconds", dwellSeconds);
    put(o, "windowMinutes", windowMinutes);
    put(o, "mockIdenticalFixes", mockIdenticalFixes);
    put(o, "maxSpeedKmh", maxSpeedKmh);
    return o;
  }

  private static void put(JsonObject o, String name, Object value) {
    if (value != null) {
      o.put(name, value);
    }
  }

  private static <T> T pick(T override, T base) {
    return override != null ? override : base;
  }
}
