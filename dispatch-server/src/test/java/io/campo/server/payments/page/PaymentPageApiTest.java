package io.campo.server.payments.page;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The payment link and its provider on the real server with a local Mercado Pago (WireMock): the link, the exact
 * preference Campo sends, the webhook with a valid, wrong, missing and replayed signature, expired and tampered links.
 */
class PaymentPageApiTest {

  static ProviderFake fake;
  static TestServer server;
  static String admin;
  static long paulaId;
  static long walterId;

  @BeforeAll
  static void start() throws Exception {
    fake = new ProviderFake();
    server = fake.server;
    admin = server.adminToken();
    server.officeUserInTeam("lucia", "dispatcher", "norte");
    server.officeUserInTeam("sergio", "dispatcher", "sur");
    String csv = String.join("\n", "id,name,lat,lon,team,product,contract,currency,principal,balance,due_date",
        "W-1,Paula Pérez Díaz,19.40,-99.10,norte,Microcrédito,L-W1,MXN,1000,500.00,2026-01-10",
        "W-1,Paula Pérez Díaz,19.40,-99.10,norte,Tarjeta,L-W2,MXN,1000,250.50,2026-02-10",
        "W-2,Walter,19.41,-99.11,norte,Microcrédito,L-W3,MXN,1000,300.00,2026-01-10");
    HttpResponse<String> r = send("POST", "/api/debtors/import", csv, "text/csv", admin, null);
    assertEquals(200, r.statusCode(), r.body());
    paulaId = server.count("SELECT id FROM debtor WHERE external_id = 'W-1'");
    walterId = server.count("SELECT id FROM debtor WHERE external_id = 'W-2'");
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  static String link() {
    HttpResponse<String> r = send("POST", "/api/debtors/W-1/payment-link", null, null, admin, null);
    assertEquals(201, r.statusCode(), r.body());
    return new JsonObject(r.body()).getString("url");
  }

  @Test
  void aDispatcherOfTheTeamGetsASignedExpiringLinkAndAnotherTeamDoesNot() {
    HttpResponse<String> r = send("POST", "/api/debtors/W-1/payment-link", null, null, server.login("lucia", "lucia-password"), null);
    assertEquals(201, r.statusCode(), r.body());
    JsonObject link = new JsonObject(r.body());
    assertTrue(link.getString("url").startsWith(server.baseUrl() + "/pagar/" + paulaId + "."), link.encode());
    Instant expires = Instant.parse(link.getString("expiresAt"));
    assertTrue(expires.isAfter(Instant.now().plusSeconds(6 * 86400)) && expires.isBefore(Instant.now().plusSeconds(8 * 86400)));
    assertEquals(404, send("POST", "/api/debtors/W-1/payment-link", null, null, server.login("sergio", "sergio-password"), null).statusCode());
  }

  @Test
  void thePageShowsTheFirstNameAndOpenBalancesOnlyAndPayNowSendsTheExactPreference() {
    String url = link();
    HttpResponse<String> page = get(url);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("Hola, Paula"), page.body());
    assertFalse(page.body().contains("Pérez"), "only the first name");
    assertTrue(page.body().contains("$500.00") && page.body().contains("$250.50"), page.body());
    assertTrue(page.body().contains(CashReference.of(paulaId)));
    assertFalse(page.body().contains("L-W1"), "no contract numbers");

    HttpResponse<String> go = get(url + "/checkout?moneda=MXN");
    assertEquals(303, go.statusCode(), go.body());
    assertEquals(fake.provider.baseUrl() + "/checkout/v1/redirect?pref_id=pref-1", go.headers().firstValue("Location").orElseThrow());
    fake.provider.verify(postRequestedFor(urlEqualTo("/checkout/preferences"))
        .withHeader("Authorization", equalTo("Bearer " + ProviderFake.TOKEN))
        .withRequestBody(equalToJson("{\"items\": [{\"title\": \"Pago de saldo\", \"quantity\": 1, \"currency_id\": \"MXN\","
            + " \"unit_price\": 750.50}], \"external_reference\": \"campo:" + paulaId + "\","
            + " \"notification_url\": \"" + server.baseUrl() + "/api/webhooks/mercadopago\", \"back_urls\": {\"success\": \"" + url
            + "\", \"pending\": \"" + url + "\", \"failure\": \"" + url + "\"}}")));
    assertEquals(404, get(url + "/checkout?moneda=USD").statusCode(), "nothing owed in dollars");
  }

  @Test
  void anExpiredLinkIs410AndATamperedOne404BothAsFriendlySpanishPages() throws Exception {
    String url = link();
    HttpResponse<String> tampered = get(url.substring(0, url.length() - 2) + (url.endsWith("A") ? "BB" : "AA"));
    assertEquals(404, tampered.statusCode());
    assertTrue(tampered.body().contains("Liga no válida"), tampered.body());
    HttpResponse<String> otherDebtor = get(url.replace("/pagar/" + paulaId + ".", "/pagar/" + (paulaId + 1) + "."));
    assertEquals(404, otherDebtor.statusCode());

    byte[] key;
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", ""); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT value FROM server_secret WHERE name = 'payment_link'")) {
      rs.next();
      key = rs.getBytes(1);
    }
    String expired = server.baseUrl() + "/pagar/" + new PaymentLinkToken(key).issue(paulaId, Instant.now().minusSeconds(1));
    HttpResponse<String> gone = get(expired);
    assertEquals(410, gone.statusCode());
    assertTrue(gone.body().contains("Esta liga ya venció"), gone.body());
    assertEquals(410, get(expired + "/checkout?moneda=MXN").statusCode());
  }

  @Test
  void aSignedWebhookWritesTheProviderPaymentOnceAndAWrongOrMissingSignatureChangesNothing() throws Exception {
    fake.approvedPayment("777", "150.5", walterId);
    String path = "/api/webhooks/mercadopago?data.id=777&type=payment";
    String body = "{\"action\": \"payment.created\", \"type\": \"payment\", \"data\": {\"id\": \"777\"}}";
    long ts = Instant.now().getEpochSecond();

    HttpResponse<String> wrong = send("POST", path, body, "application/json", null,
        new String[] {"x-signature", ProviderFake.signature("not-the-secret", "777", "req-1", ts), "x-request-id", "req-1"});
    assertEquals(401, wrong.statusCode(), wrong.body());
    assertEquals(401, send("POST", path, body, "application/json", null, new String[] {"x-request-id", "req-1"}).statusCode());
    HttpResponse<String> otherId = send("POST", "/api/webhooks/mercadopago?data.id=778&type=payment", body, "application/json", null,
        new String[] {"x-signature", ProviderFake.signature(ProviderFake.SECRET, "777", "req-1", ts), "x-request-id", "req-1"});
    assertEquals(401, otherId.statusCode(), "a signature is for one payment id");
    assertEquals(0, server.count("SELECT count(*) FROM payment WHERE source = 'provider'"));

    String[] signed = {"x-signature", ProviderFake.signature(ProviderFake.SECRET, "777", "req-1", ts), "x-request-id", "req-1"};
    HttpResponse<String> ok = send("POST", path, body, "application/json", null, signed);
    assertEquals(200, ok.statusCode(), ok.body());
    assertEquals(true, new JsonObject(ok.body()).getBoolean("recorded"));
    HttpResponse<String> replay = send("POST", path, body, "application/json", null, signed);
    assertEquals(200, replay.statusCode(), replay.body());
    assertEquals(false, new JsonObject(replay.body()).getBoolean("recorded"), "a retried webhook changes nothing");
    assertEquals(1, server.count("SELECT count(*) FROM payment WHERE source = 'provider' AND reference = 'mp-777' AND amount = 150.50"));
    assertEquals(14_950, server.count("SELECT (balance * 100)::bigint FROM debt WHERE external_id = 'L-W3'"), "300.00 - 150.50");
  }

  static HttpResponse<String> get(String url) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> send(String method, String path, String body, String type, String token, String[] headers) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
      if (token != null) {
        b.header("Authorization", "Bearer " + token);
      }
      if (type != null) {
        b.header("Content-Type", type);
      }
      for (int i = 0; headers != null && i < headers.length; i += 2) {
        b.header(headers[i], headers[i + 1]);
      }
      return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
