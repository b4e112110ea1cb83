package io.campo.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The debtor card's money on the office page, in a real browser against the real server (browser in UTC, agency in
 * Mexico City): payments from the ledger with their date in the agency's zone, where each went and the credit; the
 * agreements with each installment's state; a dispatcher confirms an agent's proposed agreement, a manager cannot.
 */
class OfficeLedgerPageTest {

  static final String ZONE = "America/Mexico_City";
  static TestServer server;
  @RegisterExtension static final HeadlessChromium chromium = HeadlessChromium.perTestClass();
  static LocalDate today;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.startInZone(ZONE);
    today = LocalDate.now(ZoneId.of(ZONE));
    server.officeUserInTeam("cobro-norte", "dispatcher", "norte");
    server.officeUserInTeam("gerente-norte", "manager", "norte");
    JsonArray debtors = new JsonArray()
        .add(new JsonObject().put("id", "LED-1").put("name", "Rosa Ledesma").put("lat", 19.4326).put("lon", -99.1332)
            .put("team", "norte").put("contract", "K-A").put("product", "consumo").put("currency", "MXN")
            .put("principal", "2000").put("balance", "1000.00").put("due_date", "2026-10-01"))
        .add(new JsonObject().put("id", "LED-2").put("name", "Tomás Ledezma").put("lat", 19.44).put("lon", -99.14)
            .put("team", "norte").put("contract", "K-B").put("product", "consumo").put("currency", "MXN")
            .put("principal", "500").put("balance", "500.00").put("due_date", "2026-10-01"));
    ok(server.request("POST", "/api/debtors/import", server.adminToken(), debtors.encode()), 200);
    // 03:30 UTC on the 24th is 21:30 on the 23rd in Mexico City.
    ok(pay("LED-1", "K-A", "300.00", "2026-11-24T03:30:00Z", "SPEI-300", "transfer"), 201);
    // Beyond the debt: 500 to K-B and 100 as credit.
    ok(pay("LED-2", null, "600.00", "2026-11-25T16:00:00Z", "CR-600", "cash_reference"), 201);
    // A confirmed agreement for the rest (700), then a payment that covers its first installment.
    ok(server.request("POST", "/api/debtors/LED-1/agreements", server.adminToken(), new JsonObject()
        .put("contracts", new JsonArray().add("K-A")).put("installments", new JsonArray()
            .add(new JsonObject().put("date", today.plusDays(10).toString()).put("amount", "350.00"))
            .add(new JsonObject().put("date", today.plusDays(40).toString()).put("amount", "350.00"))).encode()), 201);
    ok(pay("LED-1", "K-A", "350.00", Instant.now().minusSeconds(60).toString(), "SPEI-350", "transfer"), 201);
    // An agent proposes another agreement at the door (no GPS track: the visit is rejected, the proposal stays).
    // An agent proposes two more agreements at the door (no GPS track: the visits are rejected, the proposals stay).
    String deviceToken = server.createAgent("led-ana", "norte");
    String agentJwt = new JsonObject(server.request("POST", "/api/auth/device", null, new JsonObject().put("agentId", "led-ana")
        .put("deviceToken", deviceToken).encode()).body()).getString("token");
    for (int i = 1; i <= 2; i++) {
      JsonObject visit = new JsonObject().put("debtor", "LED-1")
          .put("checkIn", new JsonObject().put("at", Instant.ofEpochMilli(Devices.now() - 60_000 * i).toString())
              .put("lat", 19.4326).put("lon", -99.1332).put("accuracy", 5))
          .put("outcome", new JsonObject().put("type", "AGREEMENT").put("contracts", new JsonArray().add("K-A"))
              .put("installments", new JsonArray().add(new JsonObject().put("date", today.plusDays(20).toString()).put("amount", i + "00.00"))));
      ok(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/visits"))
          .header("Authorization", "Bearer " + agentJwt).header("Idempotency-Key", "led-visit-" + i).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(visit.encode())).build(), HttpResponse.BodyHandlers.ofString()), 201);
    }
  }

  static HttpResponse<String> pay(String debtor, String contract, String amount, String paidAt, String reference, String source) {
    JsonObject p = new JsonObject().put("debtor", debtor).put("amount", amount).put("currency", "MXN").put("paidAt", paidAt)
        .put("reference", reference).put("source", source);
    if (contract != null) {
      p.put("contract", contract);
    }
    return server.request("POST", "/api/payments", server.adminToken(), p.encode());
  }

  static void ok(HttpResponse<String> response, int status) {
    assertEquals(status, response.statusCode(), response.body());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Page openCard(String user, String password, String debtor) {
    Page page = chromium.newPageInZone("UTC");
    page.onDialog(d -> d.accept());
    SignIn.toOffice(page, server.baseUrl(), user, password);
    page.fill("#debtor-q", debtor);
    page.click("#debtor-search button[type=submit]");
    page.locator("#debtor-results tr[data-debtor='" + debtor + "']").click();
    page.locator("#debtor-card").waitFor();
    page.waitForFunction("() => window.campoOffice && window.campoOffice.agreementsLoaded !== undefined");
    return page;
  }

  @Test
  void theCardShowsThePaymentsInTheAgencysTimeAndTheCredit() {
    Page page = openCard("cobro-norte", "cobro-norte-password", "LED-1");
    assertTrue(page.textContent("#card-debts tbody").contains("350.00"), "K-A after 300 and 350: " + page.textContent("#card-debts tbody"));
    Locator payments = page.locator("#card-payments tbody tr[data-payment]");
    assertEquals(2, payments.count());
    String older = payments.nth(1).textContent();
    assertTrue(older.startsWith("23 nov 2026") && older.contains("9:30 p.m."), "in Mexico City's time: " + older);
    assertTrue(older.contains("300.00") && older.contains("transferencia") && older.contains("SPEI-300") && older.contains("K-A"), older);
    assertEquals("Sin saldo a favor", page.textContent("#card-credit"));

    page.click("#lang");
    older = page.locator("#card-payments tbody tr[data-payment]").nth(1).textContent();
    assertTrue(older.startsWith("Nov 23, 2026") && older.contains("9:30 PM") && older.contains("transfer"), older);
    assertEquals("No credit", page.textContent("#card-credit"));
    page.click("#lang");
    HeadlessChromium.closePage(page);

    page = openCard("cobro-norte", "cobro-norte-password", "LED-2");
    String row = page.locator("#card-payments tbody tr[data-payment]").first().textContent();
    assertTrue(row.contains("referencia en efectivo") && row.contains("CR-600") && row.contains("500.00") && row.contains("saldo a favor"), row);
    assertTrue(page.textContent("#card-credit").contains("100.00"), page.textContent("#card-credit"));
    assertTrue(page.textContent("#card-agreements").contains("Sin convenios"));
    HeadlessChromium.closePage(page);
  }

  @Test
  void aDispatcherConfirmsTheAgentsProposedAgreementAndSeesEachInstallmentsState() {
    Page manager = openCard("gerente-norte", "gerente-norte-password", "LED-1");
    assertEquals(3, manager.locator("#card-agreements [data-agreement]").count());
    assertEquals(0, manager.locator("#card-agreements button[data-confirm]").count(), "a manager does not confirm");
    HeadlessChromium.closePage(manager);

    Page page = openCard("cobro-norte", "cobro-norte-password", "LED-1");
    Locator confirmed = page.locator("#card-agreements .agreement-confirmed");
    assertEquals(1, confirmed.count());
    Locator installments = confirmed.locator("tbody tr");
    assertEquals(2, installments.count());
    assertTrue(installments.nth(0).textContent().contains("pagada"), installments.nth(0).textContent());
    assertTrue(installments.nth(1).textContent().contains("por vencer"), installments.nth(1).textContent());
    assertTrue(confirmed.textContent().contains("al corriente"), confirmed.textContent());
    // The same agreement in English, same session.
    page.click("#lang");
    Locator inEnglish = page.locator("#card-agreements .agreement-confirmed");
    assertTrue(inEnglish.textContent().contains("in good standing"), inEnglish.textContent());
    assertTrue(inEnglish.locator("tbody tr").nth(0).textContent().contains("paid"), inEnglish.locator("tbody tr").nth(0).textContent());
    assertTrue(inEnglish.locator("tbody tr").nth(1).textContent().contains("due"), inEnglish.locator("tbody tr").nth(1).textContent());
    assertTrue(page.textContent("#card-agreements").contains("proposed by led-ana"), page.textContent("#card-agreements"));
    page.click("#lang");
    assertTrue(page.locator("#card-agreements .agreement-confirmed").textContent().contains("al corriente"));

    Locator proposed = page.locator("#card-agreements .agreement-proposed");
    assertEquals(2, proposed.count());
    assertTrue(proposed.nth(0).textContent().contains("led-ana"), proposed.nth(0).textContent());
    long first = Long.parseLong(proposed.nth(0).getAttribute("data-agreement"));
    long second = Long.parseLong(proposed.nth(1).getAttribute("data-agreement"));
    proposed.nth(0).locator("button[data-confirm]").click();
    page.locator("#card-agreements-status[data-outcome=done]").waitFor();
    assertEquals(2, page.locator("#card-agreements .agreement-confirmed").count());
    assertEquals(1, server.count("SELECT count(*) FROM agreement WHERE id = " + first + " AND confirmed_by = 'cobro-norte'"));

    // Someone else confirms the other one while the card is open: the page shows the server's reason, and reads again.
    ok(server.request("POST", "/api/agreements/" + second + "/confirm", server.adminToken(), "{}"), 200);
    page.locator("#card-agreements [data-agreement='" + second + "'] button[data-confirm]").click();
    page.locator("#card-agreements-status[data-outcome=error]").waitFor();
    assertTrue(page.textContent("#card-agreements-status").contains("already confirmed by admin"), page.textContent("#card-agreements-status"));
    page.waitForFunction("() => document.querySelectorAll('#card-agreements .agreement-confirmed').length === 3");
    assertEquals(0, page.locator("#card-agreements button[data-confirm]").count());
    assertEquals(1, server.count("SELECT count(*) FROM agreement WHERE id = " + second + " AND confirmed_by = 'admin'"));
    HeadlessChromium.screenshot(page, "office-ledger");
    HeadlessChromium.closePage(page);
  }
}
