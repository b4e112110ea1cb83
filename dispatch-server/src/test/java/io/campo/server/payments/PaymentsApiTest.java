package io.campo.server.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The payments ledger on the real server: {@code POST /api/payments} as an object, an array and a CSV; idempotency by
 * (source, reference); allocation; balances, promises and KPIs from the ledger; team scope; the PAID visit's field
 * payment.
 */
class PaymentsApiTest {

  static TestServer server;
  static String admin;
  static String lucia;
  static final String YESTERDAY = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    admin = server.adminToken();
    lucia = server.officeUserInTeam("lucia", "dispatcher", "norte");
    server.officeUserInTeam("sergio", "dispatcher", "sur");
    String csv = String.join("\n",
        "id,name,lat,lon,team,product,contract,currency,principal,balance,due_date",
        "P-1,Paula,19.40,-99.10,norte,micro,L-NEW,MXN,1000,500.00,2026-03-10",
        "P-1,Paula,19.40,-99.10,norte,micro,L-OLD,MXN,1000,300.00,2026-01-10",
        "P-2,Pedro,19.41,-99.11,norte,micro,L-P2,MXN,1000,1000.00,2026-02-01",
        "P-3,Pilar,19.42,-99.12,norte,micro,L-P3A,MXN,1000,400.00,2026-01-01",
        "P-3,Pilar,19.42,-99.12,norte,micro,L-P3B,MXN,1000,250.00,2026-05-01",
        "P-4,Pía,19.43,-99.13,norte,micro,L-P4,MXN,1000,800.00,2026-01-01",
        "P-5,Paco,19.44,-99.14,norte,micro,L-P5,MXN,1000,600.00,2026-01-01",
        "S-1,Sara,19.30,-99.20,sur,micro,L-S1,MXN,1000,700.00,2026-01-01",
        "U-1,Ugo,19.45,-99.15,norte,micro,L-U1,USD,1000,200.00,2026-01-01");
    HttpResponse<String> r = send("/api/debtors/import", csv, "text/csv", admin);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(0, new JsonObject(r.body()).getInteger("rejectedCount"), r.body());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonObject payment(String debtor, String amount, String reference) {
    return new JsonObject().put("debtor", debtor).put("amount", amount).put("currency", "MXN").put("paidAt", YESTERDAY)
        .put("reference", reference).put("source", "transfer");
  }

  @Test
  void aPaymentGoesToTheOldestDueDebtFirstThenTheNextAndTheRestIsCredit() {
    HttpResponse<String> r = post(payment("P-1", "900.00", "SPEI-1"), admin);
    assertEquals(201, r.statusCode(), r.body());
    JsonObject p = new JsonObject(r.body());
    assertEquals(new JsonArray()
        .add(new JsonObject().put("kind", "debt").put("amount", "300.00").put("contract", "L-OLD"))
        .add(new JsonObject().put("kind", "debt").put("amount", "500.00").put("contract", "L-NEW"))
        .add(new JsonObject().put("kind", "credit").put("amount", "100.00")), p.getJsonArray("allocations"));

    JsonObject debtor = debtor("P-1", admin);
    for (Object d : debtor.getJsonArray("debts")) {
      assertEquals("0.00", ((JsonObject) d).getString("balance"), debtor.encodePrettily());
    }
    assertEquals(new JsonObject().put("MXN", "100.00"), debtor.getJsonObject("credit"));
    assertEquals(1, debtor.getJsonArray("payments").size());
    assertEquals("SPEI-1", debtor.getJsonArray("payments").getJsonObject(0).getString("reference"));
    assertEquals(0, server.count("SELECT open_balance FROM debtor_kpi_state k JOIN debtor d ON d.id = k.debtor_id"
        + " WHERE d.external_id = 'P-1'"), "the KPI's open balance follows the ledger");
    assertEquals(1, server.count("SELECT count(*) FROM client_log l JOIN debtor d ON d.id = l.debtor_id WHERE d.external_id = 'P-1'"
        + " AND l.kind = 'payment' AND l.summary LIKE '%300.00 to L-OLD, 500.00 to L-NEW, 100.00 as credit%'"));
  }

  @Test
  void aNamedContractTakesThePaymentUpToItsBalanceAndTheRestIsCredit() {
    HttpResponse<String> r = post(payment("P-3", "300.00", "SPEI-3").put("contract", "L-P3B"), admin);
    assertEquals(201, r.statusCode(), r.body());
    assertEquals(new JsonArray()
        .add(new JsonObject().put("kind", "debt").put("amount", "250.00").put("contract", "L-P3B"))
        .add(new JsonObject().put("kind", "credit").put("amount", "50.00")), new JsonObject(r.body()).getJsonArray("allocations"));
    JsonObject debtor = debtor("P-3", admin);
    assertEquals("400.00", balanceOf(debtor, "L-P3A"), "the older debt was not named: untouched");
    assertEquals("0.00", balanceOf(debtor, "L-P3B"));

    HttpResponse<String> unknown = post(payment("P-3", "10.00", "SPEI-3b").put("contract", "L-NOPE"), admin);
    assertEquals(422, unknown.statusCode(), unknown.body());
    assertTrue(unknown.body().contains("no contract 'L-NOPE'"), unknown.body());
  }

  @Test
  void theSamePaymentTwiceIsStoredOnceAndADifferentOneUnderItsReferenceIsAConflict() {
    HttpResponse<String> first = post(payment("P-2", "100.00", "SPEI-2"), admin);
    assertEquals(201, first.statusCode(), first.body());
    HttpResponse<String> again = post(payment("P-2", "100.0", "SPEI-2"), admin);
    assertEquals(200, again.statusCode(), again.body());
    assertEquals(new JsonObject(first.body()), new JsonObject(again.body()), "the stored payment, unchanged");
    HttpResponse<String> other = post(payment("P-2", "150.00", "SPEI-2"), admin);
    assertEquals(409, other.statusCode(), other.body());
    assertTrue(other.body().contains("amount 100.00 (sent 150.00)"), other.body());
    assertEquals("900.00", balanceOf(debtor("P-2", admin), "L-P2"), "paid once");
    assertEquals(1, server.count("SELECT count(*) FROM payment WHERE reference = 'SPEI-2'"));
    assertEquals(1, server.count("SELECT count(*) FROM client_log WHERE kind = 'payment' AND details->>'reference' = 'SPEI-2'"));
    // The same reference from another source is another payment.
    assertEquals(201, post(payment("P-2", "100.00", "SPEI-2").put("source", "card"), admin).statusCode());
    assertEquals("800.00", balanceOf(debtor("P-2", admin), "L-P2"));
  }

  @Test
  void anArrayWithABadRowStoresTheOthersAndNamesEveryReasonOfTheBadOne() {
    JsonArray rows = new JsonArray()
        .add(payment("P-4", "100.00", "ARR-1"))
        .add(new JsonObject().put("debtor", "P-4").put("amount", "12x").put("currency", "XYZ").put("paidAt", "ayer")
            .put("source", "cheque"))
        .add("not an object")
        .add(payment("P-4", "50.00", "ARR-2"))
        .add(payment("NOBODY", "50.00", "ARR-3"));
    HttpResponse<String> r = post(rows, admin);
    assertEquals(200, r.statusCode(), r.body());
    JsonObject report = new JsonObject(r.body());
    assertEquals(5, report.getInteger("rows"));
    assertEquals(2, report.getInteger("created"));
    assertEquals(3, report.getInteger("rejectedCount"));
    JsonArray rejected = report.getJsonArray("rejected");
    assertEquals(1, rejected.getJsonObject(0).getInteger("index"));
    assertEquals(new JsonArray().add("'reference' is required").add("'amount' '12x' is not an amount")
        .add("'currency' must be an ISO 4217 code such as MXN, COP or PEN, got 'XYZ'")
        .add("'paidAt' must be an ISO-8601 time with offset like 2026-11-24T15:02:00-06:00, got 'ayer'")
        .add("'source' must be one of field, transfer, cash_reference, card, import, provider, got 'cheque'"),
        rejected.getJsonObject(0).getJsonArray("reasons"));
    assertEquals(2, rejected.getJsonObject(1).getInteger("index"));
    assertEquals(new JsonObject().put("index", 4).put("reference", "ARR-3")
        .put("reasons", new JsonArray().add("no debtor 'NOBODY'")), rejected.getJsonObject(2));
    assertEquals("650.00", balanceOf(debtor("P-4", admin), "L-P4"));
  }

  @Test
  void aCsvInSpanishIsRecordedRowByRowWithItsLines() {
    String csv = String.join("\n",
        "deudor;contrato;monto;moneda;fecha_pago;referencia;origen",
        "P-5;L-P5;1.234,50;MXN;" + YESTERDAY + ";OXXO-1;cash_reference",
        "P-5;;100;MXN;" + YESTERDAY + ";OXXO-2",
        "P-5;;-5;MXN;" + YESTERDAY + ";OXXO-3;cash_reference",
        "P-5;;50;MXN;" + YESTERDAY + ";OXXO-4;cash_reference");
    HttpResponse<String> r = send("/api/payments", csv, "text/csv", admin);
    assertEquals(200, r.statusCode(), r.body());
    JsonObject report = new JsonObject(r.body());
    assertEquals(2, report.getInteger("created"), r.body());
    JsonArray rejected = report.getJsonArray("rejected");
    assertEquals(3, rejected.getJsonObject(0).getInteger("line"));
    assertTrue(rejected.getJsonObject(0).getJsonArray("reasons").getString(0).contains("has 6 fields, the header has 7"));
    assertEquals(new JsonObject().put("line", 4).put("reference", "OXXO-3").put("reasons", new JsonArray()
        .add("'amount' must be positive, got -5 (a refund or correction is a payment of its own kind, not a negative one)")),
        rejected.getJsonObject(1));
    JsonObject debtor = debtor("P-5", admin);
    assertEquals("0.00", balanceOf(debtor, "L-P5"));
    assertEquals(new JsonObject().put("MXN", "684.50"), debtor.getJsonObject("credit"), "1234.50 + 50 - 600");

    HttpResponse<String> misspelt = send("/api/payments", "deudor,monto,refrence\nP-5,1,X", "text/csv", admin);
    assertEquals(400, misspelt.statusCode());
    assertTrue(misspelt.body().contains("unknown CSV columns [refrence]"), misspelt.body());
  }

  @Test
  void anotherTeamsDebtorIsNotFoundAndNothingIsStored() {
    HttpResponse<String> r = post(payment("S-1", "100.00", "SCOPE-1"), lucia);
    assertEquals(404, r.statusCode(), r.body());
    assertTrue(r.body().contains("no debtor 'S-1'"), r.body());
    assertEquals(0, server.count("SELECT count(*) FROM payment WHERE reference = 'SCOPE-1'"));
    assertEquals("700.00", balanceOf(debtor("S-1", admin), "L-S1"));
    HttpResponse<String> rows = post(new JsonArray().add(payment("S-1", "1.00", "SCOPE-2")), lucia);
    assertTrue(rows.body().contains("no debtor 'S-1'"), rows.body());
    assertEquals(0, server.count("SELECT count(*) FROM payment WHERE reference = 'SCOPE-2'"));
    // A manager reads but does not record payments.
    String marta = server.officeUserInTeam("marta", "manager", "norte");
    assertEquals(403, post(payment("P-2", "1.00", "SCOPE-3"), marta).statusCode());
  }

  @Test
  void hugeMalformedAndMismatchedAmountsAreRefusedWithTheirReason() {
    String[][] cases = {
        {"1234567890123456", "has more than 15 digits before the point"},
        {"9999999999999.99", "is larger than any debt can be"},
        {"1E+999999999", "no exponent"},
        {"0", "must be positive"},
        {"10.001", "has more than 2 decimals"}};
    for (String[] c : cases) {
      HttpResponse<String> r = post(payment("P-2", c[0], "HUGE-" + c[0]), admin);
      assertEquals(400, r.statusCode(), c[0] + " " + r.body());
      assertTrue(r.body().contains(c[1]), r.body());
    }
    HttpResponse<String> number = post(payment("P-2", null, "HUGE-N").put("amount", 1e20), admin);
    assertEquals(400, number.statusCode(), number.body());
    HttpResponse<String> future = post(payment("P-2", "1.00", "FUT").put("paidAt", "2999-01-01T00:00:00Z"), admin);
    assertEquals(400, future.statusCode());
    assertTrue(future.body().contains("is in the future"), future.body());
    HttpResponse<String> field = post(payment("P-2", "1.00", "F-1").put("source", "field"), admin);
    assertEquals(400, field.statusCode(), field.body());

    HttpResponse<String> dollars = post(payment("U-1", "10.00", "FX-1"), admin);
    assertEquals(422, dollars.statusCode(), dollars.body());
    assertTrue(dollars.body().contains("the debtor's debts are in USD, the payment in MXN"), dollars.body());
    HttpResponse<String> named = post(payment("U-1", "10.00", "FX-2").put("contract", "L-U1"), admin);
    assertEquals(422, named.statusCode());
    assertTrue(named.body().contains("contract 'L-U1' is in USD, the payment in MXN"), named.body());
    assertEquals(0, server.count("SELECT count(*) FROM payment WHERE reference LIKE 'HUGE-%' OR reference LIKE 'FX-%'"));
    assertEquals(415, send("/api/payments", "<xml/>", "application/xml", admin).statusCode());
  }

  @Test
  void aTransferKeepsAPromiseAndCountsInTheKpis() throws Exception {
    ZoneId zone = ZoneId.of("America/Mexico_City");
    Instant madeAt = Instant.now().minus(10, ChronoUnit.DAYS);
    LocalDate due = LocalDate.now(zone).minusDays(5);
    server.createAgent("cobrador-k");
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("INSERT INTO debtor (external_id, name, team_id) VALUES ('K-1', 'Karla', 'norte')");
      s.execute("INSERT INTO debt (debtor_id, external_id, product, currency, principal, balance, due_date)"
          + " SELECT id, 'L-K1', 'micro', 'MXN', 1000, 1000, '2026-01-01' FROM debtor WHERE external_id = 'K-1'");
      s.execute("INSERT INTO visit (agent_id, idempotency_key, request_hash, debtor_id, check_in_at, check_in_lat, check_in_lon,"
          + " check_in_accuracy, outcome, outcome_details, status, validation) SELECT 'cobrador-k', 'k-1', 'h', id, '" + madeAt
          + "', 19.4, -99.1, 5, 'PROMISE', '{\"date\": \"" + due + "\", \"amount\": \"250.00\", \"currency\": \"MXN\"}', 'VALID', '{}'"
          + " FROM debtor WHERE external_id = 'K-1'");
    }
    assertEquals(new JsonObject().put("kept", 0).put("broken", 1).put("open", new io.vertx.core.json.JsonArray()),
        debtor("K-1", admin).getJsonObject("promises"));
    String from = LocalDate.now(zone).minusDays(12).toString();
    String to = LocalDate.now(zone).toString();
    JsonObject before = kpis(from, to);

    String paidAt = madeAt.plus(2, ChronoUnit.DAYS).toString();
    assertEquals(201, post(payment("K-1", "250.00", "SPEI-K").put("paidAt", paidAt), admin).statusCode());

    assertEquals(new JsonObject().put("kept", 1).put("broken", 0).put("open", new io.vertx.core.json.JsonArray()),
        debtor("K-1", admin).getJsonObject("promises"), "a transfer inside the promise's window keeps it");
    JsonObject after = kpis(from, to);
    assertEquals(before.getJsonObject("promisesKept").getDouble("value") + 1, after.getJsonObject("promisesKept").getDouble("value"));
    assertEquals(before.getJsonObject("promisesBroken").getDouble("value") - 1,
        after.getJsonObject("promisesBroken").getDouble("value"));
    assertTrue(after.getJsonObject("collectionPeriodDays").getValue("value") != null, "DSO defined once money came in: " + after);
    assertEquals(1, server.count("SELECT count(*) FROM payment_kpi_daily WHERE collected >= 250.00"));
  }

  @Test
  void aPaidVisitWritesItsFieldPaymentOnlyOnceItCounts() throws Exception {
    String deviceToken = server.createAgent("cobrador-f", "norte");
    HttpResponse<String> login = server.request("POST", "/api/auth/device", null,
        new JsonObject().put("agentId", "cobrador-f").put("deviceToken", deviceToken).encode());
    String agent = new JsonObject(login.body()).getString("token");
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("INSERT INTO debtor (external_id, name, team_id) VALUES ('F-1', 'Fabiola', 'norte')");
      s.execute("INSERT INTO address (debtor_id, lat, lon) SELECT id, 19.4, -99.1 FROM debtor WHERE external_id = 'F-1'");
      s.execute("INSERT INTO debt (debtor_id, external_id, product, currency, principal, balance, due_date)"
          + " SELECT id, 'L-F1', 'micro', 'MXN', 1000, 1000, '2026-01-01' FROM debtor WHERE external_id = 'F-1'");
    }
    JsonObject visit = new JsonObject().put("debtor", "F-1")
        .put("checkIn", new JsonObject().put("at", Instant.now().minus(5, ChronoUnit.MINUTES).toString()).put("lat", 19.4)
            .put("lon", -99.1).put("accuracy", 8))
        .put("outcome", new JsonObject().put("type", "PAID").put("amount", "400.00").put("currency", "MXN").put("receipt", "R-9"));
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/visits"))
        .header("Authorization", "Bearer " + agent).header("Content-Type", "application/json").header("Idempotency-Key", "f-1")
        .POST(HttpRequest.BodyPublishers.ofString(visit.encode())).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(201, r.statusCode(), r.body());
    JsonObject stored = new JsonObject(r.body());
    assertEquals("REJECTED", stored.getString("status"), "no track was sent");
    assertEquals(0, server.count("SELECT count(*) FROM payment WHERE debtor_id = (SELECT id FROM debtor WHERE external_id = 'F-1')"),
        "money nobody could verify lowers no balance");
    assertEquals("1000.00", balanceOf(debtor("F-1", admin), "L-F1"));

    HttpResponse<String> override = server.request("POST", "/api/visits/" + stored.getLong("id") + "/override", admin,
        new JsonObject().put("reason", "GPS sin señal dentro del mercado; confirmado por llamada").encode());
    assertEquals(200, override.statusCode(), override.body());
    JsonObject debtor = debtor("F-1", admin);
    assertEquals("600.00", balanceOf(debtor, "L-F1"));
    JsonObject p = debtor.getJsonArray("payments").getJsonObject(0);
    assertEquals("field", p.getString("source"));
    assertEquals("visit-" + stored.getLong("id"), p.getString("reference"));
    assertEquals(stored.getLong("id"), p.getLong("visitId"));
    assertEquals(0, server.count("SELECT count(*) FROM payment_kpi_daily WHERE collected = 400.00"),
        "field money is counted by the visit rollup, not twice");
  }

  private static JsonObject kpis(String from, String to) {
    HttpResponse<String> r = server.request("GET", "/api/reports/kpis?from=" + from + "&to=" + to, admin, null);
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body()).getJsonObject("kpis");
  }

  static JsonObject debtor(String id, String token) {
    HttpResponse<String> r = server.request("GET", "/api/debtors/" + id, token, null);
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  static String balanceOf(JsonObject debtor, String contract) {
    return debtor.getJsonArray("debts").stream().map(JsonObject.class::cast).filter(d -> d.getString("contract").equals(contract))
        .findFirst().orElseThrow().getString("balance");
  }

  static HttpResponse<String> post(Object body, String token) {
    return send("/api/payments", body.toString(), "application/json", token);
  }

  static HttpResponse<String> send(String path, String body, String type, String token) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
          .header("Authorization", "Bearer " + token).header("Content-Type", type)
          .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
