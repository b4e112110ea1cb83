package io.campo.server.payments;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Splits one payment over the debtor's debts: all to the named contract up to its balance, else to the open debts of
 * the payment's currency oldest due date first (then by contract, so the split is the same every time); what is left
 * is the debtor's credit. A payment in a currency none of the debtor's debts is in is refused (converting money is
 * not Campo's to do), unless the debtor has no debt at all. No I/O; stateless and thread-safe.
 */
public final class Allocation {

  /** A debt as allocation needs it. */
  public record Debt(long id, String contract, String currency, BigDecimal balance, LocalDate dueDate) {}

  /** One part of a payment: to {@code debt}, or credit when {@code debt} is null. */
  public record Part(Debt debt, BigDecimal amount) {
    public boolean credit() {
      return debt == null;
    }
  }

  /** The parts, or why the payment cannot be allocated (for a 422). */
  public record Result(List<Part> parts, String refusal) {}

  private Allocation() {}

  public static Result of(BigDecimal amount, String currency, String contract, List<Debt> debts) {
    List<Debt> targets;
    if (contract != null) {
      Optional<Debt> named = debts.stream().filter(d -> d.contract().equals(contract)).findFirst();
      if (named.isEmpty()) {
        return refused("the debtor has no contract '" + contract + "'"
            + (debts.isEmpty() ? "" : " (its contracts: " + String.join(", ", debts.stream().map(Debt::contract).toList()) + ")"));
      }
      if (!named.get().currency().equals(currency)) {
        return refused("contract '" + contract + "' is in " + named.get().currency() + ", the payment in " + currency
            + "; send it in the debt's currency");
      }
      targets = List.of(named.get());
    } else {
      targets = debts.stream().filter(d -> d.currency().equals(currency))
          .sorted(Comparator.comparing(Debt::dueDate).thenComparing(Debt::contract)).toList();
      if (targets.isEmpty() && !debts.isEmpty()) {
        return refused("the debtor's debts are in " + String.join(", ", debts.stream().map(Debt::currency).distinct().sorted().toList())
            + ", the payment in " + currency + "; send it in the debt's currency");
      }
    }
    List<Part> parts = new ArrayList<>();
    BigDecimal left = amount;
    for (Debt d : targets) {
      if (left.signum() == 0) {
        break;
      }
      BigDecimal take = left.min(d.balance());
      if (take.signum() > 0) {
        parts.add(new Part(d, take));
        left = left.subtract(take);
      }
    }
    if (left.signum() > 0) {
      parts.add(new Part(null, left));
    }
    return new Result(List.copyOf(parts), null);
  }

  private static Result refused(String reason) {
    return new Result(List.of(), reason);
  }
}
