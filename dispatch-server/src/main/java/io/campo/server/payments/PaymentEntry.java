package io.campo.server.payments;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One payment as sent, checked for shape: {@code amount} positive with at most 2 decimals and within {@code
 * numeric(14,2)}, {@code currency} an ISO 4217 code, {@code contract} null when the sender named none.
 */
public record PaymentEntry(String debtor, String contract, BigDecimal amount, String currency, Instant paidAt,
    String reference, PaymentSource source) {

  /** Whether {@code other} is the same payment (the amount compared as a number: 100.5 is 100.50). */
  boolean sameAs(PaymentEntry other) {
    return debtor.equals(other.debtor) && java.util.Objects.equals(contract, other.contract)
        && amount.compareTo(other.amount) == 0 && currency.equals(other.currency) && paidAt.equals(other.paidAt)
        && reference.equals(other.reference) && source == other.source;
  }

  /** The fields in which {@code other} differs, for a 409 the sender can act on. */
  String differences(PaymentEntry other) {
    StringBuilder b = new StringBuilder();
    diff(b, "debtor", debtor, other.debtor);
    diff(b, "contract", contract, other.contract);
    if (amount.compareTo(other.amount) != 0) {
      diff(b, "amount", amount.toPlainString(), other.amount.toPlainString());
    }
    diff(b, "currency", currency, other.currency);
    diff(b, "paidAt", paidAt.toString(), other.paidAt.toString());
    return b.toString();
  }

  private static void diff(StringBuilder b, String field, String stored, String sent) {
    if (!java.util.Objects.equals(stored, sent)) {
      b.append(b.isEmpty() ? "" : ", ").append(field).append(" ").append(stored).append(" (sent ").append(sent).append(")");
    }
  }
}
