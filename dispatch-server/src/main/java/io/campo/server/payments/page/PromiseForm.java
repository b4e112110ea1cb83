package io.campo.server.payments.page;

import io.campo.server.portfolio.AmountText;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the payment page's "prometer pago" form: a date from tomorrow up to {@value #MAX_DAYS_AHEAD} days ahead (in
 * the agency's zone) and an amount by the one amount rule ({@link AmountText}: no exponent, two decimals) above zero
 * and at most the open balance in its currency. Every problem at once, each a Spanish sentence the debtor can act on.
 * Stateless and thread-safe.
 */
public final class PromiseForm {

  /**
   * How far ahead a debtor may promise. A month is the collection cycle: a promise further out would keep visits away
   * (VisitSuppression) for longer than a creditor would wait without a word from an agent.
   */
  public static final int MAX_DAYS_AHEAD = 30;

  /** A well-formed promise, not yet recorded. */
  public record Promise(LocalDate dueDate, BigDecimal amount, String currency) {}

  /** Either a promise or the reasons it is none. */
  public record Reading(Promise promise, List<String> problems) {
    public boolean ok() {
      return promise != null;
    }
  }

  private PromiseForm() {}

  /**
   * @param openBalances the debtor's open balance per currency (debts with balance above zero)
   * @param currency the form's {@code moneda}; may be null when the debtor owes in one currency only
   */
  public static Reading read(String date, String amount, String currency, LocalDate today, Map<String, BigDecimal> openBalances) {
    List<String> problems = new ArrayList<>();
    LocalDate due = null;
    if (date == null || date.isBlank()) {
      problems.add("Elige la fecha en que vas a pagar.");
    } else {
      try {
        due = date.length() == 10 ? LocalDate.parse(date) : null;
      } catch (DateTimeParseException e) {
        due = null;
      }
      if (due == null) {
        problems.add("La fecha no es válida: usa el formato año-mes-día, como " + today.plusDays(1) + ".");
      } else if (!due.isAfter(today)) {
        problems.add("La fecha debe ser a partir de mañana.");
        due = null;
      } else if (due.isAfter(today.plusDays(MAX_DAYS_AHEAD))) {
        problems.add("La fecha puede ser a lo más dentro de " + MAX_DAYS_AHEAD + " días (hasta el " + today.plusDays(MAX_DAYS_AHEAD) + ").");
        due = null;
      }
    }
    String chosen = currency == null || currency.isBlank()
        ? (openBalances.size() == 1 ? openBalances.keySet().iterator().next() : null) : currency.strip();
    BigDecimal balance = chosen == null ? null : openBalances.get(chosen);
    if (openBalances.isEmpty()) {
      problems.add("No tienes saldo pendiente: no hace falta prometer un pago.");
    } else if (balance == null) {
      problems.add("Elige la moneda de tu pago.");
    }
    BigDecimal value = null;
    if (amount == null || amount.isBlank()) {
      problems.add("Escribe el monto que vas a pagar.");
    } else {
      AmountText.Reading r = AmountText.read(amount);
      if (!r.ok()) {
        problems.add("El monto no es válido: escribe solo la cantidad, como 1500.00.");
      } else if (r.amount().signum() <= 0) {
        problems.add("El monto debe ser mayor que cero.");
      } else if (balance != null && r.amount().compareTo(balance) > 0) {
        problems.add("El monto no puede ser mayor que tu saldo pendiente de " + PaymentPage.money(balance, chosen) + ".");
      } else {
        value = r.amount().setScale(2);
      }
    }
    if (!problems.isEmpty() || due == null || value == null || balance == null) {
      return new Reading(null, List.copyOf(problems));
    }
    return new Reading(new Promise(due, value, chosen), List.of());
  }
}
