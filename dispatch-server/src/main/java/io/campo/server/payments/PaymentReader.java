package io.campo.server.payments;

import io.campo.server.portfolio.AmountText;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/**
 * Reads one payment from its fields as text (a JSON object's values or a CSV row's cells, by the names of issue #15:
 * debtor, contract, amount, currency, paidAt, reference, source), reporting every problem at once, each naming its
 * field. Amounts follow the one amount rule ({@link AmountText}). Stateless apart from the clock; thread-safe.
 */
public final class PaymentReader {

  /** {@code numeric(14,2)}, the debts' own column: a larger payment cannot be a payment of any debt here. */
  static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");
  static final int MAX_TEXT_CHARS = 200;
  /** A phone or server a few minutes ahead is not a payment from the future; more is a typo in the date. */
  static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  /** Either an entry or every reason it is not one. */
  public record Result(PaymentEntry entry, List<String> problems) {
    public boolean ok() {
      return entry != null;
    }
  }

  private final Clock clock;

  public PaymentReader(Clock clock) {
    this.clock = clock;
  }

  /** @param fields the payment's fields by name; a JSON number arrives as its {@code toString()} */
  public Result read(Map<String, String> fields) {
    List<String> problems = new ArrayList<>();
    String debtor = text(fields, "debtor", true, problems);
    String contract = text(fields, "contract", false, problems);
    String reference = text(fields, "reference", true, problems);
    BigDecimal amount = amount(fields.get("amount"), problems);
    String currency = currency(fields.get("currency"), problems);
    Instant paidAt = paidAt(fields.get("paidAt"), problems);
    PaymentSource source = null;
    String sourceText = fields.get("source");
    if (sourceText == null || sourceText.isBlank()) {
      problems.add("'source' is required: one of " + PaymentSource.names());
    } else {
      source = PaymentSource.of(sourceText.strip()).orElse(null);
      if (source == null) {
        problems.add("'source' must be one of " + PaymentSource.names() + ", got '" + AmountText.shown(sourceText) + "'");
      } else if (source == PaymentSource.FIELD) {
        // Field payments mirror PAID visits one to one; one posted on its own would be money no visit accounts for.
        problems.add("'source' field is written by a PAID visit (POST /api/visits), not posted; use transfer, cash_reference,"
            + " card, import or provider");
        source = null;
      }
    }
    if (!problems.isEmpty()) {
      return new Result(null, List.copyOf(problems));
    }
    return new Result(new PaymentEntry(debtor, contract, amount, currency, paidAt, reference, source), List.of());
  }

  private static String text(Map<String, String> fields, String name, boolean required, List<String> problems) {
    String v = fields.get(name);
    if (v == null || v.isBlank()) {
      if (required) {
        problems.add("'" + name + "' is required");
      }
      return null;
    }
    if (v.length() > MAX_TEXT_CHARS) {
      problems.add("'" + name + "' is longer than " + MAX_TEXT_CHARS + " characters");
      return null;
    }
    return v.strip();
  }

  private static BigDecimal amount(String text, List<String> problems) {
    if (text == null || text.isBlank()) {
      problems.add("'amount' is required, a decimal string like \"1500.00\"");
      return null;
    }
    AmountText.Reading r = AmountText.read(text);
    if (!r.ok()) {
      problems.add("'amount' '" + AmountText.shown(text) + "' " + r.problem());
      return null;
    }
    if (r.amount().signum() <= 0) {
      problems.add("'amount' must be positive, got " + r.amount().toPlainString()
          + " (a refund or correction is a payment of its own kind, not a negative one)");
      return null;
    }
    if (r.amount().compareTo(MAX_AMOUNT) > 0) {
      problems.add("'amount' " + r.amount().toPlainString() + " is larger than any debt can be (at most " + MAX_AMOUNT.toPlainString() + ")");
      return null;
    }
    return r.amount().setScale(2);
  }

  private static String currency(String text, List<String> problems) {
    if (text != null && text.strip().matches("[A-Z]{3}")) {
      try {
        return Currency.getInstance(text.strip()).getCurrencyCode();
      } catch (IllegalArgumentException e) {
        // reported below
      }
    }
    problems.add("'currency' must be an ISO 4217 code such as MXN, COP or PEN, got '" + (text == null ? "" : AmountText.shown(text)) + "'");
    return null;
  }

  private Instant paidAt(String text, List<String> problems) {
    if (text == null || text.isBlank()) {
      problems.add("'paidAt' is required, an ISO-8601 time with offset like 2026-11-24T15:02:00-06:00");
      return null;
    }
    try {
      Instant at = OffsetDateTime.parse(text.strip()).toInstant();
      if (at.isAfter(clock.instant().plus(MAX_CLOCK_SKEW))) {
        problems.add("'paidAt' " + at + " is in the future");
        return null;
      }
      return at;
    } catch (DateTimeParseException e) {
      problems.add("'paidAt' must be an ISO-8601 time with offset like 2026-11-24T15:02:00-06:00, got '"
          + AmountText.shown(text) + "'");
      return null;
    }
  }
}
