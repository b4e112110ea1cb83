package io.campo.server.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.campo.server.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The office page's campaign form in a real browser (in UTC, while the agency is in Mexico City) against the real
 * server, WireMock standing in for WhatsApp: the server's refusals shown as they come with nothing stored, a campaign
 * scheduled at an agency wall-clock time, one sent now followed by its progress bar, and its "paid within 7 days"
 * result from the ledger, in Spanish and English.
 */
class OfficeCampaignFormPageTest {

  static final String WA_PATH = "/v21.0/1234567890/messages";
  static final ZoneId MX = ZoneId.of("America/Mexico_City");
  static WireMockServer whatsapp;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    whatsapp = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    whatsapp.start();
    whatsapp.stubFor(post(urlPathEqualTo(WA_PATH)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.form1\"}]}")));
    Map<String, String> env = TestServer.env(TestServer.freshDatabaseUrl());
    env.put("CAMPO_TIME_ZONE", MX.getId());
    env.put("CAMPO_WHATSAPP_API_URL", whatsapp.baseUrl());
    env.put("CAMPO_WHATSAPP_PHONE_NUMBER_ID", "1234567890");
    env.put("CAMPO_WHATSAPP_TOKEN", "wa-token");
    env.put("CAMPO_WHATSAPP_VERIFY_TOKEN", "verify-me");
    env.put("CAMPO_WHATSAPP_APP_SECRET", "app-secret");
    env.put("CAMPO_CONTACT_HOURS", "00:00-24:00");
    server = TestServer.start(env);
    server.officeUserInTeam("disp-form", "dispatcher", "norte");
    String csv = "id,name,phone,acepta_mensajes,team,product,contract,currency,principal,balance,due_date\n"
        + "F-1,Ana López,55 1234 5678,si,norte,micro,L-F1,MXN,800,800,2026-10-01\n"
        + "F-2,Beto Ruiz,55 2020 2121,si,norte,micro,L-F2,MXN,100,100,2026-10-01\n";
    HttpResponse<String> imported = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/debtors/import"))
        .header("Authorization", "Bearer " + server.adminToken()).header("Content-Type", "text/csv")
        .POST(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, imported.statusCode(), imported.body());
    assertEquals(0, new JsonObject(imported.body()).getInteger("rejectedCount"), imported.body());
    for (String[] tp : new String[][] {{"whatsapp", "aviso_form"}, {"sms", "aviso_sms"}}) {
      HttpResponse<String> created = server.request("POST", "/api/message-templates", server.adminToken(), new JsonObject()
          .put("name", tp[1]).put("channel", tp[0]).put("language", "es_MX").put("body", "Hola {nombre}").encode());
      assertEquals(201, created.statusCode(), created.body());
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    whatsapp.stop();
  }

  static void submitAndAwait(Page page, String outcome) {
    page.evaluate("() => { const s = document.getElementById('campaign-status'); s.dataset.outcome = ''; s.textContent = ''; }");
    page.click("#campaign-form button[type=submit]");
    page.locator("#campaign-status[data-outcome=done], #campaign-status[data-outcome=error]").waitFor();
    assertEquals(outcome, page.getAttribute("#campaign-status", "data-outcome"), page.textContent("#campaign-status"));
  }

  @Test
  void aDispatcherCreatesCampaignsFromThePageSeesTheServersReasonsAndFollowsProgressAndResults() throws Exception {
    try (HeadlessChromium chromium = HeadlessChromium.launch()) {
      Page page = SignIn.toOffice(chromium.newPageInZone("UTC"), server.baseUrl(), "disp-form", "disp-form-password");
      page.click("#tabs [data-tab=messages]");
      page.waitForFunction("() => window.campoOffice && window.campoOffice.messagesLoaded >= 1");
      assertTrue(page.locator("#campaign-form").isVisible());
      // The template list follows the channel.
      assertEquals("aviso_form", page.inputValue("#campaign-template"));
      page.selectOption("#campaign-channel", "sms");
      assertEquals("aviso_sms", page.inputValue("#campaign-template"));

      // SMS is not configured here: the server's reason, nothing stored.
      page.fill("#campaign-name", "Por SMS");
      page.fill("#campaign-debtors", "F-1");
      submitAndAwait(page, "error");
      assertTrue(page.textContent("#campaign-status").contains("SMS is not configured"), page.textContent("#campaign-status"));
      // A filter the server refuses: every reason at once.
      page.selectOption("#campaign-channel", "whatsapp");
      page.selectOption("#campaign-who", "filter");
      assertTrue(page.locator("#campaign-debtors").isHidden());
      page.fill("#campaign-min-dpd", "10");
      page.fill("#campaign-max-dpd", "5");
      page.fill("#campaign-min-balance", "mucho");
      submitAndAwait(page, "error");
      String reasons = page.textContent("#campaign-status");
      assertTrue(reasons.contains("filter.minDaysPastDue 10 is above maxDaysPastDue 5") && reasons.contains("filter.minBalance"), reasons);
      assertEquals(0, server.count("SELECT count(*) FROM campaign"));

      // Scheduled for tomorrow at 09:30, the agency's time (the browser is in UTC).
      LocalDate tomorrow = LocalDate.now(MX).plusDays(1);
      page.selectOption("#campaign-who", "debtors");
      page.fill("#campaign-name", "Mañana temprano");
      page.fill("#campaign-debtors", "F-1, F-2");
      page.fill("#campaign-send-at", tomorrow + "T09:30");
      submitAndAwait(page, "done");
      assertEquals("Campaña creada: 2 mensajes en cola", page.textContent("#campaign-status"));
      assertEquals(tomorrow.atTime(9, 30).atZone(MX).toInstant().getEpochSecond(),
          server.count("SELECT extract(epoch FROM send_at)::bigint FROM campaign WHERE name = 'Mañana temprano'"));
      page.locator("#campaign[data-status=scheduled]").waitFor();
      assertEquals("0 de 2 atendidos · programada", page.textContent("#campaign-progress-text"));

      // Now, to one debtor: the progress bar runs to the end.
      page.fill("#campaign-name", "Ahora");
      page.fill("#campaign-debtors", "F-1");
      page.fill("#campaign-send-at", "");
      submitAndAwait(page, "done");
      page.locator("#campaign[data-status=done]").waitFor(new Locator.WaitForOptions().setTimeout(60_000));
      assertEquals("Ahora · whatsapp · aviso_form", page.textContent("#campaign-title"));
      assertEquals("1 de 1 atendidos · terminada", page.textContent("#campaign-progress-text"));
      assertEquals("0", page.getAttribute("#campaign-results", "data-paid"));
      whatsapp.verify(1, postRequestedFor(urlPathEqualTo(WA_PATH)));

      // F-1 pays after the message: the campaign's result, read again when it is opened.
      HttpResponse<String> paid = server.request("POST", "/api/payments", server.adminToken(), new JsonObject().put("debtor", "F-1")
          .put("amount", "100.00").put("currency", "MXN").put("paidAt", Instant.now().toString()).put("reference", "FORM-1")
          .put("source", "transfer").encode());
      assertEquals(201, paid.statusCode(), paid.body());
      long now = server.count("SELECT id FROM campaign WHERE name = 'Ahora'");
      page.locator("#campaigns-table tr[data-campaign='" + server.count("SELECT id FROM campaign WHERE name = 'Mañana temprano'") + "']")
          .click();
      page.locator("#campaign[data-status=scheduled]").waitFor();
      page.locator("#campaigns-table tr[data-campaign='" + now + "']").click();
      page.locator("#campaign-results[data-paid='1']").waitFor();
      String results = page.textContent("#campaign-results");
      assertTrue(results.startsWith("Pagaron en los 7 días siguientes a su mensaje: 1") && results.contains("100.00"), results);
      page.click("#lang");
      assertTrue(page.textContent("#campaign-results").startsWith("Paid within 7 days of their message: 1"),
          page.textContent("#campaign-results"));
      assertEquals("New campaign", page.textContent("#campaign-form h4"));
      page.click("#lang");
      HeadlessChromium.screenshot(page, "office-campaign-form");
      HeadlessChromium.closePage(page);
    }
  }
}
