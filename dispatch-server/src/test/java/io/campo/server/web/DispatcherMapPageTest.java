package io.campo.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dispatcher map in a real browser against the real server (PostgreSQL, MQTT, no road graph):
 * login and language, agents that move when their phones publish, the list's badges and filters,
 * the offline basemap, and readable planning errors.
 */
class DispatcherMapPageTest {

  static final double LAT = 19.4326;
  static final double LON = -99.1332;
  static TestServer server;
  @RegisterExtension static final HeadlessChromium chromium = HeadlessChromium.perTestClass();
  static Mqtt5AsyncClient ana;
  static Mqtt5AsyncClient beto;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    assertEquals(201, server.request("POST", "/api/teams", server.adminToken(), "{\"id\": \"norte\", \"name\": \"Norte\"}").statusCode());
    ana = Devices.mqtt5(server.server.mqttPort(), "ana-01", server.createAgent("ana-01", "norte"));
    beto = Devices.mqtt5(server.server.mqttPort(), "beto-02", server.createAgent("beto-02"));
  }

  @AfterAll
  static void stop() throws Exception {
    ana.disconnect().get(5, TimeUnit.SECONDS);
    beto.disconnect().get(5, TimeUnit.SECONDS);
    server.close();
  }

  static void publish(Mqtt5AsyncClient phone, String agentId, long deviceTime, double lat, double lon, int battery, int seq) throws Exception {
    String fix = "{\"ts\":" + deviceTime + ",\"lat\":" + lat + ",\"lon\":" + lon + ",\"acc\":6,\"spd\":4.5,\"hdg\":90,\"bat\":" + battery
        + ",\"chg\":false,\"seq\":" + seq + "}";
    phone.publishWith().topic(Devices.telemetryTopic(agentId)).qos(Devices.QOS1)
        .payload(fix.getBytes(StandardCharsets.UTF_8)).send().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aWrongPasswordIsRefusedTheRightOneShowsTheMapInSpanishAndEnglishIsOneClickAway() {
    DispatcherMapPage map = new DispatcherMapPage(chromium.newPage()).open(server.baseUrl());
    Page page = map.page;
    assertEquals("es", page.getAttribute("html", "lang"));
    assertEquals("Iniciar sesión", map.text("#login h1"));
    assertEquals("English", map.text("#lang"));

    map.submitLogin("admin", "not-the-password");
    page.waitForFunction("() => document.getElementById('login-error').textContent.length > 0");
    assertEquals("Usuario o contraseña incorrectos", map.text("#login-error"));
    assertTrue(page.isHidden("#app"));

    map.logIn("admin", TestServer.ADMIN_PASSWORD);
    assertTrue(page.isVisible("#map.leaflet-container"));
    assertEquals("Salir", map.text("#logout"));
    assertEquals("Buscar por nombre o id", page.getAttribute("#search", "placeholder"));
    assertEquals(List.of("Todos", "En línea", "Sin señal reciente", "Desconectado", "Deshabilitado", "Fuera de turno", "Batería baja"),
        page.locator("#status-filter option").allInnerTexts().stream().map(String::trim).toList());
    HeadlessChromium.screenshot(page, "map-spanish");

    page.click("#lang");
    assertEquals("en", page.getAttribute("html", "lang"));
    assertEquals("Log out", map.text("#logout"));
    assertEquals("Search by name or id", page.getAttribute("#search", "placeholder"));
    assertEquals("Español", map.text("#lang"));
    // The summary fills in as the first live frame (or poll) arrives.
    page.waitForFunction("() => document.querySelector('#summary').textContent.includes('2 agents')", null,
        new Page.WaitForFunctionOptions().setTimeout(10_000));

    // The choice is remembered across a reload, and the session (sessionStorage) survives it too.
    page.reload();
    page.locator("#app").waitFor();
    assertEquals("en", page.getAttribute("html", "lang"));
    assertEquals("Log out", map.text("#logout"));
    HeadlessChromium.screenshot(page, "map-english");

    page.click("#logout");
    page.locator("#login").waitFor();
    assertEquals("Sign in", map.text("#login h1"));
    assertEquals(null, page.evaluate("() => sessionStorage.getItem('campo.token')"));
    HeadlessChromium.closePage(page);
  }

  static void submitPasswordChange(Page page, String current, String password, String repeat) {
    page.fill("#password-dialog input[name=current]", current);
    page.fill("#password-dialog input[name=password]", password);
    page.fill("#password-dialog input[name=repeat]", repeat);
    page.click("#password-dialog button[type=submit]");
  }

  @Test
  void aDispatcherChangesTheirPasswordAndKeepsWorkingWhileOtherSessionsEnd() {
    // Created with the password "paula-password"; this token stands for a session in another browser.
    String elsewhere = server.officeUserInTeam("paula", "dispatcher", "norte");
    DispatcherMapPage map = new DispatcherMapPage(chromium.newPage()).open(server.baseUrl());
    Page page = map.page;
    map.logIn("paula", "paula-password");
    page.waitForFunction("() => window.campo.ready === true", null, new Page.WaitForFunctionOptions().setTimeout(10_000));
    assertEquals("Cambiar contraseña", map.text("#password"));
    page.click("#password");
    assertEquals("Contraseña actual", map.text("#password-dialog label:nth-of-type(1) span"));
    submitPasswordChange(page, "paula-password", "paula-password-2", "paula-password-3");
    assertEquals("Las dos contraseñas nuevas no coinciden", map.text("#password-status"));
    submitPasswordChange(page, "not-my-password", "paula-password-2", "paula-password-2");
    page.waitForFunction("() => document.getElementById('password-status').textContent.includes('actual')");
    assertEquals("La contraseña actual no es correcta", map.text("#password-status"));
    submitPasswordChange(page, "paula-password", "paula-password-2", "paula-password-2");
    page.waitForFunction("() => document.getElementById('password-status').dataset.outcome === 'done'");
    assertEquals("Contraseña cambiada. Las demás sesiones se cerraron.", map.text("#password-status"));
    HeadlessChromium.screenshot(page, "password-changed");
    page.click("#password-cancel");

    // This tab goes on with the session the change answered: its live socket (closed by the change) comes back.
    assertEquals(401, server.request("GET", "/api/agents", elsewhere, null).statusCode(), "the other session ended");
    page.waitForFunction("() => window.campo.ready === true && document.getElementById('connection').dataset.mode === 'live'", null,
        new Page.WaitForFunctionOptions().setTimeout(15_000));
    assertTrue(page.isVisible("#app"));
    String token = (String) page.evaluate("() => sessionStorage.getItem('campo.token')");
    assertEquals(200, server.request("GET", "/api/agents", token, null).statusCode());
    assertEquals(401, server.request("POST", "/api/auth/login", null,
        "{\"username\": \"paula\", \"password\": \"paula-password\"}").statusCode());
    server.login("paula", "paula-password-2");
    HeadlessChromium.closePage(page);
  }

  @Test
  void agentsAppearAndMoveWhenTheirPhonesPublishAndTheListFlagsStaleAndLowBattery() throws Exception {
    publish(ana, "ana-01", Devices.now(), LAT, LON, 81, 1);
    // Beto's phone last reported ten minutes ago, on 12 % battery: both must stand out.
    publish(beto, "beto-02", Devices.now() - 10 * 60_000, LAT + 0.004, LON + 0.004, 12, 1);

    DispatcherMapPage map = new DispatcherMapPage(chromium.newPage()).open(server.baseUrl()).logIn("admin", TestServer.ADMIN_PASSWORD);
    Page page = map.page;
    map.waitForRow("ana-01");
    map.waitForRow("beto-02");
    double[] first = map.markerLatLng("ana-01");
    assertNotNull(first, "ana-01 has a marker");
    assertEquals(LAT, first[0], 1e-9);
    assertEquals(LON, first[1], 1e-9);

    assertEquals("online", map.row("ana-01").getAttribute("data-status"));
    assertEquals("stale", map.row("beto-02").getAttribute("data-status"));
    assertTrue(map.row("beto-02").getAttribute("class").contains("low-battery"));
    assertEquals(List.of("sin señal", "batería baja"),
        map.row("beto-02").locator(".badge").allInnerTexts().stream().map(String::trim).toList());
    assertEquals(0, map.row("ana-01").locator(".badge").count(), "a healthy agent carries no badge");
    page.waitForFunction("() => document.querySelector('#summary').textContent.startsWith('2 agentes')", null,
        new Page.WaitForFunctionOptions().setTimeout(10_000));

    // A new fix moves the marker through the live socket.
    publish(ana, "ana-01", Devices.now(), LAT + 0.002, LON - 0.001, 80, 2);
    page.waitForFunction("() => { const p = window.campo.markerLatLng('ana-01'); return p && Math.abs(p[0] - " + (LAT + 0.002) + ") < 1e-9; }",
        null, new Page.WaitForFunctionOptions().setTimeout(15_000));
    assertEquals(LON - 0.001, map.markerLatLng("ana-01")[1], 1e-9);
    String mode = (String) page.evaluate("() => window.campo.mode");
    assertEquals("live", mode, "the move arrived through WS /api/live, not the polling fallback");
    assertTrue((Boolean) page.evaluate("() => window.campo.ready && window.campoStats.frames > 0 && window.campoStats.delays.length > 0"));
    HeadlessChromium.screenshot(page, "agents-moving");

    // Search and status filters narrow the list; counts say how many are shown.
    // The list redraws at most once a second, so each step waits for the rows it expects, not just a count.
    page.fill("#search", "beto");
    awaitRows(page, "beto-02");
    assertEquals("Mostrando 1 de 2", map.text("#list-count"));
    page.fill("#search", "");
    awaitRows(page, "ana-01", "beto-02");
    page.selectOption("#status-filter", "low");
    awaitRows(page, "beto-02");
    page.selectOption("#status-filter", "online");
    awaitRows(page, "ana-01");
    page.selectOption("#status-filter", "all");
    awaitRows(page, "ana-01", "beto-02");
    assertTrue(page.isVisible("#team-filter"), "the server has a team, so the page offers the filter");
    page.selectOption("#team-filter", "norte");
    awaitRows(page, "ana-01");
    page.selectOption("#team-filter", "");
    awaitRows(page, "ana-01", "beto-02");

    // Clicking a row selects the agent: the detail panel names it and its marker is highlighted.
    map.row("ana-01").click();
    page.locator("#detail").waitFor();
    assertEquals("Agent ana-01", map.text("#detail-name"));
    assertTrue(map.text("#detail-facts").contains("81 %") || map.text("#detail-facts").contains("80 %"), map.text("#detail-facts"));
    assertEquals("ana-01", page.evaluate("() => window.campo.selected"));
    assertTrue(map.row("ana-01").getAttribute("class").contains("selected"));

    // Agents are drawn on one canvas: a click on beto's dot (not on the list) selects beto.
    page.click("#detail-close");
    page.locator("#detail").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.HIDDEN));
    page.waitForTimeout(300); // the map resizes to fill the closed panel's space
    List<?> point = (List<?>) page.evaluate("() => window.campo.markerPagePoint('beto-02')");
    page.mouse().click(((Number) point.get(0)).doubleValue(), ((Number) point.get(1)).doubleValue());
    page.waitForFunction("() => window.campo.selected === 'beto-02'", null, new Page.WaitForFunctionOptions().setTimeout(5_000));
    assertEquals("Agent beto-02", map.text("#detail-name"));
    HeadlessChromium.screenshot(page, "agent-clicked-on-map");
    HeadlessChromium.closePage(page);
  }

  @Test
  void withoutReachableTilesTheMapFallsBackToTheServersRoadsAndIsNeverBlank() {
    DispatcherMapPage map = new DispatcherMapPage(chromium.newPage()).open(server.baseUrl()).logIn("admin", TestServer.ADMIN_PASSWORD);
    Page page = map.page;
    // Every tile request leaves 127.0.0.1 and is aborted (HeadlessChromium), as on an offline network.
    page.waitForFunction("() => window.campo.basemap === 'roads'");
    assertEquals(0, page.locator(".leaflet-tile-pane img.leaflet-tile").count(), "no tile layer left on the map");
    assertEquals("rgb(236, 232, 223)", page.evaluate("() => getComputedStyle(document.getElementById('map')).backgroundColor"));
    HeadlessChromium.screenshot(page, "offline-basemap");
    HeadlessChromium.closePage(page);
  }

  @Test
  void planningErrorsAreShownReadably() {
    DispatcherMapPage map = new DispatcherMapPage(chromium.newPage()).open(server.baseUrl()).logIn("admin", TestServer.ADMIN_PASSWORD);
    Page page = map.page;
    map.waitForRow("ana-01");
    page.click("#plan-panel summary");
    page.click("#plan-submit");
    assertEquals("Selecciona al menos un agente en la lista", map.text("#plan-error"));

    map.row("ana-01").locator("input.plan-pick").check();
    assertEquals("1 agente seleccionado", map.text("#plan-selection"));
    page.click("#plan-submit");
    // This server has no road graph (CAMPO_ROADS=none): the 503's reason is shown under a Spanish title.
    page.waitForFunction("() => document.getElementById('plan-error').textContent.includes(':')");
    String error = map.text("#plan-error");
    assertTrue(error.startsWith("La red de calles no está lista: "), error);
    assertTrue(error.length() > "La red de calles no está lista: ".length() + 5, "the server's reason follows: " + error);
    assertFalse(page.isDisabled("#plan-submit"), "the form can be sent again");
    HeadlessChromium.screenshot(page, "plan-error");
    HeadlessChromium.closePage(page);
  }

  /** Waits until the list shows exactly these agents (in any order). */
  private static void awaitRows(Page page, String... agents) {
    String wanted = String.join(",", java.util.Arrays.stream(agents).sorted().toList());
    page.waitForFunction("(w) => Array.from(document.querySelectorAll('.agent-row')).map(r => r.dataset.agent).sort().join(',') === w",
        wanted, new Page.WaitForFunctionOptions().setTimeout(10_000));
  }
}
