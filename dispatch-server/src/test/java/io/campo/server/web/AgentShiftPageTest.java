package io.campo.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Geolocation;
import io.campo.server.TestServer;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Work-hours-only tracking in the agent app, on a phone-sized Chromium with emulated positions: off duty the app keeps
 * and sends no position at all (the server's off-duty counter does not move), the agent starts a shift and its
 * positions reach the server, ends it and they stop again.
 */
class AgentShiftPageTest {

  static final double LAT = -33.4489;
  static final double LON = -70.6693;
  static TestServer server;
  @RegisterExtension static final HeadlessChromium chromium = HeadlessChromium.perTestClass();
  static String deviceToken;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.startInZone("America/Santiago");
    deviceToken = server.createAgent("turno-app");
    HttpResponse<String> put = server.request("PUT", "/api/agents/turno-app/schedule", server.adminToken(), "{\"weekly\":[]}");
    assertEquals(200, put.statusCode(), put.body());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static long rows() {
    return server.count("SELECT count(*) FROM telemetry WHERE agent_id = 'turno-app'");
  }

  static double offDutyCounter() {
    Matcher m = Pattern.compile("(?m)^campo_telemetry_off_duty_total(?:\\{[^}]*\\})? ([0-9.E]+)$")
        .matcher(server.request("GET", "/metrics", null, null).body());
    assertTrue(m.find());
    return Double.parseDouble(m.group(1));
  }

  /** Moves the phone and waits until the app has seen the position (the tracker keeps one fix per 2 s at most). */
  static void walk(Page page, int steps) throws InterruptedException {
    for (int i = 0; i < steps; i++) {
      double lat = LAT + Math.random() * 0.001;
      page.context().setGeolocation(new Geolocation(lat, LON).setAccuracy(6));
      page.waitForFunction("(lat) => window.AgentTracker.last && window.AgentTracker.last.lat === lat", lat);
      Thread.sleep(2100);
    }
  }

  @Test
  void offDutyTheAppRecordsNothingAndAShiftStartedFromTheAppIsTracked() throws Exception {
    // The dispatcher's map, open meanwhile: the agent is shown fuera de turno, and changes live.
    DispatcherMapPage map = new DispatcherMapPage(chromium.newPage()).open(server.baseUrl()).logIn("admin", TestServer.ADMIN_PASSWORD);
    map.waitForRow("turno-app");
    assertEquals("offDuty", map.row("turno-app").getAttribute("data-status"));
    assertEquals("fuera de turno", map.row("turno-app").locator(".badge.off-duty").innerText().trim());

    Page page = chromium.newPhonePage(LAT, LON);
    SignIn.toAgentApp(page, server.baseUrl(), "turno-app", deviceToken);
    page.waitForFunction("() => window.AgentTracker.isConnected()");
    page.waitForFunction("() => document.getElementById('shift-state').textContent.startsWith('Fuera de turno')");
    assertEquals("Iniciar turno", page.textContent("#shift-toggle"));

    double offBefore = offDutyCounter();
    walk(page, 3);
    assertTrue(((Number) page.evaluate("() => window.AgentTracker.skippedOffDuty || 0")).intValue() >= 3,
        "the app saw the positions and kept none");
    assertEquals(0, ((Number) page.evaluate("() => window.AgentStore.count('fixes')")).intValue());
    assertEquals(0, rows());

    page.click("#shift-toggle");
    page.waitForFunction("() => document.getElementById('shift-state').textContent === 'En turno'");
    assertEquals("Terminar turno", page.textContent("#shift-toggle"));
    map.page.waitForFunction("() => document.querySelector(\".agent-row[data-agent='turno-app']\").dataset.status !== 'offDuty'");
    walk(page, 2);
    long deadline = System.currentTimeMillis() + 15_000;
    while (rows() < 2 && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertTrue(rows() >= 2, "on duty the app's positions are stored: " + rows());

    page.click("#shift-toggle");
    page.waitForFunction("() => document.getElementById('shift-state').textContent.startsWith('Fuera de turno')");
    page.waitForFunction("() => window.AgentTracker.flushed().then(() => true)");
    long storedOnDuty = rows();
    walk(page, 2);
    Thread.sleep(1000);
    assertEquals(storedOnDuty, rows(), "nothing more after the shift ended");
    assertEquals(0, offDutyCounter() - offBefore, 0.001, "the app sent the server no off-duty fix to drop");
    assertEquals(2, server.count("SELECT count(*) FROM agent_shift_action WHERE agent_id = 'turno-app' AND by_user = 'turno-app'"));
    map.page.waitForFunction("() => document.querySelector(\".agent-row[data-agent='turno-app']\").dataset.status === 'offDuty'");
    HeadlessChromium.closePage(map.page);
    HeadlessChromium.closePage(page);
  }
}
