package io.campo.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Clock;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.Geolocation;
import io.campo.server.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
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
 * The agent app on a phone-sized Chromium with emulated positions: sign in by token, see the day and a debtor card, go
 * offline, walk to the door and stay (the browser's clock is moved on, so three minutes at the door take seconds),
 * record a paid visit with answers and a photo, reload offline (the service worker serves the app; the queue survives
 * in IndexedDB), go online: the server stores the track before the visit, so the visit is VALID, and the photo.
 */
class AgentAppPageTest {

  static final double LAT = 19.4326;
  static final double LON = -99.1332;
  static final ZoneId ZONE = ZoneId.of("America/Mexico_City");
  static TestServer server;
  @RegisterExtension static final HeadlessChromium chromium = HeadlessChromium.perTestClass();
  static String deviceToken;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    deviceToken = server.createAgent("app-1");
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("INSERT INTO debtor (external_id, name, phones) VALUES ('P-1', 'Rosa Méndez', '{+525512345678}'),"
          + " ('P-2', 'Tomás Ibarra', '{}')");
      s.execute("INSERT INTO address (debtor_id, line, lat, lon, radius_m) SELECT id, 'Calle Roble 12', " + LAT + ", " + LON
          + ", 75 FROM debtor WHERE external_id = 'P-1'");
      s.execute("INSERT INTO address (debtor_id, line, lat, lon, radius_m) SELECT id, 'Calle Pino 3', " + (LAT + 0.01) + ", " + LON
          + ", 75 FROM debtor WHERE external_id = 'P-2'");
      s.execute("INSERT INTO debt (debtor_id, external_id, product, currency, principal, balance, due_date)"
          + " SELECT id, 'K-' || external_id, 'consumo', 'MXN', 10000, 2750.00, current_date - 20 FROM debtor");
      JsonArray stops = new JsonArray()
          .add(new JsonObject().put("visitId", "P-1").put("lat", LAT).put("lon", LON).put("arrival", Instant.now().toString()))
          .add(new JsonObject().put("visitId", "P-2").put("lat", LAT + 0.01).put("lon", LON).put("arrival", Instant.now().plusSeconds(1800).toString()));
      JsonObject route = new JsonObject().put("agentId", "app-1").put("departure", Instant.now().toString())
          .put("finish", Instant.now().plusSeconds(3600).toString()).put("stops", stops)
          .put("geometry", new JsonObject().put("type", "LineString").put("coordinates", new JsonArray()
              .add(new JsonArray().add(LON).add(LAT)).add(new JsonArray().add(LON).add(LAT + 0.01))));
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO plan_job (plan_date, status, request, result, created_by, finished_at)"
          + " VALUES (?, 'done', '{}', ?::jsonb, 'admin', now())")) {
        ps.setObject(1, LocalDate.now(ZONE));
        ps.setString(2, new JsonObject().put("routes", new JsonArray().add(route)).encode());
        ps.executeUpdate();
      }
    }
    HttpResponse<String> q = server.request("POST", "/api/questionnaires", server.adminToken(), """
        {"key": "visita", "appliesTo": {"product": "consumo"}, "validFrom": "%s", "questions": [
          {"id": "reconoce", "type": "yes_no", "label": {"es": "¿Reconoce la deuda?", "en": "Acknowledges the debt?"}, "required": true}]}"""
        .formatted(Instant.now().minusSeconds(86_400)));
    assertEquals(201, q.statusCode(), q.body());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Metres east of the door, in degrees of longitude. */
  static double east(double meters) {
    return LON + meters / (111_320.0 * Math.cos(Math.toRadians(LAT)));
  }

  static void moveTo(Page page, double lat, double lon) {
    page.context().setGeolocation(new Geolocation(lat, lon).setAccuracy(6));
    page.waitForFunction("([lat, lon]) => window.AgentTracker.last && window.AgentTracker.last.lat === lat"
        + " && window.AgentTracker.last.lon === lon", new Object[] {lat, lon});
  }

  @Test
  void anAgentRecordsAVisitOfflineAndItArrivesValidAfterItsTrack() throws Exception {
    Page page = chromium.newPhonePage(LAT, east(600));
    // The phone's clock starts ten minutes back, so that moving it on three minutes at the door stays in the past.
    page.clock().install(new Clock.InstallOptions().setTime(System.currentTimeMillis() - 600_000));
    page.navigate(server.baseUrl() + "/agent/");
    assertEquals("es", page.evaluate("() => document.documentElement.lang"));
    page.fill("#login-agent", "app-1");
    page.fill("#login-token", "wrong-token");
    page.click("#login-form button[type=submit]");
    page.waitForFunction("() => document.getElementById('login-error').textContent.length > 0");
    assertEquals("Agente o token incorrecto", page.textContent("#login-error"));
    page.fill("#login-token", deviceToken);
    page.click("#login-form button[type=submit]");

    page.waitForFunction("() => document.querySelectorAll('#stops li.stop').length === 2");
    assertTrue(page.textContent("#stops").contains("Rosa Méndez"), page.textContent("#stops"));
    assertTrue(page.textContent("#day-status").contains("2 paradas"), page.textContent("#day-status"));
    page.waitForFunction("() => navigator.serviceWorker.controller !== null");
    page.waitForFunction("() => window.AgentTracker.isConnected()");
    page.click("#tab-map");
    page.waitForFunction("() => window.campoAgent.mapStops === 3", null, new Page.WaitForFunctionOptions().setTimeout(15_000));
    page.click("#tab-list");

    page.locator("li.stop").first().click();
    String card = page.textContent("#card");
    assertTrue(card.contains("Rosa Méndez") && card.contains("2750.00 MXN") && card.contains("+525512345678"), card);
    assertTrue(page.getAttribute("#navigate", "href").contains(LAT + "," + LON), page.getAttribute("#navigate", "href"));

    page.context().setOffline(true);
    // Walking in from 600 m, then three minutes at the door with the GPS wandering a few metres.
    moveTo(page, LAT, east(300));
    page.clock().fastForward(30_000);
    moveTo(page, LAT, east(5));
    page.click("#arrive");
    assertTrue(page.textContent("#arrive-status").startsWith("Llegada"), page.textContent("#arrive-status"));
    for (int i = 1; i <= 9; i++) {
      page.clock().fastForward(20_000);
      moveTo(page, LAT + (i % 3) * 0.00002, east(4 + i % 4));
    }

    page.click("#submit-visit");
    assertEquals("Obligatoria", page.textContent(".question small.error"), "the questionnaire is checked on the phone");
    page.selectOption(".question select", "true");
    page.selectOption("#outcome", "PAID");
    page.fill("#amount", "500");
    page.fill("#receipt", "R-77");
    page.selectOption("#photo-kind", "receipt");
    page.setInputFiles("#photo", new FilePayload("recibo.jpg", "image/jpeg", io.campo.server.evidence.TestImages.jpeg(64, 48)));
    // The debtor signs with a finger on the canvas.
    page.locator("#signature").scrollIntoViewIfNeeded();
    var pad = page.locator("#signature").boundingBox();
    page.mouse().move(pad.x + 20, pad.y + pad.height / 2);
    page.mouse().down();
    page.mouse().move(pad.x + pad.width / 2, pad.y + 10, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(5));
    page.mouse().move(pad.x + pad.width - 20, pad.y + pad.height - 10, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(5));
    page.mouse().up();
    assertEquals(true, page.evaluate("() => window.AgentSignature.isDrawn()"));
    page.click("#submit-visit");
    page.waitForFunction("() => window.campoAgent.queue.outbox === 3", null, new Page.WaitForFunctionOptions().setTimeout(15_000));
    assertEquals(0, server.count("SELECT count(*) FROM visit"), "offline: nothing reached the server");
    assertTrue(page.textContent("#sync-state").contains("por enviar"), page.textContent("#sync-state"));

    page.reload();
    page.waitForFunction("() => document.querySelectorAll('#stops li.stop').length === 2");
    page.waitForFunction("() => window.campoAgent.queue.outbox === 3");
    assertEquals("queued", page.evaluate("() => window.campoAgent.localStatus['P-1']"), "the queued visit survived the reload");

    page.context().setOffline(false);
    page.waitForFunction("() => window.campoAgent.queue.outbox === 0 && window.campoAgent.queue.fixes === 0", null,
        new Page.WaitForFunctionOptions().setTimeout(60_000));
    assertEquals(0, page.evaluate("() => window.campoAgent.queue.failed.length"), String.valueOf(page.evaluate("() => JSON.stringify(window.campoAgent.queue.failed)")));

    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT v.status, v.validation::text, v.received_at > (SELECT max(received_at) FROM telemetry t"
            + "   WHERE t.agent_id = 'app-1' AND t.device_time <= v.check_out_at),"
            + " (SELECT count(*) FROM visit_photo p WHERE p.visit_id = v.id AND p.kind = 'receipt'), v.outcome_details->>'receipt',"
            + " v.answers::text, (SELECT count(*) FROM visit_photo p WHERE p.visit_id = v.id AND p.kind = 'signature'"
            + "   AND p.content_type = 'image/png' AND p.thumbnail IS NOT NULL) FROM visit v WHERE v.agent_id = 'app-1'")) {
      assertTrue(rs.next(), "the visit arrived");
      assertEquals("VALID", rs.getString(1), rs.getString(2));
      assertTrue(rs.getBoolean(3), "the track was stored before the visit");
      assertEquals(1, rs.getInt(4), "the photo is stored");
      assertEquals("R-77", rs.getString(5));
      assertEquals(new JsonObject().put("reconoce", true), new JsonObject(rs.getString(6)));
      assertEquals(1, rs.getInt(7), "the signature is stored as a PNG with its preview");
    }
    page.waitForFunction("() => window.campoAgent.day.stops[0].status === 'paid'");
    HeadlessChromium.screenshot(page, "agent-app-day");
    HeadlessChromium.closePage(page);
  }

  @Test
  void anEnrolmentLinkSignsInAndEnglishIsOneTapAway() {
    Page page = chromium.newPhonePage(LAT, LON);
    String enrol = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(new JsonObject()
        .put("server", server.baseUrl()).put("agentId", "app-1").put("token", deviceToken).encode().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    page.navigate(server.baseUrl() + "/agent/#enrol=" + enrol);
    page.waitForFunction("() => document.querySelectorAll('#stops li.stop').length === 2");
    assertTrue(!page.url().contains("enrol="), "the token does not stay in the address bar: " + page.url());
    page.click("#lang");
    assertEquals("Map", page.textContent("#tab-map"));
    page.reload();
    page.waitForFunction("() => document.querySelectorAll('#stops li.stop').length === 2");
    assertEquals("Map", page.textContent("#tab-map"), "signed in and English after a reload");
    HeadlessChromium.closePage(page);
  }
}
