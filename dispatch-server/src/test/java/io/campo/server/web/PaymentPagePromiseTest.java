package io.campo.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.campo.server.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "Prometer pago" on a phone, in a real browser against the real server: the debtor opens the link, is told why an
 * amount above the balance is refused, corrects it, reads the confirmation, and the page then shows the promise
 * instead of the form.
 */
class PaymentPagePromiseTest {

  static final String ZONE = "America/Mexico_City";
  static TestServer server;
  @RegisterExtension static final HeadlessChromium chromium = HeadlessChromium.perTestClass();
  static LocalDate today;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.startInZone(ZONE);
    today = LocalDate.now(ZoneId.of(ZONE));
    JsonArray debtors = new JsonArray().add(new JsonObject().put("id", "PP-1").put("name", "Julia Campos Ruiz").put("lat", 19.4326)
        .put("lon", -99.1332).put("contract", "K-1").put("product", "consumo").put("currency", "MXN")
        .put("principal", "2000").put("balance", "1200.00").put("due_date", "2026-10-01"));
    assertEquals(200, server.request("POST", "/api/debtors/import", server.adminToken(), debtors.encode()).statusCode());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aDebtorPromisesOnAPhoneCorrectsATooLargeAmountAndSeesThePromiseAfterwards() {
    String url = new JsonObject(server.request("POST", "/api/debtors/PP-1/payment-link", server.adminToken(), null).body())
        .getString("url");
    Page page = chromium.newPhonePage(19.4326, -99.1332);
    try {
      page.navigate(url);
      assertTrue(page.locator("h2", new Page.LocatorOptions().setHasText("Prometer pago")).isVisible());
      LocalDate due = today.plusDays(6);
      page.fill("input[name=fecha]", due.toString());
      page.fill("input[name=monto]", "5000");
      Response refused = page.waitForNavigation(() -> page.click("#promise-submit"));
      assertEquals(400, refused.status());
      assertTrue(page.locator("#promise-problems").innerText().contains("mayor que tu saldo pendiente de $1,200.00"),
          page.locator("#promise-problems").innerText());
      assertEquals(due.toString(), page.inputValue("input[name=fecha]"), "the form keeps what was typed");

      page.fill("input[name=monto]", "450.5");
      Response made = page.waitForNavigation(() -> page.click("#promise-submit"));
      assertEquals(200, made.status());
      String confirmation = page.locator("#promise-confirmed").innerText();
      assertTrue(confirmation.contains("$450.50"), confirmation);
      assertTrue(page.locator("h1").innerText().contains("¡Gracias, Julia!"));
      HeadlessChromium.screenshot(page, "payment-page-promise-confirmed");
      // The confirmation's width fits the phone: no sideways scrolling on a 390 px screen.
      assertTrue((Integer) page.evaluate("document.documentElement.scrollWidth") <= 390);

      page.click("text=Volver a tu saldo");
      assertTrue(page.locator("#promise-open").innerText().contains("$450.50"));
      assertEquals(0, page.locator("input[name=monto]").count(), "one open promise: no second form");
      assertEquals(1, server.count("SELECT count(*) FROM page_promise WHERE amount = 450.50 AND due_date = '" + due + "'"));
    } finally {
      HeadlessChromium.closePage(page);
    }

    // The dispatcher's debtor card on the office page shows it, marked as the debtor's own.
    Page office = chromium.newPageInZone("UTC");
    try {
      SignIn.toOffice(office, server.baseUrl(), "admin", TestServer.ADMIN_PASSWORD);
      office.fill("#debtor-q", "PP-1");
      office.click("#debtor-search button[type=submit]");
      office.locator("#debtor-results tr[data-debtor='PP-1']").click();
      office.locator("#debtor-card").waitFor();
      office.waitForFunction("() => document.getElementById('card-promises').textContent.length > 0");
      String promises = office.textContent("#card-promises");
      assertTrue(promises.contains("450.50") && promises.contains(today.plusDays(6).toString())
          && promises.contains("en la página de pago"), promises);
    } finally {
      HeadlessChromium.closePage(office);
    }
  }
}
