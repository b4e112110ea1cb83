package io.campo.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.microsoft.playwright.Page;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The map on a server with a road graph (a 3 km generated demo city) and a portfolio: planning from
 * the page, and an agent's day (route, stops, a rejected visit's reasons).
 */
class PlannedDayPageTest {

  static final double LAT = 19.4326;
  static final double LON = -99.1332;
  static final ZoneId AGENCY_ZONE = ZoneId.of("America/Mexico_City");
  @TempDir static Path dataDir;
  static TestServer server;
  @RegisterExtension static final HeadlessChromium chromium = HeadlessChromium.perTestClass();

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.startWithDemoCity(dataDir);
    // Plans drawn from the portfolio are one team's: the page sends its agents' team.
    assertEquals(201, server.request("POST", "/api/teams", server.adminToken(), new JsonObject().put("id", "web").encode()).statusCode());
    JsonArray debtors = new JsonArray();
    for (int i = 0; i < 8; i++) {
      debtors.add(new JsonObject().put("id", "W-" + i).put("name", "Deudora " + i)
          .put("lat", LAT + (i % 4 - 1.5) * 0.002).put("lon", LON + (i / 4 - 0.5) * 0.003)
          .put("product", "consumo").put("contract", "KW-" + i).put("currency", "MXN")
          .put("principal", "20000").put("balance", Integer.toString(2000 + i * 500)).put("due_date", "2026-10-01")
          .put("team", "web"));
    }
    HttpResponse<String> imported = server.request("POST", "/api/debtors/import", server.adminToken(), debtors.encode());
    assertEquals(200, imported.statusCode(), imported.body());
    server.awaitRoads();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** An agent whose phone reported one fix at the city centre, so plans start from there. */
  static String agentAtTheCentre(String id) throws Exception {
    String deviceToken = server.createAgent(id, "web");
    Mqtt5AsyncClient phone = Devices.mqtt5(server.server.mqttPort(), id, deviceToken);
    phone.publishWith().topic(Devices.telemetryTopic(id)).qos(Devices.QOS1)
        .payload(Devices.fix(Devices.now(), LAT, LON, 1)).send().get(10, TimeUnit.SECONDS);
    phone.disconnect().get(5, TimeUnit.SECONDS);
    return deviceToken;
  }

  @Test
  void aDispatcherPlansTheDayFromThePageAndSeesTheRoutesOnTheRoads() throws Exception {
    agentAtTheCentre("plan-web");
    DispatcherMapPage map = new DispatcherMapPage(chromium.newPage()).open(server.baseUrl()).logIn("admin", TestServer.ADMIN_PASSWORD);
    Page page = map.page;
    map.waitForRow("plan-web");
    page.click("#plan-panel summary");
    page.fill("#plan-date", LocalDate.now(AGENCY_ZONE).plusDays(1).toString());
    page.fill("#plan-max", "3");
    map.row("plan-web").locator("input.plan-pick").check();
    page.click("#plan-submit");

    page.waitForFunction("() => window.campo.plan && window.campo.plan.status !== 'running'", null,
        new Page.WaitForFunctionOptions().setTimeout(60_000));
    assertEquals("done", page.evaluate("() => window.campo.plan.status"), map.text("#plan-error"));
    assertEquals(1, ((Number) page.evaluate("() => window.campo.planRoutes")).intValue(), "the planned agent's route is drawn");
    assertEquals(100, ((Number) page.evaluate("() => document.getElementById('plan-progress').value")).intValue());
    assertEquals("Plan listo: 1 ruta", map.text("#plan-status"));
    assertTrue(page.locator(".leaflet-overlay-pane path, .leaflet-overlay-pane canvas").count() > 0);

    // What the page asked for: this agent from where its phone is, three visits drawn from the portfolio.
    long planId = ((Number) page.evaluate("() => window.campo.plan.id")).longValue();
    JsonObject job = new JsonObject(server.request("GET", "/api/plans/" + planId, server.adminToken(), null).body());
    JsonObject route = job.getJsonObject("result").getJsonArray("routes").getJsonObject(0);
    assertEquals("plan-web", route.getString("agentId"));
    assertTrue(route.getJsonArray("stops").size() <= 3, route.encode());
    assertTrue(route.getJsonObject("geometry").getJsonArray("coordinates").size() > 1);
    HeadlessChromium.screenshot(page, "planned-routes");
    HeadlessChromium.closePage(page);
  }

  // ---- the selected agent's day (GET /api/agents/{id}/day) ----

  static boolean dayReady;

  /** Today's plan for agent dia-web over the portfolio, and one of its visits checked in 400 m from the door. */
  static synchronized void plannedDayWithARejectedVisit() throws Exception {
    if (dayReady) {
      return;
    }
    String deviceToken = agentAtTheCentre("dia-web");
    JsonObject body = new JsonObject().put("date", LocalDate.now(AGENCY_ZONE).toString()).put("timeLimitSeconds", 2).put("team", "web")
        .put("agents", new JsonArray().add(new JsonObject().put("id", "dia-web").put("profile", "motorcycle")
            .put("shiftStart", "00:05").put("shiftEnd", "23:55").put("maxVisits", 3)
            .put("start", new JsonObject().put("lat", LAT).put("lon", LON)).put("end", new JsonObject().put("lat", LAT).put("lon", LON))))
        .put("portfolio", new JsonObject().put("maxVisits", 3));
    HttpResponse<String> accepted = server.request("POST", "/api/plans", server.adminToken(), body.encode());
    assertEquals(202, accepted.statusCode(), accepted.body());
    long planId = new JsonObject(accepted.body()).getLong("id");
    JsonObject job = null;
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      job = new JsonObject(server.request("GET", "/api/plans/" + planId, server.adminToken(), null).body());
      if (!"running".equals(job.getString("status"))) {
        break;
      }
      Thread.sleep(250);
    }
    assertEquals("done", job.getString("status"), job.encode());
    JsonObject firstStop = job.getJsonObject("result").getJsonArray("routes").getJsonObject(0).getJsonArray("stops").getJsonObject(0);

    HttpResponse<String> login = server.request("POST", "/api/auth/device", null,
        new JsonObject().put("agentId", "dia-web").put("deviceToken", deviceToken).encode());
    String agentJwt = new JsonObject(login.body()).getString("token");
    long checkIn = Devices.now() - 60_000;
    double awayLon = firstStop.getDouble("lon") + 400 / (111_320.0 * Math.cos(Math.toRadians(LAT)));
    JsonObject visit = new JsonObject().put("debtor", firstStop.getString("visitId")).put("planId", planId)
        .put("checkIn", new JsonObject().put("at", Instant.ofEpochMilli(checkIn).toString())
            .put("lat", firstStop.getDouble("lat")).put("lon", awayLon).put("accuracy", 8))
        .put("checkOutAt", Instant.ofEpochMilli(checkIn + 30_000).toString())
        .put("outcome", new JsonObject().put("type", "NO_CONTACT"));
    HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/visits"))
        .header("Authorization", "Bearer " + agentJwt).header("Content-Type", "application/json").header("Idempotency-Key", "web-day-1")
        .POST(HttpRequest.BodyPublishers.ofString(visit.encode())).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(201, posted.statusCode(), posted.body());
    assertEquals("REJECTED", new JsonObject(posted.body()).getString("status"));
    dayReady = true;
  }

  DispatcherMapPage selectedDayAgent() {
    DispatcherMapPage map = new DispatcherMapPage(chromium.newPage()).open(server.baseUrl()).logIn("admin", TestServer.ADMIN_PASSWORD);
    map.waitForRow("dia-web");
    map.row("dia-web").click();
    map.page.waitForFunction("() => window.campo.day && window.campo.day.agentId === 'dia-web'");
    return map;
  }

  @Test
  void clickingAnAgentShowsItsRouteOnTheRoadsAndItsNumberedStops() throws Exception {
    plannedDayWithARejectedVisit();
    DispatcherMapPage map = selectedDayAgent();
    Page page = map.page;
    assertEquals(true, page.evaluate("() => window.campo.dayLayers.route"));
    int stops = ((Number) page.evaluate("() => window.campo.day.route.stops.length")).intValue();
    assertTrue(stops >= 1 && stops <= 3, "stops: " + stops);
    assertEquals(stops, page.locator(".stop-icon").count());
    assertEquals("1", page.locator(".stop-icon span").first().innerText().trim());
    assertTrue(((Number) page.evaluate("() => window.campo.dayLayers.geofences")).intValue() >= stops, "one geofence per debtor address");
    assertTrue(map.text("#day-status").contains(stops + " paradas"), map.text("#day-status"));
    HeadlessChromium.screenshot(page, "agent-day");
    HeadlessChromium.documentationScreenshot(page, "dispatcher-map");
    HeadlessChromium.closePage(page);
  }

  @Test
  void aRejectedVisitShowsRedWithItsReasonInWords() throws Exception {
    plannedDayWithARejectedVisit();
    DispatcherMapPage map = selectedDayAgent();
    Page page = map.page;
    assertEquals(1, page.locator(".stop-icon.stop-rejected").count());
    page.locator(".stop-icon.stop-rejected").click();
    page.locator(".leaflet-popup-content").waitFor();
    String popup = map.text(".leaflet-popup-content");
    assertTrue(popup.contains("Rechazada"), popup);
    assertTrue(popup.contains("Registro fuera de la geocerca"), popup);
    assertTrue(popup.contains("Sin contacto"), popup);
    // An admin may accept it from the popup: the button opens the reason dialog (cancelled here: nothing changes).
    page.click(".leaflet-popup-content button.override");
    page.locator("#override-dialog[open]").waitFor();
    page.click("#override-cancel");
    assertEquals(false, page.evaluate("() => document.getElementById('override-dialog').open"));
    // The timeline lists the same visit with its verdict.
    page.waitForFunction("() => document.querySelectorAll('#timeline-events li.visit').length > 0");
    assertTrue(map.text("#timeline-events").contains("Registro fuera de la geocerca"), map.text("#timeline-events"));
    HeadlessChromium.screenshot(page, "rejected-visit");
    HeadlessChromium.closePage(page);
  }

  @Test
  void aMessageSentFromThePageAppearsInTheTimeline() throws Exception {
    plannedDayWithARejectedVisit();
    DispatcherMapPage map = selectedDayAgent();
    Page page = map.page;
    page.click("#message-form button[type=submit]");
    assertEquals("Escribe un mensaje", map.text("#message-status"));
    page.fill("#message-text", "Pasa primero con la señora López, por favor");
    page.click("#message-form button[type=submit]");
    page.waitForFunction("() => document.getElementById('message-status').textContent === 'Mensaje enviado'");
    assertTrue(map.text("#timeline-events").contains("Pasa primero con la señora López, por favor"));
    HeadlessChromium.closePage(page);
  }
}
