package io.campo.server.payments.agreement;

import io.campo.server.portfolio.AmountText;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What a debtor agreed to pay: installments (a date and an amount each, dates in order), the contracts covered, and
 * optionally the currency (by default the contracts' own). Read from {@code POST /api/debtors/{id}/agreements} and from
 * an AGREEMENT visit outcome alike, every problem at once, each naming its field.
 */
public record AgreementTerms(List<String> contracts, String currency, List<Installment> installments) {

  /** One installment. */
  public record Installment(LocalDate date, BigDecimal amount) {}

  static final int MAX_INSTALLMENTS = 120;
  static final int MAX_CONTRACTS = 50;
  /** numeric(14,2), as for payments and debts. */
  static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");

  public static final String EXAMPLE = "{\"contracts\": [\"L-77\"], \"installments\": [{\"date\": \"2026-12-15\", \"amount\":"
      + " \"500.00\"}, {\"date\": \"2027-01-15\", \"amount\": \"500.00\"}]}";

  public BigDecimal total() {
    return installments.stream().map(Installment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    installments.forEach(i -> list.add(new JsonObject().put("date", i.date().toString()).put("amount", i.amount().toPlainString())));
    return new JsonObject().put("contracts", new JsonArray(contracts)).put("currency", currency).put("installments", list);
  }

  /**
   * @param prefix how fields are named in messages ({@code ""} or {@code "outcome."})
   * @param today the agency's date: a first installment before it is a typo
   * @param problems where every problem is added
   * @return the terms, or null when there was a problem
   */
  public static AgreementTerms read(JsonObject o, String prefix, LocalDate today, List<String> problems) {
    int before = problems.size();
    List<String> contracts = new ArrayList<>();
    if (o.getValue("contracts") instanceof JsonArray a && !a.isEmpty() && a.size() <= MAX_CONTRACTS) {
      for (Object c : a) {
        if (c instanceof String s && !s.isBlank() && s.length() <= 200) {
          contracts.add(s.strip());
        } else {
          problems.add("'" + prefix + "contracts' must hold contract numbers (text), got " + AmountText.shown(String.valueOf(c)));
        }
      }
      if (new LinkedHashSet<>(contracts).size() != contracts.size()) {
        problems.add("'" + prefix + "contracts' names a contract twice");
      }
    } else {
      problems.add("'" + prefix + "contracts' must list 1 to " + MAX_CONTRACTS + " contracts covered, like [\"L-77\"]");
    }
    String currency = null;
    if (o.getValue("currency") != null) {
      String c = o.getValue("currency") instanceof String s ? s : "";
      try {
        currency = c.matches("[A-Z]{3}") ? Currency.getInstance(c).getCurrencyCode() : null;
      } catch (IllegalArgumentException e) {
        currency = null;
      }
      if (currency == null) {
        problems.add("'" + prefix + "currency' must be an ISO 4217 code such as MXN, got '" + AmountText.shown(String.valueOf(o.getValue("currency"))) + "'");
      }
    }
    List<Installment> installments = new ArrayList<>();
    if (o.getValue("installments") instanceof JsonArray a && !a.isEmpty() && a.size() <= MAX_INSTALLMENTS) {
      for (int i = 0; i < a.size(); i++) {
        String field = "'" + prefix + "installments[" + i + "]";
        if (!(a.getValue(i) instanceof JsonObject inst)) {
          problems.add(field + "' must be {\"date\": \"2026-12-15\", \"amount\": \"500.00\"}");
          continue;
        }
        LocalDate date = null;
        try {
          date = LocalDate.parse(String.valueOf(inst.getValue("date")));
        } catch (DateTimeParseException e) {
          problems.add(field + ".date' must be a day like 2026-12-15, got '" + AmountText.shown(String.valueOf(inst.getValue("date"))) + "'");
        }
        BigDecimal amount = amount(inst.getValue("amount"), field + ".amount'", problems);
        if (date != null && !installments.isEmpty() && !date.isAfter(installments.get(installments.size() - 1).date())) {
          problems.add(field + ".date' " + date + " is not after the installment before it");
        }
        if (date != null && i == 0 && date.isBefore(today)) {
          problems.add(field + ".date' " + date + " is before today (" + today + "); an agreement is about the future");
        }
        if (date != null && amount != null) {
          installments.add(new Installment(date, amount));
        }
      }
    } else {
      problems.add("'" + prefix + "installments' must list 1 to " + MAX_INSTALLMENTS + " installments like " + EXAMPLE);
    }
    return problems.size() > before ? null : new AgreementTerms(List.copyOf(contracts), currency, List.copyOf(installments));
  }

  private static BigDecimal amount(Object raw, String field, List<String> problems) {
    String text = raw instanceof String || raw instanceof Number ? raw.toString() : null;
    AmountText.Reading r = text == null ? null : AmountText.read(text);
    if (r == null || !r.ok()) {
      problems.add(field + " must be a decimal like \"500.00\", got '" + AmountText.shown(String.valueOf(raw)) + "'"
          + (r == null ? "" : ": it " + r.problem()));
      return null;
    }
    if (r.amount().signum() <= 0 || r.amount().compareTo(MAX_AMOUNT) > 0) {
      problems.add(field + " must be positive and at most " + MAX_AMOUNT.toPlainString() + ", got " + r.amount().toPlainString());
      return null;
    }
    return r.amount().setScale(2);
  }
}
