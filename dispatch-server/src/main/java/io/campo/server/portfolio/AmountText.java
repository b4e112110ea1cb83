package io.campo.server.portfolio;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The one rule for money typed by people or sent by phones, used by the portfolio import and by visits: amounts as
 * spreadsheets write them, {@code 1234.5}, {@code 1,234.50}, {@code 1.234,50}, {@code 1234,50}, {@code $ 1,234}.
 * With one kind of separator, a comma followed by one or two digits is the decimal comma of Spanish locales,
 * otherwise thousands grouping; a lone point is always decimal.
 *
 * <p>The text is checked before any {@link BigDecimal} is built: no exponent, at most {@value #MAX_INTEGER_DIGITS}
 * digits before the point and {@value #MAX_DECIMALS} significant decimals, at most {@value #MAX_TEXT_LENGTH}
 * characters. {@code 1E+999999999} is a valid {@code BigDecimal} whose plain form has a billion digits: written out
 * it once held the HTTP server for 29 s. Stateless and thread-safe.
 */
public final class AmountText {

  /** {@code numeric(14,2)}: twelve digits before the point. */
  static final BigDecimal MAX = new BigDecimal("999999999999.99");
  public static final int MAX_TEXT_LENGTH = 32;
  public static final int MAX_INTEGER_DIGITS = 15;
  public static final int MAX_DECIMALS = 2;

  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");

  /**
   * What was read: an amount, or why the text is not one (a phrase to follow the text in a message, such as
   * {@code "has more than 2 decimals"}). Sign is kept; whether it may be negative or zero is the caller's to check.
   */
  public record Reading(BigDecimal amount, String problem) {

    static Reading of(BigDecimal amount) {
      return new Reading(amount, null);
    }

    static Reading rejected(String problem) {
      return new Reading(null, problem);
    }

    public boolean ok() {
      return amount != null;
    }
  }

  private AmountText() {}

  /** The amount, or null when the text is not an amount by {@link #read}'s rule. */
  static BigDecimal parse(String text) {
    return read(text).amount();
  }

  /** The text as an error message may quote it: a rejected amount may be megabytes long. */
  public static String shown(String text) {
    return text.length() <= MAX_TEXT_LENGTH ? text : text.substring(0, MAX_TEXT_LENGTH) + "…";
  }

  public static Reading read(String text) {
    if (text == null || text.length() > MAX_TEXT_LENGTH) {
      return Reading.rejected("is not an amount (at most " + MAX_TEXT_LENGTH + " characters)");
    }
    String s = text.strip().replace("$", "").replace(" ", "").replace("\u00a0", "");
    if (s.isEmpty()) {
      return Reading.rejected("is not an amount");
    }
    if (s.indexOf('e') >= 0 || s.indexOf('E') >= 0) {
      return Reading.rejected("is not an amount (no exponent: write the digits out, like 1500.00)");
    }
    int lastComma = s.lastIndexOf(',');
    int lastPoint = s.lastIndexOf('.');
    if (lastComma >= 0 && lastPoint >= 0) {
      char decimal = lastComma > lastPoint ? ',' : '.';
      char grouping = decimal == ',' ? '.' : ',';
      s = s.replace(String.valueOf(grouping), "").replace(decimal, '.');
    } else if (lastComma >= 0) {
      int digitsAfter = s.length() - lastComma - 1;
      boolean decimalComma = s.indexOf(',') == lastComma && digitsAfter >= 1 && digitsAfter <= 2;
      s = decimalComma ? s.replace(',', '.') : s.replace(",", "");
    }
    if (!NUMBER.matcher(s).matches()) {
      return Reading.rejected("is not an amount");
    }
    String digits = s.charAt(0) == '+' || s.charAt(0) == '-' ? s.substring(1) : s;
    int point = digits.indexOf('.');
    String integer = (point < 0 ? digits : digits.substring(0, point)).replaceFirst("^0+(?=\\d)", "");
    String decimals = point < 0 ? "" : digits.substring(point + 1).replaceFirst("0+$", "");
    if (integer.length() > MAX_INTEGER_DIGITS) {
      return Reading.rejected("has more than " + MAX_INTEGER_DIGITS + " digits before the point");
    }
    if (decimals.length() > MAX_DECIMALS) {
      return Reading.rejected("has more than " + MAX_DECIMALS + " decimals");
    }
    BigDecimal amount = new BigDecimal(s);
    // "1.500" is 1.50: at most two significant decimals were checked above, so nothing is rounded.
    return Reading.of(amount.scale() > MAX_DECIMALS ? amount.setScale(MAX_DECIMALS, java.math.RoundingMode.UNNECESSARY) : amount);
  }
}
