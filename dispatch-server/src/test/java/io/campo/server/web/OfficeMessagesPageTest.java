package io.campo.server.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The office page's "Mensajes" in a real browser against the real server, WireMock standing in for the WhatsApp Cloud
 * API: templates listed and created (a refused one shows the server's reasons, and nothing is stored); a campaign's
 * progress bar and results (sent, failed, skipped by reason) as the real dispatcher sent it.
 */
class OfficeMessagesPageTest {

  static final String WA_PATH = "/v21.0/1234567890/messages";
  static WireMockServer whatsapp;
  static TestServer server;
  static long campaign;

  @BeforeAll
  static void start() throws Exception {
    whatsapp = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    whatsapp.start();
    whatsapp.stubFor(post(urlPathEqualTo(WA_PATH)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.ok1\"}]}")));
    whatsapp.stubFor(post(urlPathEqualTo(WA_PATH)).atPriority(1).withRequestBody(matchingJsonPath("$.to", equalTo("525520202020")))
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":{\"message\":\"(#131026) Message undeliverable\",\"type\":\"OAuthException\",\"code\":131026}}")));
    Map<String, String> env = TestServer.env(TestServer.freshDatabaseUrl());
    env.put("CAMPO_TIME_ZONE", "America/Mexico_City");
    env.put("CAMPO_WHATSAPP_API_URL", whatsapp.baseUrl());
    env.put("CAMPO_WHATSAPP_PHONE_NUMBER_ID", "1234567890");
    env.put("CAMPO_WHATSAPP_TOKEN", "wa-token");
    env.put("CAMPO_WHATSAPP_VERIFY_TOKEN", "verify-me");
    env.put("CAMPO_WHATSAPP_APP_SECRET", "app-secret");
    env.put("CAMPO_CONTACT_HOURS", "00:00-24:00");
    server = TestServer.start(env);
    server.officeUserInTeam("gerente-msg", "manager", "norte");
    String csv = "id,name,phone,acepta_mensajes,team,product,contract,currency,principal,balance,due_date\n"
        + "M-1,Ana López,55 1234 5678,si,norte,micro,L-1,MXN,800,800,2026-10-01\n"
        + "M-2,Beto Ruiz,55 2020 2020,si,norte,micro,L-2,MXN,100,100,2026-10-01\n"
        + "M-3,Carla Díaz,55 3333 4444,no,norte,micro,L-3,MXN,100,100,2026-10-01\n"
        + "M-4,Dora Sin Teléfono,,si,norte,micro,L-4,MXN,100,100,2026-10-01\n";
    HttpResponse<String> imported = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/debtors/import"))
        .header("Authorization", "Bearer " + server.adminToken()).header("Content-Type", "text/csv")
        .POST(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, imported.statusCode(), imported.body());
    assertEquals(0, new JsonObject(imported.body()).getInteger("rejectedCount"), imported.body());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    whatsapp.stop();
  }

  static Page logIn(HeadlessChromium chromium, String user, String password) {
    Page page = SignIn.toOffice(chromium.newPageInZone("UTC"), server.baseUrl(), user, password);
    page.click("#tabs [data-tab=messages]");
    page.waitForFunction("() => window.campoOffice && window.campoOffice.messagesLoaded >= 1");
    return page;
  }

  @Test
  void anAdminCreatesATemplateSeesTheServersReasonsAndFollowsACampaign() throws Exception {
    try (HeadlessChromium chromium = HeadlessChromium.launch()) {
      Page page = logIn(chromium, "admin", TestServer.ADMIN_PASSWORD);
      assertTrue(page.textContent("#templates-table tbody").contains("Aún no hay plantillas"));

      // Unknown variables: refused with the server's reason, nothing stored.
      page.fill("#template-name", "aviso_saldo");
      page.fill("#template-body", "Hola {nombre}, debes {deuda} desde {fecha}.");
      page.click("#template-form button[type=submit]");
      page.locator("#template-status[data-outcome=error]").waitFor();
      String reason = page.textContent("#template-status");
      assertTrue(reason.contains("{deuda}") && reason.contains("{fecha}"), reason);
      assertEquals(0, server.count("SELECT count(*) FROM message_template"));

      page.fill("#template-body", "Hola {nombre}, tu saldo es {saldo}.");
      page.click("#template-form button[type=submit]");
      page.locator("#template-status[data-outcome=done]").waitFor();
      assertTrue(page.textContent("#template-status").contains("nombre"), page.textContent("#template-status"));
      Locator row = page.locator("#templates-table tbody tr[data-template]");
      assertEquals(1, row.count());
      assertTrue(row.textContent().contains("aviso_saldo") && row.textContent().contains("whatsapp")
          && row.textContent().contains("Hola {nombre}, tu saldo es {saldo}."), row.textContent());

      // The same name again on the channel: the server's 409, one template still.
      page.fill("#template-name", "aviso_saldo");
      page.fill("#template-body", "Otra vez {nombre}.");
      page.click("#template-form button[type=submit]");
      page.locator("#template-status[data-outcome=error]").waitFor();
      assertTrue(page.textContent("#template-status").contains("whatsapp template named 'aviso_saldo'"), page.textContent("#template-status"));
      assertEquals(1, server.count("SELECT count(*) FROM message_template"));

      HttpResponse<String> created = server.request("POST", "/api/campaigns", server.adminToken(), new JsonObject().put("name", "Diciembre")
          .put("channel", "whatsapp").put("template", "aviso_saldo")
          .put("debtors", new JsonArray().add("M-1").add("M-2").add("M-3").add("M-4")).encode());
      assertEquals(201, created.statusCode(), created.body());
      campaign = new JsonObject(created.body()).getLong("id");

      // Another tab and back: the list is read again.
      page.click("#tabs [data-tab=debtors]");
      page.click("#tabs [data-tab=messages]");
      page.locator("#campaigns-table tr[data-campaign='" + campaign + "']").click();
      // The page reads the campaign again until the dispatcher has handled every message.
      page.locator("#campaign[data-status=done]").waitFor(new Locator.WaitForOptions().setTimeout(60_000));
      assertEquals("Diciembre · whatsapp · aviso_saldo", page.textContent("#campaign-title"));
      assertEquals("1", page.textContent("#campaign-counts tr[data-count=sent] td"));
      assertEquals("1", page.textContent("#campaign-counts tr[data-count=failed] td"));
      assertEquals("2", page.textContent("#campaign-counts tr[data-count=skipped] td"));
      assertEquals("2", page.textContent("#campaign-counts tr[data-count=eligible] td"));
      assertEquals("0", page.textContent("#campaign-counts tr[data-count=delivered] td"));
      assertEquals(4, ((Number) page.evaluate("() => document.getElementById('campaign-progress').value")).intValue());
      assertEquals(4, ((Number) page.evaluate("() => document.getElementById('campaign-progress').max")).intValue());
      assertEquals("4 de 4 atendidos · terminada", page.textContent("#campaign-progress-text"));
      assertTrue(page.textContent("#campaign-skipped li[data-reason=no_consent]").endsWith(": 1"));
      assertTrue(page.textContent("#campaign-skipped li[data-reason=no_recipient]").contains("sin número o correo"));
      whatsapp.verify(2, postRequestedFor(urlPathEqualTo(WA_PATH)));

      page.click("#lang");
      assertEquals("4 of 4 handled · done", page.textContent("#campaign-progress-text"));
      assertEquals("Failed", page.textContent("#campaign-counts tr[data-count=failed] th"));
      page.click("#lang");
      HeadlessChromium.screenshot(page, "office-messages");
      HeadlessChromium.closePage(page);

      // A manager reads the same, and has no template form.
      Page manager = logIn(chromium, "gerente-msg", "gerente-msg-password");
      assertTrue(manager.locator("#template-form").isHidden());
      assertEquals(1, manager.locator("#templates-table tbody tr[data-template]").count());
      HeadlessChromium.closePage(manager);
    }
  }
}
