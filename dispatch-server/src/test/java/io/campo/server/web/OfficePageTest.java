package io.campo.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.campo.server.evidence.TestImages;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The office page ({@code /office.html}) in a real browser against the real server, the browser's clock in UTC and
 * the agency in Mexico City: portfolio import with row-level errors and upload progress; debtor search and card (debts,
 * addresses on the map, visits with their photo thumbnails, the client log in the agency's time); the questionnaire
 * editor's versions; agents, teams and users with the enrolment QR; Spanish and English; a dispatcher of another
 * team sees none of this team's debtors.
 */
class OfficePageTest {

  static final String ZONE = "America/Mexico_City";
  static TestServer server;
  @RegisterExtension static final HeadlessChromium chromium = HeadlessChromium.perTestClass();
  static long rejectedVisit;
  @TempDir static Path files;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.startInZone(ZONE);
    server.officeUserInTeam("despacho-sur", "dispatcher", "sur");
    server.officeUserInTeam("despacho-norte", "dispatcher", "norte");
    JsonArray debtors = new JsonArray()
        .add(new JsonObject().put("id", "GAR-1").put("name", "Lucía García").put("lat", 19.4326).put("lon", -99.1332)
            .put("phone", "+52 55 1234 5678").put("team", "norte").put("contract", "K-1").put("product", "consumo")
            .put("currency", "MXN").put("principal", "10000").put("balance", "8000.50").put("due_date", "2026-10-01"))
        .add(new JsonObject().put("id", "GAR-2").put("name", "Pedro Garza").put("lat", 19.44).put("lon", -99.14)
            .put("team", "sur").put("contract", "K-2").put("product", "consumo").put("currency", "MXN")
            .put("principal", "500").put("balance", "500").put("due_date", "2026-10-01"));
    HttpResponse<String> imported = server.request("POST", "/api/debtors/import", server.adminToken(), debtors.encode());
    assertEquals(200, imported.statusCode(), imported.body());
    // A visit by an agent of team norte, checked in with no GPS track: rejected. Then a photo of the door.
    String deviceToken = server.createAgent("ofi-ana", "norte");
    String agentJwt = new JsonObject(server.request("POST", "/api/auth/device", null, new JsonObject().put("agentId", "ofi-ana")
        .put("deviceToken", deviceToken).encode()).body()).getString("token");
    JsonObject visit = new JsonObject().put("debtor", "GAR-1")
        .put("checkIn", new JsonObject().put("at", Instant.ofEpochMilli(Devices.now() - 60_000).toString())
            .put("lat", 19.4326).put("lon", -99.1332).put("accuracy", 5))
        .put("outcome", new JsonObject().put("type", "NO_CONTACT"));
    HttpResponse<String> posted = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/visits"))
        .header("Authorization", "Bearer " + agentJwt).header("Idempotency-Key", "ofi-1").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(visit.encode())));
    assertEquals(201, posted.statusCode(), posted.body());
    JsonObject recorded = new JsonObject(posted.body());
    rejectedVisit = recorded.getLong("id");
    assertEquals("REJECTED", recorded.getString("status"), posted.body());
    HttpResponse<String> photo = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/visits/" + rejectedVisit + "/photos?kind=door"))
        .header("Authorization", "Bearer " + agentJwt).header("Idempotency-Key", "ofi-photo-1").header("Content-Type", "image/jpeg")
        .POST(HttpRequest.BodyPublishers.ofByteArray(TestImages.jpeg(640, 480))));
    assertEquals(201, photo.statusCode(), photo.body());
  }

  static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Page logIn(String user, String password) {
    Page page = chromium.newPageInZone("UTC");
    page.onDialog(d -> d.accept());
    SignIn.toOffice(page, server.baseUrl(), user, password);
    return page;
  }

  @Test
  void anAdminImportsAPortfolioAndSeesEveryRejectedRowWithItsReason() throws Exception {
    Page page = logIn("admin", TestServer.ADMIN_PASSWORD);
    page.click("#tabs [data-tab=import]");
    StringBuilder csv = new StringBuilder("id,name,lat,lon,phone,team\n");
    int rows = 6000;
    for (int i = 0; i < rows; i++) {
      // Line 3 has no name, line 5 a latitude off the planet: rejected, the rest imported.
      String name = i == 1 ? "" : "Cliente importado " + i + " con un nombre largo para que el archivo pese";
      String lat = i == 3 ? "123.4" : "19.4";
      csv.append("IMP-").append(i).append(',').append(name).append(',').append(lat).append(",-99.1,5512345678,norte\n");
    }
    Path file = files.resolve("cartera.csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    page.setInputFiles("#import-file", file);
    page.click("#import-submit");
    page.locator("#import-status[data-outcome=done]").waitFor();
    String status = page.textContent("#import-status");
    assertTrue(status.startsWith(rows + " renglones: " + (rows - 2) + " nuevos, 0 actualizados, 2 rechazados"), status);
    assertEquals(100, ((Number) page.evaluate("() => document.getElementById('import-upload').value")).intValue());
    assertTrue(((Number) page.evaluate("() => window.campoOffice.uploadEvents")).intValue() >= 1, "upload progress was shown");
    Locator rejected = page.locator("#import-rejections tbody tr");
    assertEquals(2, rejected.count());
    assertEquals("3", rejected.nth(0).locator("td").nth(0).textContent());
    assertEquals("IMP-1", rejected.nth(0).locator("td").nth(1).textContent());
    assertTrue(rejected.nth(0).textContent().toLowerCase().contains("name"), rejected.nth(0).textContent());
    assertEquals("5", rejected.nth(1).locator("td").nth(0).textContent());
    assertTrue(rejected.nth(1).textContent().contains("lat"), rejected.nth(1).textContent());
    assertEquals(rows - 2, server.count("SELECT count(*) FROM debtor WHERE external_id LIKE 'IMP-%'"));

    // A file that is not a portfolio at all: the server's reason, nothing imported.
    Path latin1 = files.resolve("latin1.csv");
    Files.write(latin1, "id,name\nL-1,Mu\u00f1oz\n".getBytes(StandardCharsets.ISO_8859_1));
    page.setInputFiles("#import-file", latin1);
    page.click("#import-submit");
    page.waitForFunction("() => document.getElementById('import-error').textContent.length > 0");
    assertTrue(page.textContent("#import-error").contains("UTF-8"), page.textContent("#import-error"));
    assertEquals(0, server.count("SELECT count(*) FROM debtor WHERE external_id = 'L-1'"));
    HeadlessChromium.closePage(page);
  }

  @Test
  void aDispatcherFindsADebtorAndReadsTheCardInTheAgencysTime() throws Exception {
    Page page = logIn("despacho-norte", "despacho-norte-password");
    assertTrue(page.locator("#tabs [data-tab=people]").isHidden(), "users and agents are the admin's");
    page.fill("#debtor-q", "garc");
    page.click("#debtor-search button[type=submit]");
    page.locator("#debtor-results tbody tr").first().waitFor();
    // Pedro Garza is team sur's: not found, not counted.
    assertEquals(1, page.locator("#debtor-results tbody tr").count());
    assertEquals("1–1 de 1", page.textContent("#debtor-count"));
    page.click("#debtor-results tbody tr[data-debtor=GAR-1]");
    page.locator("#debtor-card").waitFor();
    assertEquals("Lucía García", page.textContent("#card-name"));
    assertTrue(page.textContent("#card-debts").contains("K-1"), page.textContent("#card-debts"));
    assertTrue(page.textContent("#card-debts").contains("8,000.50"), page.textContent("#card-debts"));
    page.waitForFunction("() => window.campoOffice.cardAddresses === 1");
    assertTrue(page.locator("#card-map path.leaflet-interactive").count() >= 1, "the address's geofence is drawn");

    // The visit, rejected, with its door photo's thumbnail fetched with the session's token.
    page.waitForFunction("() => window.campoOffice.thumbnailsShown >= 1");
    Locator visit = page.locator("#card-visits li[data-visit='" + rejectedVisit + "']");
    assertTrue(visit.getAttribute("class").contains("rejected"));
    assertTrue(visit.textContent().contains("ofi-ana") && visit.textContent().contains("NO_CONTACT"), visit.textContent());
    String src = visit.locator("img").getAttribute("src");
    assertTrue(src.startsWith("data:image/jpeg;base64,"), src);

    // The log's times in Mexico City's time although the browser's clock is UTC.
    Locator first = page.locator("#card-log li time").first();
    String at = first.getAttribute("datetime");
    Object expected = page.evaluate("at => new Intl.DateTimeFormat('es-MX', {dateStyle: 'medium', timeStyle: 'short',"
        + " timeZone: 'America/Mexico_City'}).format(new Date(at))", at);
    Object utc = page.evaluate("at => new Intl.DateTimeFormat('es-MX', {dateStyle: 'medium', timeStyle: 'short',"
        + " timeZone: 'UTC'}).format(new Date(at))", at);
    assertEquals(expected, first.textContent());
    assertNotEquals(utc, first.textContent(), "not the browser's UTC");
    assertTrue(page.locator("#card-log li").count() >= 3, "import, visit, outcome");
    HeadlessChromium.documentationScreenshot(page, "office-debtor-card");

    // English, same session.
    page.click("#lang");
    assertEquals("Debtors", page.textContent("#tabs [data-tab=debtors]"));
    assertEquals("1–1 of 1", page.textContent("#debtor-count"));
    page.click("#lang");
    HeadlessChromium.closePage(page);
  }

  @Test
  void aDispatcherOfAnotherTeamFindsNothingOfThisTeam() {
    Page page = logIn("despacho-sur", "despacho-sur-password");
    page.fill("#debtor-q", "Lucía");
    page.click("#debtor-search button[type=submit]");
    page.waitForFunction("() => document.getElementById('debtor-count').textContent.length > 0");
    assertEquals("Ningún deudor coincide", page.textContent("#debtor-count"));
    assertTrue(page.locator("#debtor-results").isHidden());
    // Too short a text: the page says what it needs, the server is not asked.
    page.fill("#debtor-q", "L");
    page.click("#debtor-search button[type=submit]");
    assertEquals("Escribe al menos 2 caracteres", page.textContent("#debtor-error"));
    HeadlessChromium.closePage(page);
  }

  @Test
  void anAdminWritesAQuestionnaireThenANewVersionAndSeesTheServersReasonForABadOne() {
    Page page = logIn("admin", TestServer.ADMIN_PASSWORD);
    page.click("#tabs [data-tab=questionnaires]");
    page.click("#q-new");
    page.fill("#q-key", "visita-domicilio");
    page.fill("#q-product", "consumo");
    Locator q1 = page.locator("#q-questions .question").nth(0);
    q1.locator(".q-id").fill("reconoce");
    q1.locator(".q-es").fill("¿Reconoce la deuda?");
    page.click("#q-add");
    Locator q2 = page.locator("#q-questions .question").nth(1);
    q2.locator(".q-id").fill("motivo");
    q2.locator(".q-type").selectOption("single_choice");
    q2.locator(".q-es").fill("Motivo del atraso");
    q2.locator(".q-choice-list").fill("desempleo");
    page.click("#q-editor button[type=submit]");
    // One choice is not a choice: the server's reason, and nothing saved.
    page.waitForFunction("() => document.getElementById('q-error').textContent.length > 0");
    assertTrue(page.textContent("#q-error").contains("choices"), page.textContent("#q-error"));
    assertEquals(404, server.request("GET", "/api/questionnaires/visita-domicilio", server.adminToken(), null).statusCode());

    q2.locator(".q-choice-list").fill("desempleo; enfermedad; otro");
    page.click("#q-editor button[type=submit]");
    page.locator("#q-versions li").first().waitFor();
    assertEquals("Guardada la versión 1 de visita-domicilio", page.textContent("#q-status"));
    assertTrue(page.textContent("#q-versions li.in-force").contains("Versión 1"));

    // A new version starts from the one in force; the old one stays listed.
    page.click("#q-versions [data-new-version='1']");
    assertEquals("reconoce", page.locator("#q-questions .question .q-id").first().inputValue());
    assertTrue(page.locator("#q-key").getAttribute("readonly") != null);
    page.locator("#q-questions .question").nth(1).locator(".q-remove").click();
    page.click("#q-editor button[type=submit]");
    page.waitForFunction("() => document.querySelectorAll('#q-versions li').length === 2");
    assertTrue(page.textContent("#q-versions li.in-force").contains("Versión 2"), page.textContent("#q-versions"));
    JsonObject versions = new JsonObject(server.request("GET", "/api/questionnaires/visita-domicilio", server.adminToken(), null).body());
    assertEquals(1, versions.getJsonArray("versions").getJsonObject(0).getJsonArray("questions").size());
    assertEquals(2, versions.getJsonArray("versions").getJsonObject(1).getJsonArray("questions").size());
    HeadlessChromium.closePage(page);
  }

  @Test
  void anAdminCreatesATeamAnAgentAndAUserRotatesTheTokenWithItsQrAndDisablesTheAgent() {
    Page page = logIn("admin", TestServer.ADMIN_PASSWORD);
    page.click("#tabs [data-tab=people]");
    page.fill("#team-id", "oriente");
    page.fill("#team-name", "Zona oriente");
    page.click("#team-form button[type=submit]");
    page.waitForFunction("() => [...document.querySelectorAll('#teams-list li')].some(li => li.textContent.includes('oriente'))");
    page.locator("#agent-team option[value=oriente]").waitFor(new Locator.WaitForOptions()
        .setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));

    page.fill("#agent-id", "ofi-nuevo");
    page.fill("#agent-name", "Nuevo Agente");
    page.selectOption("#agent-team", "oriente");
    page.click("#agent-form button[type=submit]");
    page.locator("#enrolment-qr svg").waitFor();
    assertEquals("ofi-nuevo", page.evaluate("() => window.campoOffice.enrolment.agentId"));
    String firstUrl = (String) page.evaluate("() => window.campoOffice.enrolment.url");
    assertTrue(page.textContent("#enrolment-token").length() > 30, "the new device token is shown once");
    assertEquals("oriente", page.inputValue("#agents-table tr[data-agent=ofi-nuevo] select.agent-team"));
    // Moved to another team from its row: the server's table says so.
    page.selectOption("#agents-table tr[data-agent=ofi-nuevo] select.agent-team", "norte");
    page.waitForFunction("() => document.getElementById('people-status').textContent === 'ofi-nuevo ahora en norte'");
    JsonArray moved = new JsonArray(server.request("GET", "/api/agents", server.adminToken(), null).body());
    assertEquals("norte", moved.stream().map(JsonObject.class::cast).filter(a -> a.getString("id").equals("ofi-nuevo"))
        .findFirst().orElseThrow().getString("team"));

    // A new token: the QR changes, the old token stops working.
    String before = page.textContent("#enrolment-token");
    page.click("#agents-table [data-rotate=ofi-nuevo]");
    page.waitForFunction("url => window.campoOffice.enrolment.url !== url", firstUrl);
    assertNotEquals(before, page.textContent("#enrolment-token"));
    String oldToken = before.substring(before.lastIndexOf(' ') + 1);
    assertEquals(401, server.request("POST", "/api/auth/device", null, new JsonObject().put("agentId", "ofi-nuevo")
        .put("deviceToken", oldToken).encode()).statusCode());
    HeadlessChromium.screenshot(page, "office-people");

    page.click("#agents-table tr[data-agent=ofi-nuevo] [data-active=false]");
    page.locator("#agents-table tr.disabled-row[data-agent=ofi-nuevo]").waitFor();
    JsonArray agents = new JsonArray(server.request("GET", "/api/agents", server.adminToken(), null).body());
    assertFalse(agents.stream().map(JsonObject.class::cast).filter(a -> a.getString("id").equals("ofi-nuevo"))
        .findFirst().orElseThrow().getBoolean("active"));
    page.click("#agents-table tr[data-agent=ofi-nuevo] [data-active=true]");
    page.locator("#agents-table tr[data-agent=ofi-nuevo]:not(.disabled-row)").waitFor();

    page.fill("#user-name", "gerente-oriente");
    page.fill("#user-password", "una-clave-larga-1");
    page.selectOption("#user-role", "manager");
    page.selectOption("#user-team", "oriente");
    page.click("#user-form button[type=submit]");
    page.locator("#users-table tr[data-user=gerente-oriente]").waitFor();
    assertEquals("oriente", page.textContent("#users-table tr[data-user=gerente-oriente] td:nth-child(3)"));
    // A duplicate: the server's reason on the page.
    page.fill("#user-name", "gerente-oriente");
    page.fill("#user-password", "una-clave-larga-1");
    page.click("#user-form button[type=submit]");
    page.locator("#people-status[data-outcome=error]").waitFor();
    assertTrue(page.textContent("#people-status").startsWith("Falló"), page.textContent("#people-status"));
    HeadlessChromium.closePage(page);
  }
}
