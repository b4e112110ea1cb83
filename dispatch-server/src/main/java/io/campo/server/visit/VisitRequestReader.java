package io.campo.server.visit;

import io.campo.server.api.ApiException;
import io.campo.server.payments.agreement.AgreementTerms;
import io.campo.server.portfolio.AmountText;
import io.campo.tracking.visit.CheckIn;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;

/**
 * Reads the body of {@code POST /api/visits}; every shape problem is reported at once, each
 * naming its field. Amounts are decimals (never binary floating point) in an ISO 4217 currency.
 */
final class VisitRequestReader {

  static final Set<String> OUTCOMES = Set.of("PAID", "PROMISE", "NO_CONTACT", "REFUSED", "WRONG_ADDRESS", "INCIDENT", "AGREEMENT");
  static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
  static final java.math.BigDecimal MAX_AMOUNT = new java.math.BigDecimal("999999999999.99");
  static final String EXAMPLE = "{\"debtor\": \"CR-1001\", \"checkIn\": {\"at\": \"2026-11-24T15:02:00Z\", \"lat\": 19.43,"
      + " \"lon\": -99.13, \"accuracy\": 8}, \"checkOutAt\": \"2026-11-24T15:14:00Z\","
      + " \"outcome\": {\"type\": \"PROMISE\", \"date\": \"2026-12-01\", \"amount\": \"1500.00\", \"currency\": \"MXN\"}}";

  private final Clock clock;
  private final List<String> problems = new ArrayList<>();

  VisitRequestReader(Clock clock) {
    this.clock = clock;
  }

  VisitSubmission read(JsonObject body) {
    String debtor = body.getValue("debtor") instanceof String s && !s.isBlank() ? s : null;
    if (debtor == null) {
      problems.add("'debtor' (the debtor's external id) is required");
    }
    CheckIn checkIn = checkIn(body);
    String type = null;
    JsonObject details = new JsonObject();
    if (body.getValue("outcome") instanceof JsonObject o) {
      type = o.getValue("type") instanceof String t ? t : null;
      if (type == null || !OUTCOMES.contains(type)) {
        problems.add("'outcome.type' must be one of " + String.join(", ", new java.util.TreeSet<>(OUTCOMES)) + ", got '" + o.getValue("type") + "'");
      } else {
        details = outcomeDetails(type, o, checkIn);
      }
    } else {
      problems.add("'outcome' is required: {\"type\": \"PAID\", \"amount\": \"500.00\", \"currency\": \"MXN\", \"receipt\": \"R-1\"}");
    }
    JsonObject answers = null;
    if (body.getValue("answers") instanceof JsonObject a) {
      answers = a;
    } else if (body.getValue("answers") != null) {
      problems.add("'answers' must be an object of question id to answer");
    }
    Long planId = null;
    if (body.getValue("planId") instanceof Number n) {
      planId = n.longValue();
    } else if (body.getValue("planId") != null) {
      problems.add("'planId' must be a number");
    }
    if (!problems.isEmpty()) {
      throw ApiException.badRequest(String.join("; ", problems));
    }
    return new VisitSubmission(debtor, checkIn, type, details, answers, planId);
  }

  private CheckIn checkIn(JsonObject body) {
    if (!(body.getValue("checkIn") instanceof JsonObject c)) {
      problems.add("'checkIn' is required: {\"at\": ISO-8601, \"lat\": number, \"lon\": number, \"accuracy\": metres}");
      return null;
    }
    Instant at = instant(c.getValue("at"), "checkIn.at");
    Double lat = number(c, "lat", "checkIn.lat", -90, 90);
    Double lon = number(c, "lon", "checkIn.lon", -180, 180);
    Double accuracy = number(c, "accuracy", "checkIn.accuracy", 0, 100_000);
    Instant checkOut = body.getValue("checkOutAt") == null ? null : instant(body.getValue("checkOutAt"), "checkOutAt");
    if (at != null && at.isAfter(clock.instant().plus(MAX_CLOCK_SKEW))) {
      problems.add("'checkIn.at' " + at + " is in the future; check the phone's clock");
    }
    if (at != null && checkOut != null && checkOut.isBefore(at)) {
      problems.add("'checkOutAt' " + checkOut + " is before the check-in " + at);
    }
    if (at == null || lat == null || lon == null || accuracy == null) {
      return null;
    }
    return new CheckIn(at.toEpochMilli(), lat, lon, accuracy, checkOut == null ? null : checkOut.toEpochMilli());
  }

  private JsonObject outcomeDetails(String type, JsonObject o, CheckIn checkIn) {
    JsonObject d = new JsonObject();
    switch (type) {
      case "PAID" -> {
        amount(o, d, true);
        d.put("receipt", o.getValue("receipt") instanceof String r && !r.isBlank() ? r : null);
        if (d.getValue("receipt") == null) {
          problems.add("'outcome.receipt' (the receipt number) is required for PAID");
        }
      }
      case "PROMISE" -> {
        amount(o, d, true);
        if (o.getValue("date") instanceof String s) {
          try {
            LocalDate date = LocalDate.parse(s);
            d.put("date", date.toString());
            if (checkIn != null && date.isBefore(LocalDate.ofInstant(Instant.ofEpochMilli(checkIn.timeMillis()), java.time.ZoneOffset.UTC).minusDays(1))) {
              problems.add("'outcome.date' " + date + " is before the visit; a promise is about the future");
            }
          } catch (DateTimeParseException e) {
            problems.add("'outcome.date' must be a day like 2026-12-01, got '" + s + "'");
          }
        } else {
          problems.add("'outcome.date' (the promised payment day) is required for PROMISE");
        }
      }
      case "AGREEMENT" -> {
        // Proposed by the agent, confirmed by a dispatcher; a day of slack for the phone's zone against the server's.
        AgreementTerms terms = AgreementTerms.read(o, "outcome.", LocalDate.now(clock).minusDays(1), problems);
        if (terms != null) {
          d = terms.toJson();
        }
      }
      case "INCIDENT" -> {
        if (o.getValue("incident") instanceof String i && !i.isBlank()) {
          d.put("incident", i);
        } else {
          problems.add("'outcome.incident' (its type, e.g. THREAT, DOG, ROAD_BLOCKED) is required for INCIDENT");
        }
      }
      default -> {
        // NO_CONTACT, REFUSED, WRONG_ADDRESS carry only a note.
      }
    }
    if (o.getValue("note") instanceof String note) {
      d.put("note", note);
    }
    return d;
  }

  private void amount(JsonObject o, JsonObject d, boolean required) {
    Object raw = o.getValue("amount");
    if (raw == null) {
      if (required) {
        problems.add("'outcome.amount' is required");
      }
      return;
    }
    // A JSON number arrives as a double: 1e20 reads "1.0E20" and is refused like any text with an exponent.
    String text = raw instanceof String || raw instanceof Number ? raw.toString() : null;
    AmountText.Reading reading = text == null ? null : AmountText.read(text);
    if (reading == null || !reading.ok()) {
      problems.add("'outcome.amount' must be a decimal like \"1500.00\" (no exponent, at most " + AmountText.MAX_INTEGER_DIGITS
          + " digits before the point and " + AmountText.MAX_DECIMALS + " after), got '" + AmountText.shown(String.valueOf(raw)) + "'"
          + (reading == null ? "" : ": it " + reading.problem()));
    } else if (reading.amount().signum() <= 0) {
      problems.add("'outcome.amount' must be positive with at most 2 decimals, got " + reading.amount().toPlainString());
    } else if (reading.amount().compareTo(MAX_AMOUNT) > 0) {
      // The ledger's numeric(14,2), the debts' own: a PAID visit's amount becomes a payment in the same transaction.
      problems.add("'outcome.amount' " + reading.amount().toPlainString() + " is larger than any debt can be (at most "
          + MAX_AMOUNT.toPlainString() + ")");
    } else {
      d.put("amount", reading.amount().toPlainString());
    }
    String currency = o.getValue("currency") instanceof String c ? c : null;
    try {
      d.put("currency", Currency.getInstance(currency == null ? "" : currency).getCurrencyCode());
    } catch (IllegalArgumentException e) {
      problems.add("'outcome.currency' must be an ISO 4217 code such as MXN, COP or PEN, got '" + currency + "'");
    }
  }

  private Instant instant(Object value, String field) {
    if (value instanceof String s) {
      try {
        return java.time.OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    problems.add("'" + field + "' must be an ISO-8601 time with offset, e.g. 2026-11-24T15:02:00Z, got '" + value + "'");
    return null;
  }

  private Double number(JsonObject o, String name, String field, double min, double max) {
    if (o.getValue(name) instanceof Number n && n.doubleValue() >= min && n.doubleValue() <= max) {
      return n.doubleValue();
    }
    problems.add("'" + field + "' must be a number from " + min + " to " + max + ", got " + o.getValue(name));
    return null;
  }
}
