package io.campo.server.outreach.strategy;

import java.util.Locale;
import java.util.Optional;

/**
 * What a strategy step does with the debtors its rule selects: send them a message (a campaign of the step's template),
 * or add a field visit to the planner's pool ({@link VisitStep}).
 */
public enum StepKind {
  MESSAGE,
  VISIT;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<StepKind> parse(String s) {
    for (StepKind k : values()) {
      if (k.id().equals(s)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
