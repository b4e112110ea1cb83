package io.campo.server.visitrule;

import io.campo.server.api.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and checks the body of {@code PUT /api/visit-rules}: {@code {"default": {...}, "overrides": [{"segment": "rural",
 * "radiusMeters": 300}, {"product": "pyme", "dwellSeconds": 300}]}}. Every value has a range a person can act on; an
 * unknown name is refused rather than ignored (a misspelt "radius" must not leave 75 m in force unnoticed).
 */
final class VisitRuleSetReader {

  static final String EXAMPLE = "{\"default\": {\"dwellSeconds\": 120}, \"overrides\": [{\"segment\": \"rural\", \"radiusMeters\": 300}]}";
  static final int MAX_OVERRIDES = 200;
  static final int MAX_NAME_CHARS = 100;
  private static final Set<String> VALUE_NAMES = Set.of("radiusMeters", "accuracyCreditMeters", "worstAccuracyMeters",
      "dwellSeconds", "windowMinutes", "mockIdenticalFixes", "maxSpeedKmh");

  private VisitRuleSetReader() {}

  /** The default values (missing ones: the built-in) and the overrides; version and author are the store's. */
  static VisitRuleSet read(JsonObject body) {
    for (String name : body.fieldNames()) {
      if (!name.equals("default") && !name.equals("overrides")) {
        throw ApiException.badRequest("unknown member '" + name + "'; send {\"default\": {...}, \"overrides\": [...]} like " + EXAMPLE);
      }
    }
    Object defaultsJson = body.getValue("default");
    if (defaultsJson != null && !(defaultsJson instanceof JsonObject)) {
      throw ApiException.badRequest("'default' must be an object of rule values like {\"radiusMeters\": 100, \"dwellSeconds\": 120}");
    }
    VisitRuleValues defaults = VisitRuleValues.BUILT_IN.with(values("default",
        defaultsJson == null ? new JsonObject() : (JsonObject) defaultsJson, Set.of()));
    Object overridesJson = body.getValue("overrides");
    if (overridesJson != null && !(overridesJson instanceof JsonArray)) {
      throw ApiException.badRequest("'overrides' must be a list like [{\"segment\": \"rural\", \"radiusMeters\": 300}]");
    }
    JsonArray list = overridesJson == null ? new JsonArray() : (JsonArray) overridesJson;
    if (list.size() > MAX_OVERRIDES) {
      throw ApiException.badRequest("'overrides' may have at most " + MAX_OVERRIDES + " entries, got " + list.size());
    }
    List<VisitRuleSet.Override> overrides = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String where = "overrides[" + i + "]";
      if (!(list.getValue(i) instanceof JsonObject o)) {
        throw ApiException.badRequest(where + " must be an object like {\"segment\": \"rural\", \"radiusMeters\": 300}");
      }
      String segment = name(where + ".segment", o.getValue("segment"));
      String product = name(where + ".product", o.getValue("product"));
      if ((segment == null) == (product == null)) {
        throw ApiException.badRequest(where + " must name exactly one \"segment\" or one \"product\"");
      }
      String label = segment != null ? "segment '" + segment + "'" : "product '" + product + "'";
      if (!seen.add(label)) {
        throw ApiException.badRequest(where + ": " + label + " has an override already; merge them");
      }
      VisitRuleValues values = values(where, o, Set.of("segment", "product"));
      if (values.isEmpty()) {
        throw ApiException.badRequest(where + " (" + label + ") changes no value; give at least one of " + new java.util.TreeSet<>(VALUE_NAMES));
      }
      overrides.add(new VisitRuleSet.Override(segment, product, values));
    }
    return new VisitRuleSet(0, defaults, overrides, null, null);
  }

  private static String name(String where, Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s) || s.isBlank() || s.length() > MAX_NAME_CHARS) {
      throw ApiException.badRequest(where + " must be text of 1 to " + MAX_NAME_CHARS + " characters");
    }
    return s;
  }

  private static VisitRuleValues values(String where, JsonObject o, Set<String> alsoAllowed) {
    for (String name : o.fieldNames()) {
      if (!VALUE_NAMES.contains(name) && !alsoAllowed.contains(name)) {
        throw ApiException.badRequest(where + ": unknown rule '" + name + "'; the rules are " + new java.util.TreeSet<>(VALUE_NAMES));
      }
    }
    return new VisitRuleValues(
        number(where, o, "radiusMeters", 5, 5_000, "metres (a circle wider than 5 km proves nothing)"),
        number(where, o, "accuracyCreditMeters", 0, 500, "metres"),
        number(where, o, "worstAccuracyMeters", 5, 5_000, "metres"),
        integer(where, o, "dwellSeconds", 0, 3_600, "seconds (at most an hour at the door)"),
        integer(where, o, "windowMinutes", 1, 240, "minutes"),
        integer(where, o, "mockIdenticalFixes", 2, 1_000, "fixes"),
        number(where, o, "maxSpeedKmh", 10, 1_000, "km/h"));
  }

  private static Double number(String where, JsonObject o, String name, double min, double max, String unit) {
    Object v = o.getValue(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue()) || n.doubleValue() < min || n.doubleValue() > max) {
      throw ApiException.badRequest(where + "." + name + " must be a number from " + fmt(min) + " to " + fmt(max) + " " + unit + ", got " + v);
    }
    return n.doubleValue();
  }

  private static Integer integer(String where, JsonObject o, String name, int min, int max, String unit) {
    Object v = o.getValue(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < min || ((Number) v).longValue() > max) {
      throw ApiException.badRequest(where + "." + name + " must be a whole number from " + min + " to " + max + " " + unit + ", got " + v);
    }
    return ((Number) v).intValue();
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
