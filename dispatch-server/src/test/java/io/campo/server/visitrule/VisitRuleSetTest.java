package io.campo.server.visitrule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.campo.tracking.visit.ValidationRules;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which values judge a debtor, and how they are recorded on a visit and read back; no server needed. */
class VisitRuleSetTest {

  static final VisitRuleSet RULES = VisitRuleSetReader.read(new JsonObject("""
      {"default": {"dwellSeconds": 90},
       "overrides": [{"segment": "rural", "radiusMeters": 300, "dwellSeconds": 60},
                     {"product": "pyme", "dwellSeconds": 300, "maxSpeedKmh": 120}]}"""));

  @Test
  void theDefaultsFillWhatTheBodyLeavesOutAndTheBuiltInRadiusIsEachAddresssOwn() {
    VisitRuleValues d = RULES.defaults();
    assertEquals(90, d.dwellSeconds());
    assertEquals(15, d.windowMinutes());
    assertEquals(5, d.mockIdenticalFixes());
    assertNull(d.radiusMeters());
    AppliedVisitRules none = RULES.resolve(null, Set.of());
    assertEquals(List.of("default"), none.applied());
    assertNull(none.values().radiusMeters());
  }

  @Test
  void everyApplyingOverrideIsLaidOnInListOrderTheLaterWinning() {
    AppliedVisitRules both = RULES.resolve("rural", Set.of("consumo", "pyme"));
    assertEquals(List.of("default", "segment:rural", "product:pyme"), both.applied());
    assertEquals(300.0, both.values().radiusMeters());
    assertEquals(300, both.values().dwellSeconds(), "the product's, listed after the segment's");
    assertEquals(120.0, both.values().maxSpeedKmh());
    assertEquals(List.of("default", "segment:rural"), RULES.resolve("rural", Set.of("consumo")).applied());
  }

  @Test
  void whatAVisitRecordsReadsBackAsTheSameRulesAndOlderVisitsReadAsTheBuiltInOnes() {
    AppliedVisitRules applied = RULES.resolve("rural", Set.of());
    JsonObject validation = new JsonObject().put("ruleSet", new JsonObject(applied.json().encode()));
    assertEquals(applied, AppliedVisitRules.recordedIn(validation));
    assertEquals(AppliedVisitRules.BUILT_IN, AppliedVisitRules.recordedIn(new JsonObject().put("valid", true)));

    ValidationRules base = ValidationRules.DEFAULT.withLateEvidence(Duration.ofSeconds(45), Duration.ofHours(6));
    ValidationRules r = applied.values().validationRules(base);
    assertEquals(Duration.ofSeconds(60), r.minDwell());
    assertEquals(Duration.ofSeconds(45), r.lateFixAfter(), "lateness stays the agency's setting");
    assertEquals(ValidationRules.DEFAULT.maxSpeedMetersPerSecond(), VisitRuleValues.BUILT_IN.validationRules(base).maxSpeedMetersPerSecond(), 1e-9);
    assertEquals(ValidationRules.DEFAULT.maxAccuracyAllowanceMeters(), r.maxAccuracyAllowanceMeters());
  }
}
