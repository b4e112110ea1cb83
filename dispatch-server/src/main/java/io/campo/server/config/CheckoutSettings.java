package io.campo.server.config;

import java.util.Map;

/**
 * The payment provider behind the debtor's payment page (Mercado Pago Checkout Pro): its API base URL ({@code
 * CAMPO_MERCADOPAGO_API_URL}, the real one by default, a local fake's in tests), the access token ({@code
 * CAMPO_MERCADOPAGO_ACCESS_TOKEN}) and the webhook signing secret ({@code CAMPO_MERCADOPAGO_WEBHOOK_SECRET}). Without
 * both of the last two, online payment is off and the page offers the cash reference only.
 */
public record CheckoutSettings(String apiUrl, String accessToken, String webhookSecret) {

  public boolean enabled() {
    return accessToken != null && webhookSecret != null;
  }

  static CheckoutSettings read(Map<String, String> v) {
    String token = blank(v.get("CAMPO_MERCADOPAGO_ACCESS_TOKEN"));
    String secret = blank(v.get("CAMPO_MERCADOPAGO_WEBHOOK_SECRET"));
    if ((token == null) != (secret == null)) {
      throw new ConfigException("set both CAMPO_MERCADOPAGO_ACCESS_TOKEN and CAMPO_MERCADOPAGO_WEBHOOK_SECRET, or neither:"
          + " payments started without a verifiable webhook would never reach the ledger");
    }
    String url = blank(v.get("CAMPO_MERCADOPAGO_API_URL"));
    return new CheckoutSettings(url == null ? "https://api.mercadopago.com" : url, token, secret);
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
