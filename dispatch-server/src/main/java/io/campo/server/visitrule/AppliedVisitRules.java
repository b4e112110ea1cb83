package io.campo.server.visitrule;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules that judged one visit, as recorded on it: the rule set's version, which parts applied ("default",
 * "segment:rural", "product:pyme") and the resulting values.
 */
public record AppliedVisitRules(long version, List<String> applied, VisitRuleValues values) {

  /** What judged visits recorded before rules were configurable: the built-in values, version 0. */
  public static final AppliedVisitRules BUILT_IN = new AppliedVisitRules(0, List.of("default"), VisitRuleValues.BUILT_IN);

  public JsonObject json() {
    return new JsonObject().put("version", version).put("applied", new JsonArray(new ArrayList<>(applied))).put("values", values.json());
  }

  /** The rules recorded in a visit's validation ({@code "ruleSet"}); the built-in ones when it has none (older visits). */
  public static AppliedVisitRules recordedIn(JsonObject validation) {
    JsonObject o = validation == null ? null : validation.getJsonObject("ruleSet");
    if (o == null) {
      return BUILT_IN;
    }
    JsonObject v = o.getJsonObject("values", new JsonObject());
    VisitRuleValues recorded = new VisitRuleValues(v.getDouble("radiusMeters"), v.getDouble("accuracyCreditMeters"),
        v.getDouble("worstAccuracyMeters"), v.getInteger("dwellSeconds"), v.getInteger("windowMinutes"),
        v.getInteger("mockIdenticalFixes"), v.getDouble("maxSpeedKmh"));
    List<String> applied = new ArrayList<>();
    o.getJsonArray("applied", new JsonArray()).forEach(a -> applied.add(String.valueOf(a)));
    // A value missing from what was recorded (none today) falls back to the built-in one rather than failing a re-judge.
    return new AppliedVisitRules(o.getLong("version", 0L), applied, VisitRuleValues.BUILT_IN.with(recorded));
  }
}
