package io.campo.server.outreach.template;

import io.campo.server.payments.PaymentLinkIssuer;
import io.campo.server.portfolio.PromiseRecords;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The values of the template variables for many debtors at once: one query per variable family, only for the variables
 * the templates in hand use (a campaign of {nombre} alone reads no visits). A debtor lacks a value when there is none
 * (no visit yet for {agente}, no open promise for {monto_promesa}); the message is then skipped with that reason
 * rather than sent with a hole. Blocking (JDBC); thread-safe.
 */
public final class TemplateValues {

  private static final Locale MEXICO = Locale.forLanguageTag("es-MX");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  private final Optional<PaymentLinkIssuer> paymentLinks;

  public TemplateValues(Optional<PaymentLinkIssuer> paymentLinks) {
    this.paymentLinks = paymentLinks;
  }

  /** Whether {liga_pago} can be rendered at all; templates using it are refused at creation otherwise. */
  public boolean paymentLinksAvailable() {
    return paymentLinks.isPresent();
  }

  /** By debtor row id; a debtor that does not exist is absent. */
  public Map<Long, Map<TemplateVariable, String>> load(Connection c, Collection<Long> debtorIds, Set<TemplateVariable> needed,
      LocalDate today) throws Exception {
    Map<Long, Map<TemplateVariable, String>> values = new HashMap<>();
    Object ids = c.createArrayOf("bigint", debtorIds.toArray());
    try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM debtor WHERE id = ANY (?)")) {
      ps.setObject(1, ids);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Map<TemplateVariable, String> v = new EnumMap<>(TemplateVariable.class);
          v.put(TemplateVariable.NOMBRE, firstName(rs.getString(2)));
          values.put(rs.getLong(1), v);
        }
      }
    }
    if (needed.contains(TemplateVariable.SALDO) || needed.contains(TemplateVariable.VENCIMIENTO)) {
      balances(c, ids, values);
    }
    if (needed.contains(TemplateVariable.AGENTE)) {
      forEachRow(c, ids, "SELECT DISTINCT ON (v.debtor_id) v.debtor_id, a.name FROM visit v JOIN agent a ON a.id = v.agent_id"
          + " WHERE v.debtor_id = ANY (?) ORDER BY v.debtor_id, v.check_in_at DESC, v.id DESC", null,
          (rs, v) -> v.put(TemplateVariable.AGENTE, rs.getString(2)), values);
    }
    if (needed.contains(TemplateVariable.MONTO_PROMESA)) {
      forEachRow(c, ids, "SELECT DISTINCT ON (p.debtor_id) p.debtor_id, p.amount, p.currency"
          + " FROM " + PromiseRecords.MADE + " p WHERE p.debtor_id = ANY (?) AND p.due_date >= ?"
          + " AND NOT " + PromiseRecords.MADE_IS_KEPT + " AND p.amount IS NOT NULL"
          + " ORDER BY p.debtor_id, p.due_date, p.made_at", today,
          (rs, v) -> {
            try {
              v.put(TemplateVariable.MONTO_PROMESA, money(new BigDecimal(rs.getString(2)), rs.getString(3)));
            } catch (NumberFormatException e) {
              // An amount that is no number is no value to send.
            }
          }, values);
    }
    if (needed.contains(TemplateVariable.LIGA_PAGO) && paymentLinks.isPresent()) {
      for (Map.Entry<Long, Map<TemplateVariable, String>> e : values.entrySet()) {
        e.getValue().put(TemplateVariable.LIGA_PAGO, paymentLinks.get().issue(e.getKey()).url());
      }
    }
    return values;
  }

  private static void balances(Connection c, Object ids, Map<Long, Map<TemplateVariable, String>> values) throws SQLException {
    Map<Long, Map<String, BigDecimal>> byCurrency = new HashMap<>();
    Map<Long, LocalDate> earliest = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT debtor_id, currency, sum(balance), min(due_date) FROM debt"
        + " WHERE debtor_id = ANY (?) AND balance > 0 GROUP BY debtor_id, currency")) {
      ps.setObject(1, ids);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long id = rs.getLong(1);
          byCurrency.computeIfAbsent(id, k -> new TreeMap<>()).put(rs.getString(2).strip(), rs.getBigDecimal(3));
          LocalDate due = rs.getObject(4, LocalDate.class);
          earliest.merge(id, due, (a, b) -> a.isBefore(b) ? a : b);
        }
      }
    }
    byCurrency.forEach((id, sums) -> {
      Map<TemplateVariable, String> v = values.get(id);
      if (v != null) {
        StringBuilder s = new StringBuilder();
        sums.forEach((currency, sum) -> s.append(s.length() == 0 ? "" : " + ").append(money(sum, currency)));
        v.put(TemplateVariable.SALDO, s.toString());
      }
    });
    earliest.forEach((id, due) -> {
      Map<TemplateVariable, String> v = values.get(id);
      if (v != null) {
        v.put(TemplateVariable.VENCIMIENTO, DAY.format(due));
      }
    });
  }

  private interface RowReader {
    void read(ResultSet rs, Map<TemplateVariable, String> values) throws SQLException;
  }

  private static void forEachRow(Connection c, Object ids, String sql, LocalDate today, RowReader reader,
      Map<Long, Map<TemplateVariable, String>> values) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, ids);
      if (today != null) {
        ps.setObject(2, today);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Map<TemplateVariable, String> v = values.get(rs.getLong(1));
          if (v != null) {
            reader.read(rs, v);
          }
        }
      }
    }
  }

  /** "$1,234.50" for pesos; other currencies keep their code ("USD 20.00") so nobody mistakes dollars for pesos. */
  static String money(BigDecimal amount, String currency) {
    NumberFormat f = NumberFormat.getCurrencyInstance(MEXICO);
    try {
      f.setCurrency(Currency.getInstance(currency == null ? "MXN" : currency.strip()));
    } catch (IllegalArgumentException e) {
      return amount.toPlainString() + " " + currency;
    }
    String s = f.format(amount);
    return "MXN".equals(f.getCurrency().getCurrencyCode()) ? s : f.getCurrency().getCurrencyCode() + " " + s.replaceAll("[^0-9.,-]", "");
  }

  static String firstName(String name) {
    String n = name == null ? "" : name.strip();
    int space = n.indexOf(' ');
    return space < 0 ? n : n.substring(0, space);
  }
}
