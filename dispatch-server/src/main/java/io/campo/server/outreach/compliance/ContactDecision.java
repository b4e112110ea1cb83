package io.campo.server.outreach.compliance;

import java.time.Instant;

/** What the compliance gate says about one contact. */
public sealed interface ContactDecision permits ContactDecision.Allow, ContactDecision.Hold, ContactDecision.Skip {

  /** Go ahead, to this number or address (one of the debtor's own). */
  record Allow(String recipient) implements ContactDecision {}

  /** Not now: outside contact hours or on a rest day; due again when the window opens. */
  record Hold(Instant until) implements ContactDecision {}

  /**
   * Never for this contact.
   *
   * @param reason a stable key the campaign's counts group by ({@link SkipReason})
   * @param explanation what a person reads in the client log
   */
  record Skip(String reason, String explanation) implements ContactDecision {}
}
