package io.campo.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.campo.server.TestServer;
import io.campo.server.report.ReportTestData;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The manager page in a real browser against the real server: a manager of team "norte" sees the contact-hour
 * heatmap of a known week (another team's visits left out), sparse cells marked instead of rated, the best window
 * in words, Spanish then English, CSV exports, empty periods and server errors, and the KPI cards once the server
 * answers {@code GET /api/reports/kpis}.
 */
class ManagerPageTest {

  static final ZoneId ZONE = ZoneId.of("America/Mexico_City");
  static final String MANAGER = "gerente";
  static final String MANAGER_PASSWORD = MANAGER + "-password"; // TestServer.officeUserInTeam's convention
  static final String[] WEEKDAYS_ES = {"lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"};
  static final String[] WEEKDAYS_EN = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  static final Set<String> LOWER_IS_BETTER =
      Set.of("collectionPeriodDays", "averageDebtAgeDays", "overduePercent", "promisesBroken", "rejectedPercent");
  static TestServer server;
  @RegisterExtension static final HeadlessChromium chromium = HeadlessChromium.perTestClass();
  static String managerToken;
  /** A week ago in the agency's zone: always inside the page's default "last 28 days". */
  static LocalDate day;
  static int weekday;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.startInZone(ZONE.getId());
    managerToken = server.officeUserInTeam(MANAGER, "manager", "norte");
    server.createAgent("ana", "norte");
    server.createAgent("beto", "norte");
    assertEquals(201, server.request("POST", "/api/teams", server.adminToken(), "{\"id\": \"sur\"}").statusCode());
    server.createAgent("carla", "sur");
    // A name that a spreadsheet would run as a formula: the CSV export must neutralise it.
    sql("UPDATE agent SET name = '=2+3 Beto' WHERE id = 'beto'");
    sql("INSERT INTO debtor (external_id, name, segment) VALUES ('D1', 'Uno', 'consumo'), ('D2', 'Dos', 'pyme')");

    day = LocalDate.now(ZONE).minusDays(7);
    weekday = day.getDayOfWeek().getValue();
    // 10:00 local: 7 contacts in 10 attempts -> 70 %, Wilson [0.3968, 0.8922]
    visits("ana", "D1", 10, 5, "PAID", "PAID", "PAID", "PAID", "PROMISE", "PROMISE", "PROMISE", "NO_CONTACT", "NO_CONTACT",
        "WRONG_ADDRESS");
    // 11:00 local: 8 of 10; pooled with 10:00 the best window 10:00-12:00 is 15/20 -> 75 % [0.5313, 0.8881]
    visits("beto", "D2", 11, 0, "REFUSED", "REFUSED", "REFUSED", "REFUSED", "INCIDENT", "INCIDENT", "PAID", "PAID", "NO_CONTACT",
        "NO_CONTACT");
    // 18:00 local: 3 of 3 is sparse under the default minimum of 10, never "100 %"
    visits("beto", "D2", 18, 10, "PROMISE", "PROMISE", "PROMISE");
    // Team "sur" is not the manager's: these must not show.
    visits("carla", "D1", 15, 0, "PAID", "PAID", "PAID", "PAID", "PAID", "PAID", "PAID", "PAID", "PAID", "PAID");
    // Five weeks ago, in the KPIs' previous period (outside the default heatmap range): fewer contacts, two rejected.
    LocalDate before = LocalDate.now(ZONE).minusDays(35);
    visits(before, "VALID", "ana", "D1", 10, 0, "NO_CONTACT", "NO_CONTACT", "NO_CONTACT", "PAID", "PROMISE");
    visits(before, "REJECTED", "ana", "D1", 12, 0, "PAID", "PAID");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static void sql(String statement) {
    ReportTestData.sql(server, statement);
  }

  /** Straight-SQL visits (as the report tests insert them), one a minute from {@code hour:minute} local on {@link #day}. */
  static void visits(String agent, String debtor, int hour, int minute, String... outcomes) {
    visits(day, "VALID", agent, debtor, hour, minute, outcomes);
  }

  static void visits(LocalDate on, String status, String agent, String debtor, int hour, int minute, String... outcomes) {
    ReportTestData.visits(server, agent, debtor, on.atTime(hour, minute).atZone(ZONE).toInstant().toString(), status, outcomes);
  }

  static Page openLoggedIn() {
    return logIn(chromium.newPage());
  }

  static Page logIn(Page page) {
    page.navigate(server.baseUrl() + "/manager.html");
    page.locator("#login").waitFor();
    SignIn.submit(page, MANAGER, MANAGER_PASSWORD);
    waitForLoad(page, 1);
    return page;
  }

  /** Waits until the page has applied its {@code n}-th report load. */
  static void waitForLoad(Page page, int n) {
    page.waitForFunction("n => window.campoManager && window.campoManager.ready && window.campoManager.done >= n", n);
  }

  static void apply(Page page) {
    int before = ((Number) page.evaluate("() => window.campoManager.done")).intValue();
    page.click("#f-apply");
    waitForLoad(page, before + 1);
  }

  static Locator cell(Page page, int weekday, int hour) {
    return page.locator("#heatmap td[data-weekday='" + weekday + "'][data-hour='" + hour + "']");
  }

  static String download(Page page, String button) throws IOException {
    Download d = page.waitForDownload(() -> page.click(button));
    byte[] bytes = Files.readAllBytes(d.path());
    assertTrue(bytes.length > 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF,
        "UTF-8 BOM for Excel");
    assertTrue(d.suggestedFilename().endsWith(".csv"), d.suggestedFilename());
    return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  static List<String> rowIds(Locator rows) {
    return (List<String>) rows.evaluateAll("rs => rs.map(r => r.dataset.agent)");
  }

  static List<String> lines(String csv) {
    return new ArrayList<>(Arrays.asList(csv.split("\r\n")));
  }

  @Test
  void fromTheMapAManagerOpensTheReportsWithoutASecondLogin() {
    DispatcherMapPage map = new DispatcherMapPage(chromium.newPage()).open(server.baseUrl()).logIn(MANAGER, MANAGER_PASSWORD);
    Page page = map.page;
    Locator link = page.locator("#reports-link");
    assertTrue(link.isVisible());
    assertEquals("Informes", link.innerText().trim());
    link.click();
    page.waitForURL("**/manager.html");
    waitForLoad(page, 1);
    assertTrue(page.isHidden("#login"), "the map's session carries over");
    assertEquals("Mapa", page.locator("#map-link").innerText().trim());
    assertEquals("10", cell(page, weekday, 10).getAttribute("data-attempts"));
    HeadlessChromium.closePage(page);
  }

  @Test
  void theHeatmapShowsTheKnownCellsMarksSparseOnesAndNamesTheBestWindowInSpanishThenEnglish() throws IOException {
    Page page = openLoggedIn();
    assertEquals("es", page.getAttribute("html", "lang"));
    assertEquals(LocalDate.now(ZONE).minusDays(27).toString(), page.inputValue("#f-from"), "last 28 days by default");
    assertEquals(LocalDate.now(ZONE).toString(), page.inputValue("#f-to"));
    // Only the manager's team and its agents are offered.
    assertEquals(List.of("Todos los equipos", "norte"), page.locator("#f-team option").allInnerTexts().stream().map(String::trim).toList());
    // Listed by name: beto's "=2+3 Beto" sorts before "Agent ana".
    assertEquals(List.of("", "beto", "ana"), page.locator("#f-agent option").evaluateAll("os => os.map(o => o.value)"));

    Locator ten = cell(page, weekday, 10);
    assertEquals("10", ten.getAttribute("data-attempts"));
    assertEquals("7", ten.getAttribute("data-contacts"));
    assertEquals("70", ten.innerText().trim());
    ten.hover();
    String tip = page.locator("#cell-tip").innerText();
    assertTrue(page.isVisible("#cell-tip"));
    String where = WEEKDAYS_ES[weekday - 1] + " 10:00–11:00";
    assertEquals(where + " · 10 intentos · 7 contactos · 70 % (IC 95 %: 40–89 %)", tip);

    Locator sparse = cell(page, weekday, 18);
    assertTrue(sparse.getAttribute("class").contains("sparse"));
    assertEquals("pocos datos", sparse.innerText().trim());
    assertFalse(sparse.getAttribute("aria-label").contains("100"), "3 of 3 is no 100 %: " + sparse.getAttribute("aria-label"));
    assertTrue(sparse.getAttribute("aria-label").contains("3 intentos"), sparse.getAttribute("aria-label"));
    assertEquals("0", cell(page, weekday, 15).getAttribute("data-attempts"), "team sur's visits are not the manager's");
    assertEquals("23 intentos · 18 contactos", page.locator("#heatmap-totals").innerText().trim());

    List<String> windows = page.locator("#best-windows li").allInnerTexts();
    assertEquals(1, windows.size(), windows.toString());
    assertEquals(WEEKDAYS_ES[weekday - 1] + " 10:00–12:00: 75 % (53–89 %) · 20 intentos", windows.get(0).trim());
    HeadlessChromium.screenshot(page, "manager-heatmap-es");

    List<String> csv = lines(download(page, "#csv-heatmap"));
    assertEquals("Día,Número de día,Hora,Intentos,Contactos,Pocos datos,Tasa de contacto,IC 95 % inferior,IC 95 % superior", csv.get(0));
    assertEquals(169, csv.size(), "a header and the 168 cells");
    String tenRow = csv.get(1 + (weekday - 1) * 24 + 10);
    assertTrue(tenRow.startsWith(WEEKDAYS_ES[weekday - 1] + "," + weekday + ",10,10,7,no,0.7,0.39"), tenRow);
    assertEquals(WEEKDAYS_ES[weekday - 1] + "," + weekday + ",18,3,3,sí,,,", csv.get(1 + (weekday - 1) * 24 + 18));

    page.click("#lang");
    assertEquals("en", page.getAttribute("html", "lang"));
    assertEquals("Español", page.locator("#lang").innerText().trim());
    assertEquals("Map", page.locator("#map-link").innerText().trim());
    assertEquals(WEEKDAYS_EN[weekday - 1] + " 10:00–12:00: 75% (53–89%) · 20 attempts",
        page.locator("#best-windows li").first().innerText().trim());
    assertEquals("too few", cell(page, weekday, 18).innerText().trim());
    HeadlessChromium.screenshot(page, "manager-heatmap-en");
    List<String> english = lines(download(page, "#csv-heatmap"));
    assertEquals("Weekday,Weekday number,Hour,Attempts,Contacts,Too few,Contact rate,95% CI lower,95% CI upper", english.get(0));
    assertEquals(WEEKDAYS_EN[weekday - 1] + "," + weekday + ",18,3,3,yes,,,", english.get(1 + (weekday - 1) * 24 + 18));

    // One agent: Beto's 11:00 leaves the matrix, Ana's 10:00 stays.
    page.selectOption("#f-agent", "ana");
    apply(page);
    assertEquals("10", cell(page, weekday, 10).getAttribute("data-attempts"));
    assertEquals("0", cell(page, weekday, 11).getAttribute("data-attempts"));
    // A segment: only Beto's debtor.
    page.selectOption("#f-agent", "");
    page.fill("#f-segment", "pyme");
    apply(page);
    assertEquals("0", cell(page, weekday, 10).getAttribute("data-attempts"));
    assertEquals("10", cell(page, weekday, 11).getAttribute("data-attempts"));
    HeadlessChromium.closePage(page);
  }

  @Test
  void theDefaultPeriodIsDatedInTheAgencysZoneNotTheBrowsers() {
    // UTC+14: the browser's calendar is a day or more ahead of Mexico City's for 20 hours of 24.
    Page page = logIn(chromium.newPageInZone("Pacific/Kiritimati"));
    LocalDate agencyToday = LocalDate.now(ZONE);
    String to = page.inputValue("#f-to");
    // Read twice around the page, so a midnight in Mexico City during the test cannot fail it.
    assertTrue(to.equals(agencyToday.toString()) || to.equals(LocalDate.now(ZONE).toString()), to + " is not the agency's today");
    assertEquals(LocalDate.parse(to).minusDays(27).toString(), page.inputValue("#f-from"));
    HeadlessChromium.closePage(page);
  }

  @Test
  void anEmptyPeriodIsAnEmptyStateAndAServerRefusalIsReadable() {
    Page page = openLoggedIn();
    page.fill("#f-from", "2020-01-01");
    page.fill("#f-to", "2020-01-31");
    apply(page);
    assertTrue(page.isVisible("#heatmap-empty"));
    assertEquals("Sin visitas en este periodo con estos filtros.", page.locator("#heatmap-empty").innerText().trim());
    assertTrue(page.isHidden("#heatmap-wrap"));
    assertTrue(page.isHidden("#report-error"), "nothing found is not an error");
    assertEquals(0, page.locator("#best-windows li").count());

    // The input allows 1 and up, but the server is the judge: its reason is shown with the status.
    page.fill("#f-min", "0");
    apply(page);
    String error = page.locator("#report-error").innerText();
    assertTrue(error.startsWith("No se pudo cargar el mapa de horas (error 400): 'minAttempts' must be a whole number"), error);
    HeadlessChromium.screenshot(page, "manager-error");

    page.fill("#f-min", "10");
    page.fill("#f-from", "2020-02-01");
    page.click("#f-apply");
    page.waitForFunction("() => !document.getElementById('report-error').hidden"
        + " && document.getElementById('report-error').textContent.includes('anterior')");
    assertEquals("La fecha inicial debe ser anterior o igual a la final", page.locator("#report-error").innerText().trim());
    HeadlessChromium.closePage(page);
  }

  @Test
  void kpiCardsShowValuesAndChangesAndTheAgentsTableSortsAndExports() throws IOException {
    Page page = openLoggedIn();
    LocalDate today = LocalDate.now(ZONE);
    String range = "from=" + today.minusDays(27) + "&to=" + today;
    HttpResponse<String> answer = server.request("GET", "/api/reports/kpis?" + range, managerToken, null);
    assertEquals(200, answer.statusCode(), answer.body());
    JsonObject kpis = new JsonObject(answer.body());
    assertEquals("ok", page.evaluate("() => window.campoManager.kpiStatus"));
    JsonObject values = kpis.getJsonObject("kpis");
    assertEquals(values.size(), page.locator("#kpi-cards .kpi").count());
    for (String name : values.fieldNames()) {
      Locator card = page.locator("#kpi-cards .kpi[data-kpi='" + name + "']");
      assertEquals(1, card.count(), name);
      JsonObject k = values.getJsonObject(name);
      String shown = card.locator(".value").innerText().trim();
      if (k.getValue("value") == null) {
        assertEquals("—", shown, name);
      } else {
        assertFalse(shown.equals("—") || shown.isEmpty(), name + " shows " + shown);
      }
      if (k.getValue("previous") == null) {
        assertEquals("—", card.locator(".previous").innerText().replaceAll(".*: ", "").trim(), name);
      }
      // A change is coloured by whether it is good news: for these KPIs a fall is.
      boolean neutral = Set.of("averageVisitMinutes", "distanceKmPerAgentDay").contains(name);
      if (k.getValue("value") != null && k.getValue("previous") != null && !neutral) {
        double delta = k.getDouble("value") - k.getDouble("previous");
        String changeClass = card.locator(".change").getAttribute("class");
        String arrow = card.locator(".change").innerText().trim();
        if (Math.abs(delta) < 1e-9) {
          assertTrue(changeClass.contains("same"), name + " " + changeClass);
        } else {
          boolean good = LOWER_IS_BETTER.contains(name) ? delta < 0 : delta > 0;
          assertTrue(changeClass.contains(good ? "better" : "worse"), name + " " + k.encode() + " " + changeClass);
          assertTrue(arrow.startsWith(delta > 0 ? "▲" : "▼"), name + " " + arrow);
        }
      }
    }
    HeadlessChromium.screenshot(page, "manager-kpis");

    JsonArray agents = kpis.getJsonArray("agents");
    Locator rows = page.locator("#agents-table tbody tr");
    assertEquals(agents.size(), rows.count());
    List<String> ids = rowIds(rows);
    assertFalse(ids.contains("carla"), "another team's agent: " + ids);
    page.click("#agents-table th[data-key='agent'] button");
    assertEquals("ascending", page.getAttribute("#agents-table th[data-key='agent']", "aria-sort"));
    List<String> ascending = rowIds(rows);
    page.click("#agents-table th[data-key='agent'] button");
    assertEquals("descending", page.getAttribute("#agents-table th[data-key='agent']", "aria-sort"));
    List<String> descending = new ArrayList<>(rowIds(rows));
    java.util.Collections.reverse(descending);
    assertEquals(ascending, descending);

    List<String> kpiCsv = lines(download(page, "#csv-kpis"));
    assertEquals("Indicador,Clave,Valor,Anterior,Unidad,Desde,Hasta,Anterior desde,Anterior hasta", kpiCsv.get(0));
    assertEquals(values.size() + 1, kpiCsv.size());
    List<String> agentCsv = lines(download(page, "#csv-agents"));
    assertTrue(agentCsv.get(0).startsWith("Id de agente,Agente,Equipo,Días,Visitas"), agentCsv.get(0));
    assertEquals(agents.size() + 1, agentCsv.size());
    assertTrue(agentCsv.stream().anyMatch(l -> l.startsWith("beto,'=2+3 Beto,")),
        "a formula-like name is exported as text: " + agentCsv);
    HeadlessChromium.closePage(page);
  }
}
