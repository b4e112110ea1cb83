package io.campo.server.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllocationTest {

  static final Allocation.Debt LATE = new Allocation.Debt(1, "L-B", "MXN", new BigDecimal("100.00"), LocalDate.parse("2026-01-01"));
  static final Allocation.Debt LATER = new Allocation.Debt(2, "L-A", "MXN", new BigDecimal("50.00"), LocalDate.parse("2026-02-01"));
  static final Allocation.Debt SAME_DAY = new Allocation.Debt(3, "L-A0", "MXN", new BigDecimal("20.00"), LocalDate.parse("2026-01-01"));
  static final Allocation.Debt PAID = new Allocation.Debt(4, "L-0", "MXN", new BigDecimal("0.00"), LocalDate.parse("2025-01-01"));
  static final Allocation.Debt DOLLARS = new Allocation.Debt(5, "L-USD", "USD", new BigDecimal("999.00"), LocalDate.parse("2020-01-01"));

  private static String parts(Allocation.Result r) {
    return String.join(", ", r.parts().stream().map(p -> (p.credit() ? "credit" : p.debt().contract()) + " " + p.amount()).toList());
  }

  @Test
  void oldestDueFirstThenByContractSkippingPaidDebtsAndOtherCurrencies() {
    Allocation.Result r = Allocation.of(new BigDecimal("130.00"), "MXN", null, List.of(LATER, LATE, SAME_DAY, PAID, DOLLARS));
    assertNull(r.refusal());
    assertEquals("L-A0 20.00, L-B 100.00, L-A 10.00", parts(r));
  }

  @Test
  void whatTheDebtsCannotTakeIsCredit() {
    assertEquals("L-B 100.00, L-A 50.00, credit 0.01", parts(Allocation.of(new BigDecimal("150.01"), "MXN", null, List.of(LATE, LATER))));
    assertEquals("credit 5.00", parts(Allocation.of(new BigDecimal("5.00"), "MXN", null, List.of())), "a debtor without debts");
    assertEquals("credit 5.00", parts(Allocation.of(new BigDecimal("5.00"), "MXN", null, List.of(PAID))));
  }

  @Test
  void aNamedContractTakesUpToItsBalanceAndNoOtherDebt() {
    assertEquals("L-A 50.00, credit 25.00", parts(Allocation.of(new BigDecimal("75.00"), "MXN", "L-A", List.of(LATE, LATER))));
    assertEquals("credit 1.00", parts(Allocation.of(new BigDecimal("1.00"), "MXN", "L-0", List.of(PAID))));
  }

  @Test
  void anUnknownContractOrAnotherCurrencyIsRefusedWithTheReason() {
    assertEquals("the debtor has no contract 'L-X' (its contracts: L-B, L-USD)",
        Allocation.of(BigDecimal.ONE, "MXN", "L-X", List.of(LATE, DOLLARS)).refusal());
    assertEquals("contract 'L-USD' is in USD, the payment in MXN; send it in the debt's currency",
        Allocation.of(BigDecimal.ONE, "MXN", "L-USD", List.of(LATE, DOLLARS)).refusal());
    assertEquals("the debtor's debts are in USD, the payment in MXN; send it in the debt's currency",
        Allocation.of(BigDecimal.ONE, "MXN", null, List.of(DOLLARS)).refusal());
  }
}
