package io.campo.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import io.campo.server.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The opt-outs on the office page's "Mensajes" tab in a real browser (browser in UTC, agency in Mexico City): a
 * dispatcher sees their team's opt-outs only, with the word the debtor replied and the time in the agency's zone,
 * records one a debtor asked for by phone, filters by channel, and reads it all in English too.
 */
class OfficeOptOutsPageTest {

  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    Map<String, String> env = TestServer.env(TestServer.freshDatabaseUrl());
    env.put("CAMPO_TIME_ZONE", "America/Mexico_City");
    server = TestServer.start(env);
    server.officeUserInTeam("baja-norte", "dispatcher", "norte");
    server.officeUserInTeam("baja-sur", "dispatcher", "sur");
    String csv = "id,name,phone,acepta_mensajes,team,product,contract,currency,principal,balance,due_date\n"
        + "B-1,Ana López,55 1234 5678,si,norte,micro,L-1,MXN,800,800,2026-10-01\n"
        + "B-2,Beto Ruiz,55 2020 2020,si,norte,micro,L-2,MXN,100,100,2026-10-01\n"
        + "B-3,Carla Sur,55 3333 4444,si,sur,micro,L-3,MXN,100,100,2026-10-01\n";
    HttpResponse<String> imported = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/debtors/import"))
        .header("Authorization", "Bearer " + server.adminToken()).header("Content-Type", "text/csv")
        .POST(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, imported.statusCode(), imported.body());
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", ""); Statement s = c.createStatement()) {
      // 03:30 UTC on the 21st is 21:30 on the 20th in Mexico City.
      s.execute("INSERT INTO contact_opt_out (debtor_id, channel, at, reason) SELECT id, 'whatsapp', '2026-11-21T03:30:00Z',"
          + " 'replied ''BAJA'' by whatsapp' FROM debtor WHERE external_id = 'B-1'");
      s.execute("INSERT INTO contact_opt_out (debtor_id, channel, at, reason) SELECT id, 'whatsapp', '2026-11-22T16:00:00Z',"
          + " 'replied ''ALTO'' by whatsapp' FROM debtor WHERE external_id = 'B-3'");
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aDispatcherSeesTheirTeamsOptOutsRecordsOneByPhoneAndFiltersIt() {
    try (HeadlessChromium chromium = HeadlessChromium.launch()) {
      Page page = chromium.newPageInZone("UTC");
      try {
        SignIn.toOffice(page, server.baseUrl(), "baja-norte", "baja-norte-password");
        page.click("#tabs [data-tab=messages]");
        page.waitForFunction("() => window.campoOffice && window.campoOffice.optOutsLoaded >= 1");

        String rows = page.textContent("#optouts-table tbody");
        assertTrue(rows.contains("B-1 · Ana López") && rows.contains("BAJA"), rows);
        assertFalse(rows.contains("Carla Sur") || rows.contains("ALTO"), "another team's opt-out: " + rows);
        // Intl writes narrow or no-break spaces around the time; compared as plain spaces.
        String when = page.textContent("#optouts-table tbody time").replace('\u202f', ' ').replace('\u00a0', ' ');
        assertTrue(when.startsWith("20 nov 2026") && when.contains("9:30 p.m."), "in the agency's zone, not the browser's: " + when);
        assertEquals("Palabra recibida", page.textContent("#optouts-table thead th:nth-child(4)"));

        page.fill("#optout-debtor", "B-2");
        page.selectOption("#optout-new-channel", "sms");
        page.fill("#optout-note", "lo pidió por teléfono");
        page.click("#optout-form button[type=submit]");
        page.waitForFunction("() => document.getElementById('optout-status').dataset.outcome === 'done'");
        assertTrue(page.textContent("#optout-status").contains("B-2 · sms"), page.textContent("#optout-status"));
        assertTrue(page.textContent("#optouts-table tbody").contains("registrada a mano"), page.textContent("#optouts-table tbody"));
        assertEquals(1, server.count("SELECT count(*) FROM client_log l JOIN debtor d ON d.id = l.debtor_id WHERE d.external_id = 'B-2'"
            + " AND l.kind = 'opt_out' AND l.actor = 'baja-norte'"));

        // Another team's debtor: the server's answer is shown, nothing is stored.
        page.fill("#optout-debtor", "B-3");
        page.click("#optout-form button[type=submit]");
        page.waitForFunction("() => document.getElementById('optout-status').dataset.outcome === 'error'");
        assertTrue(page.textContent("#optout-status").contains("no debtor 'B-3'"), page.textContent("#optout-status"));
        assertEquals(1, server.count("SELECT count(*) FROM contact_opt_out o JOIN debtor d ON d.id = o.debtor_id WHERE d.external_id = 'B-3'"));

        int loaded = ((Number) page.evaluate("() => window.campoOffice.optOutsLoaded")).intValue();
        page.selectOption("#optout-channel", "sms");
        page.click("#optout-filter button[type=submit]");
        page.waitForFunction("n => window.campoOffice.optOutsLoaded > n", loaded);
        rows = page.textContent("#optouts-table tbody");
        assertTrue(rows.contains("B-2") && !rows.contains("B-1"), rows);
        assertEquals("1–1 de 1", page.textContent("#optout-page"));

        page.click("#lang");
        assertEquals("Word received", page.textContent("#optouts-table thead th:nth-child(4)"));
        assertTrue(page.textContent("#optouts-table tbody").contains("recorded by hand"));
        HeadlessChromium.screenshot(page, "office-opt-outs");
      } finally {
        HeadlessChromium.closePage(page);
      }
    }
    HttpResponse<String> api = server.request("GET", "/api/opt-outs", server.login("baja-sur", "baja-sur-password"), null);
    assertEquals(1, new JsonObject(api.body()).getLong("total"), api.body());
  }
}
