package io.campo.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dispatcher map on a tablet held upright (768×1024, touch), the browser's clock in UTC and the agency in Mexico
 * City: the agent list folds away, the agent's detail lies over the map rather than squeezing it, the timeline reads
 * the agency's time, and a rejected visit is accepted from the map with a written reason.
 */
class TabletMapPageTest {

  static final double LAT = 19.4326;
  static final double LON = -99.1332;
  static TestServer server;
  @RegisterExtension static final HeadlessChromium chromium = HeadlessChromium.perTestClass();
  static long rejectedVisit;
  static String checkInAt;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.startInZone("America/Mexico_City");
    HttpResponse<String> imported = server.request("POST", "/api/debtors/import", server.adminToken(), new JsonArray()
        .add(new JsonObject().put("id", "TAB-1").put("name", "Marta Tableta").put("lat", LAT + 0.01).put("lon", LON)).encode());
    assertEquals(200, imported.statusCode(), imported.body());
    String deviceToken = server.createAgent("tab-ana");
    Mqtt5AsyncClient phone = Devices.mqtt5(server.server.mqttPort(), "tab-ana", deviceToken);
    phone.publishWith().topic(Devices.telemetryTopic("tab-ana")).qos(Devices.QOS1)
        .payload(Devices.fix(Devices.now() - 120_000, LAT, LON, 1)).send().get(10, TimeUnit.SECONDS);
    phone.disconnect().get(5, TimeUnit.SECONDS);
    String agentJwt = new JsonObject(server.request("POST", "/api/auth/device", null, new JsonObject().put("agentId", "tab-ana")
        .put("deviceToken", deviceToken).encode()).body()).getString("token");
    // Checked in at the agent's own position, 1.1 km from the debtor's door: rejected.
    checkInAt = Instant.ofEpochMilli(Devices.now() - 60_000).toString();
    JsonObject visit = new JsonObject().put("debtor", "TAB-1")
        .put("checkIn", new JsonObject().put("at", checkInAt).put("lat", LAT).put("lon", LON).put("accuracy", 5))
        .put("outcome", new JsonObject().put("type", "NO_CONTACT"));
    HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/visits"))
        .header("Authorization", "Bearer " + agentJwt).header("Idempotency-Key", "tab-1").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(visit.encode())).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(201, posted.statusCode(), posted.body());
    rejectedVisit = new JsonObject(posted.body()).getLong("id");
    assertEquals("REJECTED", new JsonObject(posted.body()).getString("status"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static double width(Page page, String selector) {
    return ((Number) page.evaluate("s => document.querySelector(s).getBoundingClientRect().width", selector)).doubleValue();
  }

  @Test
  void onATabletThePanelsFoldAwayAndARejectedVisitIsAcceptedFromTheMap() throws Exception {
    Page page = chromium.newTabletPage("UTC");
    DispatcherMapPage map = new DispatcherMapPage(page).open(server.baseUrl()).logIn("admin", TestServer.ADMIN_PASSWORD);
    map.waitForRow("tab-ana");
    assertTrue(page.isVisible("#fleet-toggle"), "the fold button shows below desktop width");
    double withList = width(page, "#map");
    assertTrue(withList > 400, "the map keeps most of the width beside the list: " + withList);
    assertTrue(width(page, "header") <= 768, "nothing pushes the header off screen");

    page.click("#fleet-toggle");
    assertTrue(page.isHidden("#fleet"));
    assertEquals("false", page.getAttribute("#fleet-toggle", "aria-expanded"));
    assertTrue(width(page, "#map") >= 760, "the folded list gives the map the whole width");
    page.click("#fleet-toggle");
    assertTrue(page.isVisible("#fleet"));

    // Opening an agent folds the list, and the detail lies over the map instead of squeezing it.
    map.row("tab-ana").click();
    page.locator("#detail").waitFor();
    assertTrue(page.isHidden("#fleet"));
    assertTrue(width(page, "#map") >= 760, "map width with the detail open: " + width(page, "#map"));
    assertEquals("absolute", page.evaluate("() => getComputedStyle(document.getElementById('detail')).position"));

    // The timeline's rejected visit, at the agency's time although this browser's clock is UTC.
    Locator item = page.locator("#timeline-events li.rejected");
    item.waitFor();
    Object local = page.evaluate("at => new Intl.DateTimeFormat('es-MX', {hour: '2-digit', minute: '2-digit',"
        + " timeZone: 'America/Mexico_City'}).format(new Date(at))", checkInAt);
    assertEquals(local, item.locator("time").textContent());
    HeadlessChromium.documentationScreenshot(page, "dispatcher-map-tablet");

    item.locator("button.override").click();
    page.locator("#override-dialog[open]").waitFor();
    page.fill("#override-reason", "corto");
    page.click("#override-form button[type=submit]");
    assertTrue(page.textContent("#override-status").contains("10"), page.textContent("#override-status"));
    assertEquals("REJECTED", visitStatus());
    page.fill("#override-reason", "GPS sin señal dentro del mercado; confirmado por llamada");
    page.click("#override-form button[type=submit]");
    page.locator("#override-dialog[open]").waitFor(new Locator.WaitForOptions()
        .setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED));
    page.locator(".toast", new Page.LocatorOptions().setHasText("Visita " + rejectedVisit + " aceptada")).waitFor();
    assertEquals("OVERRIDDEN", visitStatus());
    JsonObject log = new JsonObject(server.request("GET", "/api/debtors/TAB-1/log", server.adminToken(), null).body());
    assertTrue(log.getJsonArray("entries").stream().map(JsonObject.class::cast)
        .anyMatch(e -> e.getString("kind").equals("override") && e.getString("summary").contains("confirmado por llamada")), log.encode());
    // The rejected mark and its button leave the timeline once the detail refreshes.
    page.waitForFunction("() => !document.querySelector('#timeline-events li.rejected')");
    // Closing the detail brings the list back.
    page.click("#detail-close");
    assertTrue(page.isVisible("#fleet"));
    HeadlessChromium.closePage(page);
  }

  @Test
  void aManagerSeesNoOverrideButtonAndTheDesktopKeepsItsSidePanels() throws Exception {
    server.officeUserInTeam("tab-gerente", "manager", "tab-equipo");
    assertEquals(200, server.request("PUT", "/api/agents/tab-ana/team", server.adminToken(), "{\"team\": \"tab-equipo\"}").statusCode());
    Page page = chromium.newPageInZone("UTC");
    DispatcherMapPage map = new DispatcherMapPage(page).open(server.baseUrl()).logIn("tab-gerente", "tab-gerente-password");
    map.waitForRow("tab-ana");
    assertTrue(page.isHidden("#fleet-toggle"), "desktop width: the list stays");
    map.row("tab-ana").click();
    page.locator("#timeline-events li.ev.visit").first().waitFor();
    assertEquals(0, page.locator("button.override").count(), "a manager reads, a dispatcher or admin overrides");
    assertEquals("static", page.evaluate("() => getComputedStyle(document.getElementById('detail')).position"));
    assertTrue(page.isVisible("#fleet"));
    HeadlessChromium.closePage(page);
  }

  static String visitStatus() {
    return new JsonObject(server.request("GET", "/api/visits/" + rejectedVisit, server.adminToken(), null).body()).getString("status");
  }

}
