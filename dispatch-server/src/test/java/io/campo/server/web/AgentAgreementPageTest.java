package io.campo.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Geolocation;
import io.campo.server.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The AGREEMENT outcome in the agent app on a phone: the installment form refuses what the server would, previews the
 * plan (a total split to the cent, monthly dates), queues it offline like any outcome, and once online the server holds
 * the proposed agreement with exactly those installments for a dispatcher to confirm.
 */
class AgentAgreementPageTest {

  static final double LAT = 19.4326;
  static final double LON = -99.1332;
  static final ZoneId ZONE = ZoneId.of("America/Mexico_City");
  static TestServer server;
  @RegisterExtension static final HeadlessChromium chromium = HeadlessChromium.perTestClass();
  static String deviceToken;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    deviceToken = server.createAgent("conv-1");
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("INSERT INTO debtor (external_id, name, phones) VALUES ('A-1', 'Rosa Méndez', '{}')");
      s.execute("INSERT INTO address (debtor_id, line, lat, lon, radius_m) SELECT id, 'Calle Roble 12', " + LAT + ", " + LON
          + ", 75 FROM debtor WHERE external_id = 'A-1'");
      s.execute("INSERT INTO debt (debtor_id, external_id, product, currency, principal, balance, due_date)"
          + " SELECT id, 'K-A1', 'consumo', 'MXN', 10000, 2750.00, current_date - 20 FROM debtor");
      JsonArray stops = new JsonArray()
          .add(new JsonObject().put("visitId", "A-1").put("lat", LAT).put("lon", LON).put("arrival", Instant.now().toString()));
      JsonObject route = new JsonObject().put("agentId", "conv-1").put("departure", Instant.now().toString())
          .put("finish", Instant.now().plusSeconds(3600).toString()).put("stops", stops)
          .put("geometry", new JsonObject().put("type", "LineString").put("coordinates", new JsonArray()
              .add(new JsonArray().add(LON).add(LAT)).add(new JsonArray().add(LON).add(LAT + 0.001))));
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO plan_job (plan_date, status, request, result, created_by, finished_at)"
          + " VALUES (?, 'done', '{}', ?::jsonb, 'admin', now())")) {
        ps.setObject(1, LocalDate.now(ZONE));
        ps.setString(2, new JsonObject().put("routes", new JsonArray().add(route)).encode());
        ps.executeUpdate();
      }
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anAgentProposesAnAgreementOfflineAndTheServerHoldsItsExactInstallments() throws Exception {
    Page page = chromium.newPhonePage(LAT, LON);
    try {
      SignIn.toAgentApp(page, server.baseUrl(), "conv-1", deviceToken);
      page.waitForFunction("() => document.querySelectorAll('#stops li.stop').length === 1");
      page.waitForFunction("() => navigator.serviceWorker.controller !== null");
      page.locator("li.stop").first().click();
      page.context().setGeolocation(new Geolocation(LAT, LON).setAccuracy(6));
      page.waitForFunction("() => window.AgentTracker.last !== null && window.AgentTracker.last !== undefined");
      page.context().setOffline(true);
      page.click("#arrive");

      page.selectOption("#outcome", "AGREEMENT");
      assertTrue(page.isVisible("#agreement-count") && page.isVisible("#agreement-first"), "the installment form shows");
      assertTrue(!page.isVisible("#amount"), "not the promise's amount");
      page.fill("#agreement-count", "0");
      page.fill("#agreement-amount", "2750");
      page.click("#submit-visit");
      assertTrue(page.textContent("#visit-errors").contains("Número de parcialidades entre 1 y 120"), page.textContent("#visit-errors"));
      assertTrue(page.textContent("#visit-errors").contains("Primera fecha obligatoria"), page.textContent("#visit-errors"));

      LocalDate first = LocalDate.now(ZONE).plusDays(7);
      page.fill("#agreement-count", "3");
      page.selectOption("#agreement-mode", "total");
      page.fill("#agreement-first", first.toString());
      page.selectOption("#agreement-frequency", "monthly");
      String preview = page.textContent("#agreement-preview");
      assertTrue(preview.contains(first + " · 916.66 MXN") && preview.contains(first.plusMonths(2) + " · 916.68 MXN"), preview);

      page.click("#submit-visit");
      page.waitForFunction("() => window.campoAgent.queue.outbox === 1", null, new Page.WaitForFunctionOptions().setTimeout(15_000));
      assertEquals(0, server.count("SELECT count(*) FROM visit"), "offline: nothing reached the server");
      page.context().setOffline(false);
      page.waitForFunction("() => window.campoAgent.queue.outbox === 0", null, new Page.WaitForFunctionOptions().setTimeout(60_000));
      assertEquals(0, page.evaluate("() => window.campoAgent.queue.failed.length"),
          String.valueOf(page.evaluate("() => JSON.stringify(window.campoAgent.queue.failed)")));
    } finally {
      HeadlessChromium.closePage(page);
    }

    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", ""); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT a.status, a.contracts::text, a.currency, a.proposed_by, v.outcome,"
            + " (SELECT string_agg(i.seq || ' ' || i.due_date || ' ' || i.amount, ', ' ORDER BY i.seq) FROM agreement_installment i"
            + "  WHERE i.agreement_id = a.id) FROM agreement a JOIN visit v ON v.id = a.visit_id")) {
      assertTrue(rs.next(), "the proposed agreement arrived");
      assertEquals("proposed", rs.getString(1));
      assertEquals("{K-A1}", rs.getString(2));
      assertEquals("MXN", rs.getString(3));
      assertEquals("conv-1", rs.getString(4));
      assertEquals("AGREEMENT", rs.getString(5));
      LocalDate first = LocalDate.now(ZONE).plusDays(7);
      assertEquals("1 " + first + " 916.66, 2 " + first.plusMonths(1) + " 916.66, 3 " + first.plusMonths(2) + " 916.68", rs.getString(6));
    }
  }
}
