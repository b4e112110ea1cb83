package io.campo.server.outreach.strategy;

import java.util.Locale;
import java.util.Optional;

/** How a standing strategy picks its debtors each day. */
public enum StrategyRule {
  /** A debt with a balance due {@code offsetDays} before today: -3 is "due in three days", 1 "due yesterday". */
  DAYS_FROM_DUE,
  /** An open promise to pay dated tomorrow. */
  PROMISE_DUE_TOMORROW,
  /** A promise to pay dated {@code offsetDays} before today (at least 1) that no payment kept. */
  PROMISE_BROKEN,
  /**
   * An installment of a confirmed payment agreement dated tomorrow that the ledger has not covered yet (V31's
   * {@code agreement_installment_states} as of today). A rule of its own rather than part of
   * {@link #PROMISE_DUE_TOMORROW}: its reminder names an installment, and a promise template's {@code {monto_promesa}}
   * would have no value for it.
   */
  INSTALLMENT_DUE_TOMORROW;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<StrategyRule> parse(String s) {
    for (StrategyRule r : values()) {
      if (r.id().equals(s)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
