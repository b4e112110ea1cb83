package io.campo.server.planning.cadence;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;

/**
 * The cadence verdict on each debtor for one planned day, in this order:
 * <ol>
 *   <li>suppressed (a pending promise until its date plus the grace, or any other {@link VisitSuppression} reason):
 *       left out, must-visit or not;</li>
 *   <li>a broken promise not followed up: a must-visit, whatever the cool-down;</li>
 *   <li>visited fewer than the cool-down's days before the planned day (or on it): left out;</li>
 *   <li>else: planned normally.</li>
 * </ol>
 * Debtors are the {@code debtor} table's row ids. Plain Java; immutable and thread-safe.
 */
public final class CadenceRules {

  public enum Verdict { SUPPRESSED, MUST_VISIT, COOLING_DOWN, NORMAL }

  private final LocalDate planDate;
  private final int cooldownDays;
  private final Map<Long, LocalDate> suppressedUntil;
  private final Map<Long, LocalDate> lastVisit;
  private final Set<Long> brokenPromise;

  /**
   * @param suppressedUntil by debtor: the last day it may not be visited
   * @param lastVisit by debtor: the local day of its last visit (not rejected)
   * @param brokenPromise debtors whose latest visit is a promise broken past its grace, or whom a strategy's visit step
   *     made must-visits
   */
  public CadenceRules(LocalDate planDate, int cooldownDays, Map<Long, LocalDate> suppressedUntil, Map<Long, LocalDate> lastVisit,
      Set<Long> brokenPromise) {
    this.planDate = planDate;
    this.cooldownDays = cooldownDays;
    this.suppressedUntil = Map.copyOf(suppressedUntil);
    this.lastVisit = Map.copyOf(lastVisit);
    this.brokenPromise = Set.copyOf(brokenPromise);
  }

  public Verdict of(long debtorId) {
    LocalDate until = suppressedUntil.get(debtorId);
    if (until != null && !planDate.isAfter(until)) {
      return Verdict.SUPPRESSED;
    }
    if (brokenPromise.contains(debtorId)) {
      return Verdict.MUST_VISIT;
    }
    LocalDate last = lastVisit.get(debtorId);
    if (last != null && !last.isAfter(planDate) && ChronoUnit.DAYS.between(last, planDate) < cooldownDays) {
      return Verdict.COOLING_DOWN;
    }
    return Verdict.NORMAL;
  }
}
