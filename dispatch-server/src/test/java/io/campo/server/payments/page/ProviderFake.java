package io.campo.server.payments.page;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.campo.server.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A local Mercado Pago (WireMock) and a server pointed at it, for the payment page's tests. */
public final class ProviderFake implements AutoCloseable {

  public static final String TOKEN = "TEST-ACCESS-TOKEN";
  public static final String SECRET = "test-webhook-secret";

  public final WireMockServer provider = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
  public final TestServer server;

  public ProviderFake() throws Exception {
    provider.start();
    provider.stubFor(post(urlEqualTo("/checkout/preferences")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"id\": \"pref-1\", \"init_point\": \"" + provider.baseUrl() + "/checkout/v1/redirect?pref_id=pref-1\"}")));
    provider.stubFor(get(urlPathEqualTo("/checkout/v1/redirect")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/html; charset=utf-8").withBody("<html><body><h1>Checkout de prueba</h1></body></html>")));
    Map<String, String> env = TestServer.env(TestServer.freshDatabaseUrl());
    env.put("CAMPO_MERCADOPAGO_API_URL", provider.baseUrl());
    env.put("CAMPO_MERCADOPAGO_ACCESS_TOKEN", TOKEN);
    env.put("CAMPO_MERCADOPAGO_WEBHOOK_SECRET", SECRET);
    server = TestServer.start(env);
  }

  /** The provider's approved payment {@code id} of {@code amount} for the debtor with internal id {@code debtorId}. */
  public void approvedPayment(String id, String amount, long debtorId) {
    provider.stubFor(get(urlEqualTo("/v1/payments/" + id)).willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody("{\"id\": " + id + ", \"status\": \"approved\", \"transaction_amount\": " + amount + ", \"currency_id\": \"MXN\","
            + " \"external_reference\": \"campo:" + debtorId + "\", \"date_approved\": \"2026-12-03T10:00:00.000-06:00\"}")));
  }

  /** Mercado Pago's x-signature for a notification about {@code dataId}. */
  public static String signature(String secret, String dataId, String requestId, long ts) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String manifest = "id:" + dataId + ";request-id:" + requestId + ";ts:" + ts + ";";
    return "ts=" + ts + ",v1=" + HexFormat.of().formatHex(mac.doFinal(manifest.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public void close() {
    server.close();
    provider.stop();
  }
}
