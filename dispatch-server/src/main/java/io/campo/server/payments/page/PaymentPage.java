package io.campo.server.payments.page;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/**
 * The debtor's public payment page as HTML: Spanish, phone-first, no script. It shows only the first name and the open
 * balance per debt (a link forwarded to a neighbour must not tell them more), with "pay now" per currency, the cash
 * reference, "prometer pago" (a date and an amount), and when the link stops working in the agency's zone. Stateless.
 */
public final class PaymentPage {

  /** One open debt as the page shows it. */
  public record OpenDebt(String product, String currency, BigDecimal balance) {}

  private static final Locale ES_MX = Locale.forLanguageTag("es-MX");
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d 'de' MMMM 'de' uuuu, HH:mm", ES_MX);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d 'de' MMMM 'de' uuuu", ES_MX);

  private PaymentPage() {}

  /**
   * The "prometer pago" part of the page: the form posting to {@code action}, or the debtor's open page promise instead
   * of it; {@code problems}, {@code date} and {@code amount} refill the form after a refused submission.
   */
  public record PromiseBox(String action, PagePromises.PagePromise open, LocalDate today, List<String> problems, String date,
      String amount) {}

  public static String render(String firstName, List<OpenDebt> debts, String cashReference, String checkoutPath,
      boolean checkoutAvailable, Instant expiresAt, ZoneId zone) {
    return render(firstName, debts, cashReference, checkoutPath, checkoutAvailable, expiresAt, zone, null);
  }

  public static String render(String firstName, List<OpenDebt> debts, String cashReference, String checkoutPath,
      boolean checkoutAvailable, Instant expiresAt, ZoneId zone, PromiseBox promise) {
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
      if (promise != null) {
        promiseSection(b, debts, promise);
      }
    }
    b.append("<p class=small>Esta liga vence el ").append(escape(WHEN.format(expiresAt.atZone(zone)))).append(".</p>");
    return b.append("</main></body></html>").toString();
  }

  private static void promiseSection(StringBuilder b, List<OpenDebt> debts, PromiseBox box) {
    b.append("<section id=promesa><h2>Prometer pago</h2>");
    if (box.open() != null) {
      b.append("<p class=ok id=promise-open>Prometiste pagar ").append(escape(money(box.open().amount(), box.open().currency())))
          .append(" el ").append(escape(DAY.format(box.open().dueDate()))).append(". ¡Gracias!</p></section>");
      return;
    }
    b.append("<p>¿No puedes pagar hoy? Dinos cuándo y cuánto vas a pagar.</p>");
    if (!box.problems().isEmpty()) {
      b.append("<ul class=problems id=promise-problems role=alert>");
      box.problems().forEach(p -> b.append("<li>").append(escape(p)).append("</li>"));
      b.append("</ul>");
    }
    b.append("<form method=post action=\"").append(escape(box.action())).append("\">")
        .append("<label>Fecha de pago<input type=date name=fecha required min=").append(box.today().plusDays(1))
        .append(" max=").append(box.today().plusDays(PromiseForm.MAX_DAYS_AHEAD))
        .append(box.date() == null ? "" : " value=\"" + escape(box.date()) + "\"").append("></label>")
        .append("<label>Monto<input name=monto inputmode=decimal required autocomplete=off placeholder=\"0.00\"")
        .append(box.amount() == null ? "" : " value=\"" + escape(box.amount()) + "\"").append("></label>");
    List<String> currencies = debts.stream().map(OpenDebt::currency).distinct().sorted().toList();
    if (currencies.size() == 1) {
      b.append("<input type=hidden name=moneda value=").append(escape(currencies.get(0))).append(">");
    } else {
      b.append("<label>Moneda<select name=moneda>");
      currencies.forEach(c -> b.append("<option>").append(escape(c)).append("</option>"));
      b.append("</select></label>");
    }
    b.append("<button type=submit id=promise-submit>Prometer pago</button></form></section>");
  }

  /** The answer to a recorded promise (the first time and any repeat of the same form). */
  public static String promised(String firstName, PagePromises.PagePromise p, String pagePath) {
    return head("Promesa registrada") + "<h1>¡Gracias, " + escape(firstName) + "!</h1><p class=ok id=promise-confirmed>"
        + "Registramos tu promesa de pagar <strong>" + escape(money(p.amount(), p.currency())) + "</strong> el <strong>"
        + escape(DAY.format(p.dueDate())) + "</strong>.</p><p>Puedes pagar en línea o en efectivo con tu referencia cuando"
        + " quieras antes de esa fecha.</p><p><a href=\"" + escape(pagePath) + "\">Volver a tu saldo</a></p></main></body></html>";
  }

  /** The answer to a second, different promise while the first is open. */
  public static String alreadyPromised(PagePromises.PagePromise p, String pagePath) {
    return head("Ya tienes una promesa") + "<h1>Ya tienes una promesa de pago</h1><p id=promise-open>Prometiste pagar <strong>"
        + escape(money(p.amount(), p.currency())) + "</strong> el <strong>" + escape(DAY.format(p.dueDate()))
        + "</strong>. Si necesitas cambiarla, comunícate con tu asesor de cobranza.</p><p><a href=\"" + escape(pagePath)
        + "\">Volver a tu saldo</a></p></main></body></html>";
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
        + "form label{display:block;margin:.6rem 0}form input,form select{display:block;width:100%;box-sizing:border-box;"
        + "font-size:1.1rem;padding:.6rem;margin-top:.25rem}form button{width:100%;font-size:1.1rem;padding:.9rem;"
        + "border:0;border-radius:.5rem;background:#1f4e8c;color:#fff;margin-top:.6rem}.problems{color:#a30000}"
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
