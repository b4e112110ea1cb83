package io.campo.server.payments;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where a payment came from; stored and sent as the lower-case name ({@code cash_reference}). */
public enum PaymentSource {
  /** A PAID visit: the agent took the money and gave a receipt. Written by the server with the visit, never posted. */
  FIELD,
  TRANSFER,
  /** Cash paid at a bank or store against the debtor's payment reference. */
  CASH_REFERENCE,
  CARD,
  IMPORT,
  /** A payment provider's hosted checkout, reported by its webhook. */
  PROVIDER;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<PaymentSource> of(String wire) {
    return Arrays.stream(values()).filter(s -> s.wire().equals(wire)).findFirst();
  }

  static String names() {
    return Arrays.stream(values()).map(PaymentSource::wire).collect(Collectors.joining(", "));
  }
}
