package io.campo.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.microsoft.playwright.Page;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The alerts panel of the dispatcher map: an agent's phone runs low during a planned day; the alert appears live, in
 * Spanish or English, stamped in the agency's time zone (Kolkata, half an hour off any whole-hour zone, while the
 * browser reads the time in UTC); the panel folds; a reload shows it again; charging clears it live.
 */
class AlertsPanelPageTest {

  static final double LAT = 19.4326;
  static final double LON = -99.1332;
  static final ZoneId AGENCY = ZoneId.of("Asia/Kolkata");
  static TestServer server;
  @RegisterExtension static final HeadlessChromium chromium = HeadlessChromium.perTestClass();

  @BeforeAll
  static void start() throws Exception {
    Map<String, String> env = TestServer.env(TestServer.freshDatabaseUrl());
    env.put("CAMPO_TIME_ZONE", AGENCY.getId());
    env.put("CAMPO_WATCH_INTERVAL_SECONDS", "1");
    server = TestServer.start(env);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static void planToday(String agentId) throws Exception {
    long now = Devices.now();
    JsonObject route = new JsonObject().put("agentId", agentId).put("departure", Devices.iso(now - 3_600_000))
        .put("finish", Devices.iso(now + 3_600_000))
        .put("stops", new JsonArray().add(new JsonObject().put("visitId", "CR-1").put("lat", LAT + 0.01).put("lon", LON)
            .put("arrival", Devices.iso(now + 600_000)).put("serviceStart", Devices.iso(now + 600_000))
            .put("departure", Devices.iso(now + 1_200_000))))
        .put("geometry", new JsonObject().put("type", "LineString").put("coordinates", new JsonArray()
            .add(new JsonArray().add(LON).add(LAT)).add(new JsonArray().add(LON).add(LAT + 0.01))));
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", "");
        PreparedStatement ps = c.prepareStatement("INSERT INTO plan_job (plan_date, status, request, result, created_by, finished_at)"
            + " VALUES (?, 'done', '{}', ?::jsonb, 'admin', now())")) {
      ps.setObject(1, LocalDate.now(AGENCY));
      ps.setString(2, new JsonObject().put("routes", new JsonArray().add(route)).encode());
      ps.executeUpdate();
    }
  }

  @Test
  void aLowBatteryAlertAppearsLiveInTheAgencysTimeSurvivesAReloadAndClearsWhenCharging() throws Exception {
    String agent = "alba-01";
    Mqtt5AsyncClient phone = Devices.mqtt5(server.server.mqttPort(), agent, server.createAgent(agent));
    planToday(agent);
    DispatcherMapPage map = new DispatcherMapPage(chromium.newPageInZone("UTC")).open(server.baseUrl())
        .logIn("admin", TestServer.ADMIN_PASSWORD);
    Page page = map.page;
    page.waitForFunction("() => window.campo.mode === 'live'", null, new Page.WaitForFunctionOptions().setTimeout(15_000));
    assertEquals("Alertas (0)", map.text("#alerts-title"));
    assertEquals("Sin alertas abiertas", map.text("#alert-list"));

    DispatcherMapPageTest.publish(phone, agent, Devices.now(), LAT, LON, 8, 1);
    page.waitForFunction("() => document.querySelectorAll('#alert-list li.alert').length === 1", null,
        new Page.WaitForFunctionOptions().setTimeout(15_000));
    assertEquals("Alertas (1)", map.text("#alerts-title"));
    String item = map.text("#alert-list li.alert");
    assertTrue(item.startsWith("Batería baja · Agent " + agent), item);
    assertTrue(item.contains("8 %"), item);
    JsonObject alert = new JsonObject(server.request("GET", "/api/alerts", server.adminToken(), null).body())
        .getJsonArray("alerts").getJsonObject(0);
    ZonedDateTime raised = Instant.parse(alert.getString("raisedAt")).atZone(AGENCY);
    String minutes = String.format(":%02d", raised.getMinute());
    int hour12 = raised.getHour() % 12 == 0 ? 12 : raised.getHour() % 12;
    assertTrue(item.contains("desde " + String.format("%02d", raised.getHour()) + minutes)
        || item.contains("desde " + hour12 + minutes) || item.contains("desde " + String.format("%02d", hour12) + minutes),
        "raised at " + raised + " in the agency's zone: " + item);
    HeadlessChromium.screenshot(page, "alerts-panel");

    page.click("#lang");
    assertEquals("Alerts (1)", map.text("#alerts-title"));
    assertTrue(map.text("#alert-list li.alert").startsWith("Low battery · Agent " + agent), map.text("#alert-list"));
    page.click("#lang");

    page.click("#alerts-title");
    assertFalse(page.isVisible("#alert-list"), "the panel folds");
    page.click("#alerts-title");
    assertTrue(page.isVisible("#alert-list"));

    page.reload();
    page.waitForFunction("() => document.querySelectorAll('#alert-list li.alert').length === 1", null,
        new Page.WaitForFunctionOptions().setTimeout(15_000));
    page.waitForFunction("() => window.campo.mode === 'live'", null, new Page.WaitForFunctionOptions().setTimeout(15_000));

    page.click("#alert-list li.alert");
    page.waitForFunction("() => !document.querySelector('#detail').hidden", null, new Page.WaitForFunctionOptions().setTimeout(5_000));
    assertEquals("Agent " + agent, map.text("#detail-name"), "clicking an alert opens its agent");

    DispatcherMapPageTest.publish(phone, agent, Devices.now(), LAT, LON, 90, 2);
    page.waitForFunction("() => document.querySelectorAll('#alert-list li.alert').length === 0", null,
        new Page.WaitForFunctionOptions().setTimeout(15_000));
    assertEquals("Alertas (0)", map.text("#alerts-title"));
    HeadlessChromium.closePage(page);
    phone.disconnect().get();
  }
}
