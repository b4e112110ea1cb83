package io.campo.server.planning.cadence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CadenceRulesTest {

  static final LocalDate DAY = LocalDate.of(2026, 12, 10);

  @Test
  void aDebtorVisitedWithinTheCooldownWaitsAndOneVisitedLongerAgoDoesNot() {
    CadenceRules rules = new CadenceRules(DAY, 3, Map.of(), Map.of(1L, DAY.minusDays(1), 2L, DAY.minusDays(2), 3L, DAY.minusDays(3),
        4L, DAY, 5L, DAY.plusDays(1)), Set.of());
    assertEquals(CadenceRules.Verdict.COOLING_DOWN, rules.of(1));
    assertEquals(CadenceRules.Verdict.COOLING_DOWN, rules.of(2));
    assertEquals(CadenceRules.Verdict.NORMAL, rules.of(3), "three days ago is not within three days");
    assertEquals(CadenceRules.Verdict.COOLING_DOWN, rules.of(4), "visited on the planned day itself");
    assertEquals(CadenceRules.Verdict.NORMAL, rules.of(5), "a visit after the planned day does not count for it");
    assertEquals(CadenceRules.Verdict.NORMAL, rules.of(6), "never visited");
    assertEquals(CadenceRules.Verdict.NORMAL, new CadenceRules(DAY, 0, Map.of(), Map.of(1L, DAY), Set.of()).of(1), "no cool-down");
  }

  @Test
  void aPendingPromiseSuppressesThroughItsLastDayAndNotAfter() {
    CadenceRules rules = new CadenceRules(DAY, 3, Map.of(1L, DAY, 2L, DAY.minusDays(1), 3L, DAY.plusDays(5)), Map.of(), Set.of());
    assertEquals(CadenceRules.Verdict.SUPPRESSED, rules.of(1), "until the planned day included");
    assertEquals(CadenceRules.Verdict.NORMAL, rules.of(2));
    assertEquals(CadenceRules.Verdict.SUPPRESSED, rules.of(3));
  }

  @Test
  void aBrokenPromiseIsAMustVisitEvenWithinTheCooldownButNotWhileSuppressed() {
    CadenceRules rules = new CadenceRules(DAY, 7, Map.of(2L, DAY.plusDays(3)), Map.of(1L, DAY.minusDays(1), 2L, DAY.minusDays(1)),
        Set.of(1L, 2L));
    assertEquals(CadenceRules.Verdict.MUST_VISIT, rules.of(1));
    assertEquals(CadenceRules.Verdict.SUPPRESSED, rules.of(2), "a newer reason to wait (an installment) wins");
  }
}
