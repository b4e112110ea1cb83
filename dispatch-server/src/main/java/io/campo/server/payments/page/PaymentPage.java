package io.campo.server.payments.page;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/**
 * The debtor's public payment page as HTML: Spanish, phone-first, no script. It shows only the first name and the open
 * balance per debt (a link forwarded to a neighbour must not tell them more), with "pay now" per currency, the cash
 * reference, and when the link stops working in the agency's zone. Stateless.
 */
public final class PaymentPage {

  /** One open debt as the page shows it. */
  public record OpenDebt(String product, String currency, BigDecimal balance) {}

  private static final Locale ES_MX = Locale.forLanguageTag("es-MX");
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d 'de' MMMM 'de' uuuu, HH:mm", ES_MX);

  private PaymentPage() {}

  public static String render(String firstName, List<OpenDebt> debts, String cashReference, String checkoutPath,
      boolean checkoutAvailable, Instant expiresAt, ZoneId zone) {
    StringBuilder b = new StringBuilder(head("Tu saldo")).append("<h1>Hola, ").append(escape(firstName)).append("</h1>");
    if (debts.isEmpty()) {
      b.append("<p class=ok>No tienes saldo pendiente. ¡Gracias!</p>");
    } else {
      b.append("<p>Este es tu saldo pendiente:</p><ul class=debts>");
      for (OpenDebt d : debts) {
        b.append("<li><span>").append(escape(d.product())).append("</span><strong class=balance>")
            .append(escape(money(d.balance(), d.currency()))).append("</strong></li>");
      }
      b.append("</ul>");
      if (checkoutAvailable) {
        debts.stream().map(OpenDebt::currency).distinct().sorted().forEach(currency -> {
          BigDecimal total = debts.stream().filter(d -> d.currency().equals(currency)).map(OpenDebt::balance)
              .reduce(BigDecimal.ZERO, BigDecimal::add);
          b.append("<a class=pay id=pay-").append(currency).append(" href=\"").append(escape(checkoutPath)).append("?moneda=")
              .append(currency).append("\">Pagar ahora ").append(escape(money(total, currency))).append("</a>");
        });
      }
      b.append("<section><h2>Pago en efectivo</h2><p>En banco o tienda de conveniencia, da esta referencia:</p>")
          .append("<p class=reference id=cash-reference>").append(cashReference).append("</p></section>");
    }
    b.append("<p class=small>Esta liga vence el ").append(escape(WHEN.format(expiresAt.atZone(zone)))).append(".</p>");
    return b.append("</main></body></html>").toString();
  }

  /** The friendly page of an expired (410) or unknown/tampered (404) link. */
  public static String problem(String title, String text) {
    return head(title) + "<h1>" + escape(title) + "</h1><p>" + escape(text) + "</p></main></body></html>";
  }

  static String money(BigDecimal amount, String currency) {
    NumberFormat f = NumberFormat.getCurrencyInstance(ES_MX);
    try {
      f.setCurrency(Currency.getInstance(currency));
    } catch (IllegalArgumentException e) {
      return amount.toPlainString() + " " + currency;
    }
    return f.format(amount) + (currency.equals("MXN") ? "" : " " + currency);
  }

  private static String head(String title) {
    return "<!doctype html><html lang=es><head><meta charset=utf-8>"
        + "<meta name=viewport content=\"width=device-width, initial-scale=1\"><title>" + escape(title) + "</title><style>"
        + "body{font-family:system-ui,sans-serif;margin:0;background:#f4f6f8;color:#1b1f23}"
        + "main{max-width:28rem;margin:0 auto;padding:1.25rem}h1{font-size:1.5rem}"
        + ".debts{list-style:none;padding:0}.debts li{display:flex;justify-content:space-between;background:#fff;"
        + "padding:.9rem;border-radius:.5rem;margin:.4rem 0}"
        + ".pay{display:block;text-align:center;background:#0a7d3b;color:#fff;padding:1rem;border-radius:.5rem;"
        + "font-size:1.15rem;text-decoration:none;margin:1rem 0}"
        + ".reference{font-family:monospace;font-size:1.3rem;letter-spacing:.08em;background:#fff;padding:.8rem;"
        + "border-radius:.5rem;text-align:center}.small{font-size:.85rem;color:#555}"
        + "</style></head><body><main>";
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
