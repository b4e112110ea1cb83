package io.campo.server.payments.page;

/**
 * A debtor's reference for paying cash at a bank or store: {@code CAMPO} and the debtor's id in 10 digits with a Luhn
 * check digit, so a cashier's typo in one digit (or two swapped) is caught before the money goes nowhere. Stable for
 * the debtor's whole life, so it can be printed on a letter. Stateless.
 */
public final class CashReference {

  private CashReference() {}

  public static String of(long debtorId) {
    String digits = String.format("%010d", debtorId);
    return "CAMPO" + digits + luhn(digits);
  }

  /** The debtor id in a reference, or -1 when it is not one (wrong shape or check digit). */
  public static long debtorOf(String reference) {
    if (reference == null || !reference.matches("CAMPO\\d{11}")) {
      return -1;
    }
    String digits = reference.substring(5, 15);
    return luhn(digits) == reference.charAt(15) - '0' ? Long.parseLong(digits) : -1;
  }

  static int luhn(String digits) {
    int sum = 0;
    boolean twice = true;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return (10 - sum % 10) % 10;
  }
}
