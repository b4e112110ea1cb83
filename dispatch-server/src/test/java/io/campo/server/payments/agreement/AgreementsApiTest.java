package io.campo.server.payments.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.TestServer;
import io.campo.server.portfolio.PortfolioVisits;
import io.campo.server.portfolio.Segmentation;
import io.campo.server.portfolio.SegmentationRules;
import io.campo.server.team.DebtorScope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Payment agreements on the real server: made by a dispatcher, proposed by an agent's AGREEMENT visit and confirmed,
 * installment states from the ledger across dates, bad input, team scope, and the planner's raised value once broken.
 */
class AgreementsApiTest {

  static TestServer server;
  static String admin;
  static String lucia;
  static final LocalDate TODAY = LocalDate.now(ZoneId.of("America/Mexico_City"));

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    admin = server.adminToken();
    lucia = server.officeUserInTeam("lucia", "dispatcher", "norte");
    server.officeUserInTeam("sergio", "dispatcher", "sur");
    String csv = String.join("\n",
        "id,name,lat,lon,team,product,contract,currency,principal,balance,due_date",
        "A-1,Ana,19.40,-99.10,norte,micro,L-A1,MXN,3000,3000.00,2026-01-10",
        "A-2,Alba,19.41,-99.11,norte,micro,L-A2,MXN,3000,3000.00,2026-01-10",
        "A-2,Alba,19.41,-99.11,norte,micro,L-A2U,USD,300,300.00,2026-01-10",
        "A-3,Abel,19.42,-99.12,norte,micro,L-A3,MXN,3000,3000.00,2026-01-10",
        "B-1,Beto,19.43,-99.13,norte,micro,L-B1,MXN,3000,3000.00,2026-01-10",
        "B-2,Bea,19.44,-99.14,norte,micro,L-B2,MXN,3000,3000.00,2026-01-10",
        "S-1,Sara,19.30,-99.20,sur,micro,L-S1,MXN,1000,700.00,2026-01-01");
    HttpResponse<String> r = send("POST", "/api/debtors/import", csv, "text/csv", admin);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(0, new JsonObject(r.body()).getInteger("rejectedCount"), r.body());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonObject terms(String contract, int... daysFromToday) {
    JsonArray installments = new JsonArray();
    for (int d : daysFromToday) {
      installments.add(new JsonObject().put("date", TODAY.plusDays(d).toString()).put("amount", "100.00"));
    }
    return new JsonObject().put("contracts", new JsonArray().add(contract)).put("installments", installments);
  }

  static List<String> states(String debtor, LocalDate asOf) {
    JsonObject a = agreements(debtor, asOf).getJsonArray("agreements").getJsonObject(0);
    return a.getJsonArray("installments").stream().map(i -> ((JsonObject) i).getString("state")).toList();
  }

  static JsonObject agreements(String debtor, LocalDate asOf) {
    HttpResponse<String> r = send("GET", "/api/debtors/" + debtor + "/agreements?asOf=" + asOf, null, null, admin);
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  static void pay(String debtor, String amount, String reference) {
    JsonObject p = new JsonObject().put("debtor", debtor).put("amount", amount).put("currency", "MXN")
        .put("paidAt", Instant.now().toString()).put("reference", reference).put("source", "transfer");
    HttpResponse<String> r = send("POST", "/api/payments", p.encode(), "application/json", admin);
    assertEquals(201, r.statusCode(), r.body());
  }

  @Test
  void installmentStatesFollowTheLedgerAcrossDatesAndALatePaymentCuresTheAgreement() {
    HttpResponse<String> r = send("POST", "/api/debtors/A-1/agreements", terms("L-A1", 10, 40, 70).encode(), "application/json", lucia);
    assertEquals(201, r.statusCode(), r.body());
    JsonObject a = new JsonObject(r.body());
    assertEquals("confirmed", a.getString("status"));
    assertEquals("lucia", a.getString("confirmedBy"));
    assertEquals(5, a.getInteger("graceDays"), "CAMPO_AGREEMENT_GRACE_DAYS' default");
    assertEquals("MXN", a.getString("currency"), "the contract's currency");
    assertEquals("300.00", a.getString("total"));
    assertEquals(List.of("due", "due", "due"), states("A-1", TODAY));

    pay("A-1", "150.00", "AG-1");
    assertEquals(List.of("paid", "due", "due"), states("A-1", TODAY));
    JsonObject at = agreements("A-1", TODAY).getJsonArray("agreements").getJsonObject(0);
    assertEquals("50.00", at.getJsonArray("installments").getJsonObject(1).getString("paid"));
    assertEquals("active", at.getString("state"));
    assertEquals(List.of("paid", "due", "due"), states("A-1", TODAY.plusDays(40)), "due on its own date");
    assertEquals(List.of("paid", "late", "due"), states("A-1", TODAY.plusDays(45)), "within the 5 days of grace");
    assertEquals(List.of("paid", "missed", "due"), states("A-1", TODAY.plusDays(46)));
    assertEquals("broken", agreements("A-1", TODAY.plusDays(46)).getJsonArray("agreements").getJsonObject(0).getString("state"));
    assertEquals(List.of("paid", "missed", "missed"), states("A-1", TODAY.plusDays(80)));

    pay("A-1", "150.00", "AG-2");
    assertEquals(List.of("paid", "paid", "paid"), states("A-1", TODAY.plusDays(80)), "a late payment cures it");
    assertEquals("kept", agreements("A-1", TODAY.plusDays(80)).getJsonArray("agreements").getJsonObject(0).getString("state"));
    assertEquals(1, server.count("SELECT count(*) FROM client_log l JOIN debtor d ON d.id = l.debtor_id"
        + " WHERE d.external_id = 'A-1' AND l.kind = 'agreement'"));
  }

  @Test
  void badTermsAreRefusedWithEveryReasonAndNothingIsStored() {
    JsonObject bad = new JsonObject().put("contracts", new JsonArray().add("L-A2").add("L-A2"))
        .put("installments", new JsonArray()
            .add(new JsonObject().put("date", TODAY.minusDays(3).toString()).put("amount", "100.00"))
            .add(new JsonObject().put("date", TODAY.minusDays(5).toString()).put("amount", "1E+999999999"))
            .add(new JsonObject().put("date", "31/12/2026").put("amount", "-1")));
    HttpResponse<String> r = send("POST", "/api/debtors/A-2/agreements", bad.encode(), "application/json", admin);
    assertEquals(400, r.statusCode(), r.body());
    for (String reason : List.of("names a contract twice", "installments[0].date' " + TODAY.minusDays(3) + " is before today",
        "installments[1].amount' must be a decimal", "no exponent", "is not after the installment before it",
        "installments[2].date' must be a day like 2026-12-15, got '31/12/2026'", "installments[2].amount' must be positive")) {
      assertTrue(r.body().contains(reason), reason + " in " + r.body());
    }
    JsonObject tooMany = terms("L-A2");
    for (int i = 0; i < 121; i++) {
      tooMany.getJsonArray("installments").add(new JsonObject().put("date", TODAY.plusDays(i).toString()).put("amount", "1"));
    }
    assertEquals(400, send("POST", "/api/debtors/A-2/agreements", tooMany.encode(), "application/json", admin).statusCode());

    HttpResponse<String> unknown = send("POST", "/api/debtors/A-2/agreements", terms("L-NOPE", 5).encode(), "application/json", admin);
    assertEquals(422, unknown.statusCode());
    assertTrue(unknown.body().contains("no contract 'L-NOPE' (its contracts: L-A2, L-A2U)"), unknown.body());
    JsonObject mixed = terms("L-A2", 5);
    mixed.getJsonArray("contracts").add("L-A2U");
    HttpResponse<String> currencies = send("POST", "/api/debtors/A-2/agreements", mixed.encode(), "application/json", admin);
    assertEquals(422, currencies.statusCode());
    assertTrue(currencies.body().contains("contract 'L-A2U' is in USD, the agreement in MXN; make one agreement per currency"),
        currencies.body());

    HttpResponse<String> other = send("POST", "/api/debtors/S-1/agreements", terms("L-S1", 5).encode(), "application/json", lucia);
    assertEquals(404, other.statusCode());
    assertEquals(404, send("GET", "/api/debtors/S-1/agreements", null, null, lucia).statusCode());
    assertEquals(400, send("GET", "/api/debtors/A-2/agreements?asOf=ayer", null, null, admin).statusCode());
    assertEquals(0, server.count("SELECT count(*) FROM agreement"
        + " WHERE debtor_id IN (SELECT id FROM debtor WHERE external_id IN ('A-2', 'S-1'))"));
  }

  @Test
  void anAgentProposesInAVisitAndADispatcherOfTheTeamConfirms() throws Exception {
    String deviceToken = server.createAgent("cobrador-a", "norte");
    HttpResponse<String> login = server.request("POST", "/api/auth/device", null,
        new JsonObject().put("agentId", "cobrador-a").put("deviceToken", deviceToken).encode());
    String agent = new JsonObject(login.body()).getString("token");
    JsonObject outcome = terms("L-A3", 7, 37).put("type", "AGREEMENT");
    JsonObject visit = new JsonObject().put("debtor", "A-3")
        .put("checkIn", new JsonObject().put("at", Instant.now().minus(5, ChronoUnit.MINUTES).toString()).put("lat", 19.42)
            .put("lon", -99.12).put("accuracy", 8))
        .put("outcome", outcome);
    HttpResponse<String> v = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/visits"))
        .header("Authorization", "Bearer " + agent).header("Content-Type", "application/json").header("Idempotency-Key", "ag-1")
        .POST(HttpRequest.BodyPublishers.ofString(visit.encode())).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(201, v.statusCode(), v.body());
    assertEquals("AGREEMENT", new JsonObject(v.body()).getJsonObject("outcome").getString("type"));

    JsonObject proposed = agreements("A-3", TODAY).getJsonArray("agreements").getJsonObject(0);
    assertEquals("proposed", proposed.getString("status"));
    assertEquals("cobrador-a", proposed.getString("proposedBy"));
    assertEquals(new JsonObject(v.body()).getLong("id"), proposed.getLong("visitId"));
    long id = proposed.getLong("id");

    String marta = server.officeUserInTeam("marta", "manager", "norte");
    assertEquals(403, send("POST", "/api/agreements/" + id + "/confirm", "{}", "application/json", marta).statusCode());
    String sergio = server.login("sergio", "sergio-password");
    assertEquals(404, send("POST", "/api/agreements/" + id + "/confirm", "{}", "application/json", sergio).statusCode());
    HttpResponse<String> ok = send("POST", "/api/agreements/" + id + "/confirm", "{}", "application/json", lucia);
    assertEquals(200, ok.statusCode(), ok.body());
    assertEquals("confirmed", new JsonObject(ok.body()).getString("status"));
    assertEquals(5, new JsonObject(ok.body()).getInteger("graceDays"));
    HttpResponse<String> again = send("POST", "/api/agreements/" + id + "/confirm", "{}", "application/json", lucia);
    assertEquals(409, again.statusCode());
    assertTrue(again.body().contains("already confirmed by lucia"), again.body());
    assertEquals(404, send("POST", "/api/agreements/999999/confirm", "{}", "application/json", lucia).statusCode());

    JsonObject badVisit = visit.copy().put("outcome", terms("L-NOPE", 7).put("type", "AGREEMENT"));
    HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/visits"))
        .header("Authorization", "Bearer " + agent).header("Content-Type", "application/json").header("Idempotency-Key", "ag-2")
        .POST(HttpRequest.BodyPublishers.ofString(badVisit.encode())).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(422, refused.statusCode(), refused.body());
    assertEquals(0, server.count("SELECT count(*) FROM visit WHERE idempotency_key = 'ag-2'"), "nothing half-stored");
  }

  @Test
  void aBrokenAgreementRaisesTheDebtorsVisitValueInThePlanner() throws Exception {
    assertEquals(201, send("POST", "/api/debtors/B-1/agreements", terms("L-B1", 0).encode(), "application/json", admin).statusCode());
    PortfolioVisits portfolio = new PortfolioVisits(server.server.database().dataSource(), new Segmentation(SegmentationRules.DEFAULT));
    PortfolioVisits.Selection all = PortfolioVisits.Selection.from(new JsonObject());
    Map<String, Long> onTime = values(portfolio.select(all, TODAY.plusDays(5), DebtorScope.ALL));
    assertEquals(onTime.get("B-2"), onTime.get("B-1"), "within the grace: the same debtor as any other");
    Map<String, Long> broken = values(portfolio.select(all, TODAY.plusDays(6), DebtorScope.ALL));
    assertEquals(Math.round(broken.get("B-2") * 1.5), broken.get("B-1"), "missed: raised by half");
  }

  private static Map<String, Long> values(List<io.campo.routing.api.Visit> visits) {
    return visits.stream().collect(Collectors.toMap(io.campo.routing.api.Visit::id, io.campo.routing.api.Visit::value));
  }

  static HttpResponse<String> send(String method, String path, String body, String type, String token) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Authorization", "Bearer " + token)
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
      if (type != null) {
        b.header("Content-Type", type);
      }
      return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
