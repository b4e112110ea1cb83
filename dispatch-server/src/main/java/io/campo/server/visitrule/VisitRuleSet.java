package io.campo.server.visitrule;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One version of the agency's visit rules: the default values and overrides by debtor segment or by product of the
 * debtor's debts. Versions are never changed, only superseded: a visit records the version and the values that judged
 * it, and is judged again (late track) by those, not by whatever the rules say later. Immutable.
 *
 * @param version 0 for the built-in rules of an agency that never set any
 */
public record VisitRuleSet(long version, VisitRuleValues defaults, List<Override> overrides, Instant createdAt, String createdBy) {

  /** Values for debtors of one segment ({@code segment} set) or holding one product ({@code product} set). */
  public record Override(String segment, String product, VisitRuleValues values) {
    String label() {
      return segment != null ? "segment:" + segment : "product:" + product;
    }

    boolean applies(String debtorSegment, Set<String> debtorProducts) {
      return segment != null ? segment.equals(debtorSegment) : debtorProducts.contains(product);
    }
  }

  public static final VisitRuleSet BUILT_IN = new VisitRuleSet(0, VisitRuleValues.BUILT_IN, List.of(), null, null);

  public VisitRuleSet {
    overrides = List.copyOf(overrides);
  }

  /** The values for one debtor: the defaults, then each applying override in list order (a later one wins). */
  public AppliedVisitRules resolve(String debtorSegment, Set<String> debtorProducts) {
    VisitRuleValues values = defaults;
    List<String> applied = new ArrayList<>();
    applied.add("default");
    for (Override o : overrides) {
      if (o.applies(debtorSegment, debtorProducts)) {
        values = values.with(o.values());
        applied.add(o.label());
      }
    }
    return new AppliedVisitRules(version, applied, values);
  }

  JsonObject json() {
    JsonArray list = new JsonArray();
    for (Override o : overrides) {
      JsonObject j = o.values().json();
      list.add(o.segment != null ? new JsonObject().put("segment", o.segment).mergeIn(j) : new JsonObject().put("product", o.product).mergeIn(j));
    }
    return new JsonObject().put("version", version).put("createdAt", createdAt == null ? null : createdAt.toString())
        .put("createdBy", createdBy).put("default", defaults.json()).put("overrides", list);
  }
}
