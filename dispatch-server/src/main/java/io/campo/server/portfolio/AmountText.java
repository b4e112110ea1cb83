package io.campo.server.portfolio;

import java.math.BigDecimal;

/**
 * Reads money as spreadsheets write it: {@code 1234.5}, {@code 1,234.50}, {@code 1.234,50},
 * {@code 1234,50}, {@code $ 1,234}. With one kind of separator, a comma followed by one or two
 * digits is the decimal comma of Spanish locales, otherwise thousands grouping; a lone point is
 * always decimal. Stateless and thread-safe.
 */
final class AmountText {

  /** {@code numeric(14,2)}: twelve digits before the point. */
  static final BigDecimal MAX = new BigDecimal("999999999999.99");

  private AmountText() {}

  /** The amount, or null when the text is not a number. Sign is kept; range is the caller's to check. */
  static BigDecimal parse(String text) {
    String s = text.strip().replace("$", "").replace(" ", "").replace("\u00a0", "");
    if (s.isEmpty()) {
      return null;
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
    if (!s.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)")) {
      return null;
    }
    return new BigDecimal(s);
  }
}
