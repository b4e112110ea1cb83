package io.campo.server.portfolio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.TestServer;
import io.campo.server.config.CadenceSettings;
import io.campo.server.planning.cadence.CadenceRules;
import io.campo.server.planning.cadence.DebtorCadence;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A promise made on the payment page (V35's page_promise) read by every reader of promises: the KPIs' kept/broken from
 * the ledger, the debtor's promise history, the planner's broken-commitment raise, suppression and follow-up, the agent
 * app's open promises, and the rollups' rebuild.
 */
class PagePromiseReadersTest {

  static final ZoneId ZONE = ZoneId.of("America/Mexico_City");
  static TestServer server;
  static String admin;
  static DataSource ds;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    admin = server.adminToken();
    String csv = String.join("\n", "id,name,lat,lon,product,contract,currency,principal,balance,due_date",
        "R-1,Rosa Luna,19.40,-99.10,Microcrédito,L-R1,MXN,1000,800.00,2026-01-10",
        "R-2,Raúl Mar,19.41,-99.11,Microcrédito,L-R2,MXN,1000,900.00,2026-01-10");
    HttpResponse<String> r = send(server.baseUrl() + "/api/debtors/import", csv, "text/csv", admin);
    assertEquals(200, r.statusCode(), r.body());
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setURL(server.dbUrl);
    ds = pg;
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aDuePagePromiseCountsBrokenThenKeptByALedgerPaymentInItsWindow() throws Exception {
    long id = server.count("SELECT id FROM debtor WHERE external_id = 'R-1'");
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO page_promise (debtor_id, amount, currency, due_date, made_at)"
          + " VALUES (" + id + ", 400.00, 'MXN', '2026-11-15', '2026-11-10T15:00:00Z')");
    }
    String period = "from=2026-11-01&to=2026-11-30";
    JsonObject kpis = kpis(period);
    assertEquals(0.0, value(kpis, "promisesKept"), kpis.encode());
    assertEquals(1.0, value(kpis, "promisesBroken"), kpis.encode());
    JsonObject card = new JsonObject(server.request("GET", "/api/debtors/R-1", admin, null).body());
    assertEquals(1, card.getJsonObject("promises").getInteger("broken"), card.encode());
    try (Connection c = ds.getConnection()) {
      assertTrue(BrokenCommitments.on(c, LocalDate.parse("2026-11-20")).contains(id), "a broken page promise raises the visit value");
    }

    HttpResponse<String> pay = server.request("POST", "/api/payments", admin, new JsonObject().put("debtor", "R-1").put("amount", "400.00")
        .put("currency", "MXN").put("paidAt", "2026-11-15T23:30:00-06:00").put("reference", "tr-r1").put("source", "transfer").encode());
    assertEquals(201, pay.statusCode(), pay.body());
    kpis = kpis(period);
    assertEquals(1.0, value(kpis, "promisesKept"), "paid before the end of its date in the agency's zone: " + kpis.encode());
    assertEquals(0.0, value(kpis, "promisesBroken"), kpis.encode());
    card = new JsonObject(server.request("GET", "/api/debtors/R-1", admin, null).body());
    assertEquals(1, card.getJsonObject("promises").getInteger("kept"), card.encode());
    try (Connection c = ds.getConnection()) {
      assertFalse(BrokenCommitments.on(c, LocalDate.parse("2026-11-20")).contains(id));
    }

    // The set-based rebuild (zone change, bench load) yields the rows the triggers kept.
    String before = rows("SELECT string_agg(page_promise_id || ' ' || made_day || ' ' || due_date || ' ' || kept, ',')"
        + " FROM promise_state WHERE page_promise_id IS NOT NULL");
    String buckets = rows("SELECT string_agg(local_day || ' ' || promises || ' ' || kept, ',' ORDER BY local_day)"
        + " FROM promise_kpi_daily WHERE agent_id IS NULL AND promises > 0");
    rows("SELECT kpi_debtor_rollups_rebuild('America/Mexico_City')::text");
    assertEquals(before, rows("SELECT string_agg(page_promise_id || ' ' || made_day || ' ' || due_date || ' ' || kept, ',')"
        + " FROM promise_state WHERE page_promise_id IS NOT NULL"));
    assertEquals(buckets, rows("SELECT string_agg(local_day || ' ' || promises || ' ' || kept, ',' ORDER BY local_day)"
        + " FROM promise_kpi_daily WHERE agent_id IS NULL AND promises > 0"));
  }

  @Test
  void aPendingPagePromiseSuppressesVisitsUntilItsDatePlusGraceThenCallsForOneAndTheAgentAppListsIt() throws Exception {
    LocalDate today = LocalDate.now(ZONE);
    HttpResponse<String> link = server.request("POST", "/api/debtors/R-2/payment-link", admin, null);
    String url = new JsonObject(link.body()).getString("url");
    LocalDate due = today.plusDays(5);
    HttpResponse<String> made = send(url + "/promesa", "fecha=" + due + "&monto=250", "application/x-www-form-urlencoded", null);
    assertEquals(200, made.statusCode(), made.body());
    long id = server.count("SELECT id FROM debtor WHERE external_id = 'R-2'");

    DebtorCadence cadence = new DebtorCadence(ds, new CadenceSettings(0, 2), ZONE);
    assertEquals(CadenceRules.Verdict.SUPPRESSED, cadence.load(due.plusDays(2)).of(id), "until its date plus the grace");
    assertEquals(CadenceRules.Verdict.MUST_VISIT, cadence.load(due.plusDays(3)).of(id), "broken, and no visit since");

    Map<String, JsonArray> open = new OpenPromises(ds).open(List.of("R-2"), today);
    assertEquals(1, open.get("R-2").size(), open.toString());
    assertEquals("page", open.get("R-2").getJsonObject(0).getString("source"));
    assertEquals("250.00", open.get("R-2").getJsonObject(0).getString("amount"));
  }

  static JsonObject kpis(String query) {
    HttpResponse<String> r = server.request("GET", "/api/reports/kpis?" + query, admin, null);
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  static Double value(JsonObject report, String kpi) {
    return report.getJsonObject("kpis").getJsonObject(kpi).getDouble("value");
  }

  static HttpResponse<String> send(String url, String body, String type, String token) {
    try {
      java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).header("Content-Type", type)
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
      if (token != null) {
        b.header("Authorization", "Bearer " + token);
      }
      return java.net.http.HttpClient.newHttpClient().send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String rows(String sql) throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
