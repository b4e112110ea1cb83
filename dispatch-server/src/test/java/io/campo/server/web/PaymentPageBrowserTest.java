package io.campo.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.campo.server.TestServer;
import io.campo.server.payments.page.CashReference;
import io.campo.server.payments.page.PaymentLinkToken;
import io.campo.server.payments.page.ProviderFake;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The debtor's payment page in a real browser on a phone-sized screen, with a local Mercado Pago behind "Pagar ahora". */
class PaymentPageBrowserTest {

  static ProviderFake fake;
  static TestServer server;
  @RegisterExtension static final HeadlessChromium chromium = HeadlessChromium.perTestClass();
  static long debtorId;

  @BeforeAll
  static void start() throws Exception {
    fake = new ProviderFake();
    server = fake.server;
    HttpResponse<String> r = server.request("POST", "/api/debtors/import", server.adminToken(),
        new io.vertx.core.json.JsonArray().add(new JsonObject().put("id", "B-1").put("name", "Rocío Martínez").put("lat", 19.4)
            .put("lon", -99.1).put("product", "Microcrédito").put("contract", "L-B1").put("currency", "MXN").put("principal", "1000")
            .put("balance", "1234.50").put("due_date", "2026-01-10")).encode());
    assertEquals(200, r.statusCode(), r.body());
    debtorId = server.count("SELECT id FROM debtor WHERE external_id = 'B-1'");
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  static String link() {
    HttpResponse<String> r = server.request("POST", "/api/debtors/B-1/payment-link", server.adminToken(), "{}");
    assertEquals(201, r.statusCode(), r.body());
    return new JsonObject(r.body()).getString("url");
  }

  @Test
  void onAPhoneTheDebtorSeesTheBalanceAndCashReferenceAndPayNowOpensTheProvidersCheckout() {
    Page page = chromium.newPhonePage(19.4, -99.1);
    try {
      Response opened = page.navigate(link());
      assertEquals(200, opened.status());
      assertEquals("Hola, Rocío", page.locator("h1").textContent());
      assertEquals("$1,234.50", page.locator(".balance").textContent());
      assertEquals(CashReference.of(debtorId), page.locator("#cash-reference").textContent());
      assertTrue(page.locator("#pay-MXN").boundingBox().width > 300, "a thumb-sized button across the phone's width");
      HeadlessChromium.screenshot(page, "payment-page-phone");
      page.locator("#pay-MXN").click();
      page.waitForURL(fake.provider.baseUrl() + "/checkout/v1/redirect?pref_id=pref-1");
      assertEquals("Checkout de prueba", page.locator("h1").textContent());
    } finally {
      HeadlessChromium.closePage(page);
    }
  }

  @Test
  void anExpiredLinkShowsAFriendlyPageInSpanish() throws Exception {
    byte[] key;
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", ""); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT value FROM server_secret WHERE name = 'payment_link'")) {
      rs.next();
      key = rs.getBytes(1);
    }
    Page page = chromium.newPhonePage(19.4, -99.1);
    try {
      Response gone = page.navigate(server.baseUrl() + "/pagar/" + new PaymentLinkToken(key).issue(debtorId, Instant.now().minusSeconds(60)));
      assertEquals(410, gone.status());
      assertEquals("Esta liga ya venció", page.locator("h1").textContent());
      Response tampered = page.navigate(link() + "x");
      assertEquals(404, tampered.status());
      assertEquals("Liga no válida", page.locator("h1").textContent());
    } finally {
      HeadlessChromium.closePage(page);
    }
  }
}
