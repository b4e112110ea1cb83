package io.campo.server.payments.page;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mercado Pago Checkout Pro: a preference ({@code POST /checkout/preferences}) whose {@code init_point} is the hosted
 * page; its webhook ({@code ?data.id=&type=payment}) signed in {@code x-signature: ts=…,v1=…}, the HMAC-SHA256 of
 * {@code id:<data.id>;request-id:<x-request-id>;ts:<ts>;} with the webhook secret; the payment itself read back with
 * {@code GET /v1/payments/{id}}, since the webhook carries only its id. Thread-safe.
 */
public final class MercadoPagoCheckout implements CheckoutProvider {

  private final String apiUrl;
  private final String accessToken;
  private final byte[] webhookSecret;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** @param apiUrl {@code https://api.mercadopago.com}, or a local fake's in tests */
  public MercadoPagoCheckout(String apiUrl, String accessToken, String webhookSecret) {
    this.apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
    this.accessToken = accessToken;
    this.webhookSecret = webhookSecret.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String start(CheckoutRequest r) throws Exception {
    JsonObject preference = new JsonObject()
        .put("items", new JsonArray().add(new JsonObject().put("title", r.title()).put("quantity", 1)
            .put("currency_id", r.currency()).put("unit_price", r.amount())))
        .put("external_reference", r.reference())
        .put("notification_url", r.notificationUrl())
        .put("back_urls", new JsonObject().put("success", r.returnUrl()).put("pending", r.returnUrl()).put("failure", r.returnUrl()));
    HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(apiUrl + "/checkout/preferences"))
        .timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + accessToken)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(preference.encode())).build(),
        HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() / 100 != 2) {
      throw new IllegalStateException("Mercado Pago refused the preference: HTTP " + res.statusCode() + " " + shorten(res.body()));
    }
    String initPoint = new JsonObject(res.body()).getString("init_point");
    if (initPoint == null || !initPoint.startsWith("https://") && !initPoint.startsWith("http://")) {
      throw new IllegalStateException("Mercado Pago's preference has no init_point: " + shorten(res.body()));
    }
    return initPoint;
  }

  @Override
  public Optional<ProviderPayment> confirm(Map<String, String> headers, Map<String, String> query, String body) throws Exception {
    String dataId = query.get("data.id");
    String signature = headers.get("x-signature");
    if (dataId == null || signature == null) {
      throw new SecurityException("no x-signature or data.id");
    }
    String ts = null;
    String v1 = null;
    for (String part : signature.split(",")) {
      String[] kv = part.strip().split("=", 2);
      if (kv.length == 2 && kv[0].equals("ts")) {
        ts = kv[1];
      } else if (kv.length == 2 && kv[0].equals("v1")) {
        v1 = kv[1];
      }
    }
    if (ts == null || v1 == null) {
      throw new SecurityException("x-signature lacks ts or v1");
    }
    String manifest = "id:" + dataId.toLowerCase(java.util.Locale.ROOT) + ";request-id:" + headers.getOrDefault("x-request-id", "")
        + ";ts:" + ts + ";";
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(webhookSecret, "HmacSHA256"));
    byte[] expected = mac.doFinal(manifest.getBytes(StandardCharsets.UTF_8));
    byte[] given;
    try {
      given = HexFormat.of().parseHex(v1);
    } catch (IllegalArgumentException e) {
      throw new SecurityException("x-signature's v1 is not hex");
    }
    if (!MessageDigest.isEqual(expected, given)) {
      throw new SecurityException("x-signature does not match");
    }
    if (!"payment".equals(query.getOrDefault("type", query.get("topic")))) {
      return Optional.empty();
    }
    HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(apiUrl + "/v1/payments/"
        + URLEncoder.encode(dataId, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(15))
        .header("Authorization", "Bearer " + accessToken).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() / 100 != 2) {
      throw new IllegalStateException("Mercado Pago answered HTTP " + res.statusCode() + " for payment " + dataId);
    }
    JsonObject p = new JsonObject(res.body());
    if (!"approved".equals(p.getString("status"))) {
      return Optional.empty();
    }
    // A JSON number: its decimal text, never through binary floating point arithmetic.
    BigDecimal amount = new BigDecimal(String.valueOf(p.getValue("transaction_amount")));
    return Optional.of(new ProviderPayment("mp-" + p.getValue("id"), p.getString("external_reference"), amount,
        p.getString("currency_id"), OffsetDateTime.parse(p.getString("date_approved")).toInstant()));
  }

  private static String shorten(String s) {
    return s == null ? "" : s.length() <= 300 ? s : s.substring(0, 300) + "…";
  }
}
