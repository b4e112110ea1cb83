package io.campo.server.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.campo.server.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Promises debtors made on the payment page have no agent; the KPI report counts them for a team by the debtor's team,
 * for the team filter and for a dispatcher's or manager's own teams, and never for one agent.
 */
class PagePromiseKpiByTeamTest {

  static final String NOVEMBER = "from=2026-11-01&to=2026-11-30";
  static TestServer server;
  static String admin;
  static String dispatcherNorte;
  static String managerSur;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    admin = server.adminToken();
    dispatcherNorte = server.officeUserInTeam("desp-norte", "dispatcher", "norte");
    managerSur = server.officeUserInTeam("ger-sur", "manager", "sur");
    server.createAgent("ana", "norte");
    String csv = String.join("\n", "id,name,lat,lon,team,segment,product,contract,currency,principal,balance,due_date",
        "N-1,Nora Uno,19.40,-99.10,norte,A,Micro,L-N1,MXN,1000,500.00,2026-01-10",
        "N-2,Noé Dos,19.40,-99.11,norte,B,Micro,L-N2,MXN,1000,500.00,2026-01-10",
        "N-3,Nadia Tres,19.40,-99.12,norte,A,Micro,L-N3,MXN,1000,500.00,2026-01-10",
        "S-1,Saúl Sur,19.41,-99.11,sur,A,Micro,L-S1,MXN,1000,300.00,2026-01-10",
        "X-1,Xóchitl Sin Equipo,19.42,-99.12,,A,Micro,L-X1,MXN,1000,300.00,2026-01-10");
    HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(server.baseUrl() + "/api/debtors/import")).header("Authorization", "Bearer " + admin)
        .header("Content-Type", "text/csv").POST(java.net.http.HttpRequest.BodyPublishers.ofString(csv)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    // November's page promises, all due: N-1's, S-1's and X-1's broken, N-2's kept by a transfer on its date.
    pagePromise("N-1", "2026-11-15", "2026-11-10T15:00:00Z");
    pagePromise("N-2", "2026-11-16", "2026-11-10T16:00:00Z");
    pagePromise("S-1", "2026-11-15", "2026-11-11T15:00:00Z");
    pagePromise("X-1", "2026-11-15", "2026-11-12T15:00:00Z");
    HttpResponse<String> pay = server.request("POST", "/api/payments", admin, new JsonObject().put("debtor", "N-2").put("amount", "200.00")
        .put("currency", "MXN").put("paidAt", "2026-11-16T12:00:00-06:00").put("reference", "tr-n2").put("source", "transfer").encode());
    assertEquals(201, pay.statusCode(), pay.body());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static void pagePromise(String debtor, String due, String madeAt) throws Exception {
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("INSERT INTO page_promise (debtor_id, amount, currency, due_date, made_at) SELECT id, 200.00, 'MXN', '" + due
          + "', '" + madeAt + "' FROM debtor WHERE external_id = '" + debtor + "'");
    }
  }

  @Test
  void unfilteredAnAdminCountsEveryPagePromise() {
    assertPromises(admin, NOVEMBER, 1, 3);
  }

  @Test
  void theTeamFilterAndADispatchersOwnTeamsCountTheirDebtorsPagePromises() {
    assertPromises(admin, NOVEMBER + "&team=norte", 1, 1);
    assertPromises(admin, NOVEMBER + "&team=sur", 0, 1);
    assertPromises(admin, NOVEMBER + "&team=norte&segment=A", 0, 1);
    assertPromises(dispatcherNorte, NOVEMBER, 1, 1);
    assertPromises(managerSur, NOVEMBER, 0, 1);
  }

  @Test
  void anotherTeamsOrOneAgentsFigureHasNoPagePromises() {
    assertPromises(dispatcherNorte, NOVEMBER + "&team=sur", 0, 0);
    assertPromises(admin, NOVEMBER + "&agent=ana", 0, 0);
    assertPromises(dispatcherNorte, NOVEMBER + "&agent=ana", 0, 0);
  }

  @Test
  void aPagePromiseNotYetDueIsNeitherKeptNorBroken() throws Exception {
    LocalDate today = LocalDate.now(ZoneId.of("America/Mexico_City"));
    pagePromise("N-3", today.plusDays(5).toString(), java.time.Instant.now().toString());
    assertPromises(dispatcherNorte, "from=" + today.minusDays(1) + "&to=" + today, 0, 0);
  }

  static void assertPromises(String token, String query, double kept, double broken) {
    HttpResponse<String> r = server.request("GET", "/api/reports/kpis?" + query, token, null);
    assertEquals(200, r.statusCode(), r.body());
    JsonObject kpis = new JsonObject(r.body()).getJsonObject("kpis");
    assertEquals(kept, kpis.getJsonObject("promisesKept").getDouble("value"), query + ": " + r.body());
    assertEquals(broken, kpis.getJsonObject("promisesBroken").getDouble("value"), query + ": " + r.body());
  }
}
