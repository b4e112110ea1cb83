package io.campo.server.portfolio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.TestServer;
import io.campo.server.auth.UserAccounts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /api/debtors/import}, {@code GET /api/debtors/{id}} and {@code GET /api/groups/{id}} on the real server. */
class PortfolioImportApiTest {

  static TestServer server;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    UserAccounts users = new UserAccounts(server.server.database().dataSource());
    users.create("dora", "dispatcher-password", "dispatcher");
    users.create("manu", "manager-password", "manager");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void everyBadRowIsReportedWithItsLineAndEveryReasonWhileValidRowsAreImported() {
    String csv = String.join("\n",
        "id,name,phone,product,contract,currency,principal,balance,due_date,lat,lon,address,radius,group,role",
        "BAD-1,Ana López,5512345678|55 8765 4321,microcredit,L-1,MXN,10000.00,8000.50,2025-01-15,19.43,-99.13,Calle 1,80,G-BAD,presidenta",
        ",Sin Id,,microcredit,L-2,MXN,100,100,2025-01-15,19.43,-99.13,,,,",
        "BAD-3,Bad Coords,,microcredit,L-3,MXN,100,100,2025-01-15,abc,-99.13,,,,",
        "BAD-4,Out Of Range,,microcredit,L-4,MXN,100,100,2025-01-15,95,-99.13,,,,",
        "BAD-5,Bad Amount,,microcredit,L-5,MXN,12x,100,2025-01-15,19.43,-99.13,,,,",
        "BAD-6,Negative,,microcredit,L-6,MXN,100,-5,2025-01-15,19.43,-99.13,,,,",
        "BAD-7,Bad Date,,microcredit,L-7,MXN,100,100,2025-02-30,19.43,-99.13,,,,",
        "BAD-8,Bad Currency,,microcredit,L-8,XYZ,100,100,2025-01-15,19.43,-99.13,,,,",
        "BAD-9,Many Reasons,12ab,microcredit,L-9,XYZ,abc,100,31/31/2025,19.43,200,,0,,",
        "BAD-10,Shifted,,microcredit,L-10,MXN,1,234.50,100,2025-01-15,19.43,-99.13,,,,",
        "BAD-11,Beto Ruiz,12ab|55 1111 2222|123,microcredit,L-11,MXN,1000,1250.75,2025-01-15,,,,,G-BAD,",
        "BAD-12,No Coordinates,,,,,,,,,,Calle 12,,,");
    HttpResponse<String> r = post(csv, "text/csv", server.adminToken());
    assertEquals(200, r.statusCode(), r.body());
    JsonObject report = new JsonObject(r.body());
    assertEquals(13 - 1, report.getInteger("rows"));
    assertEquals(2, report.getInteger("imported"), r.body());
    assertEquals(0, report.getInteger("updated"));
    JsonArray rejected = report.getJsonArray("rejected");
    assertEquals(10, report.getInteger("rejectedCount"));
    assertReasons(rejected, 3, null, "missing id");
    assertReasons(rejected, 4, "BAD-3", "bad coordinates: lat 'abc' is not a number");
    assertReasons(rejected, 5, "BAD-4", "lat 95 is out of range -90..90");
    assertReasons(rejected, 6, "BAD-5", "bad amount: principal '12x' is not an amount");
    assertReasons(rejected, 7, "BAD-6", "negative amount: balance -5");
    assertReasons(rejected, 8, "BAD-7", "bad date: due date '2025-02-30' is not a date (yyyy-MM-dd or dd/MM/yyyy)");
    assertReasons(rejected, 9, "BAD-8", "unknown currency 'XYZ' (ISO 4217, e.g. MXN, USD)");
    assertReasons(rejected, 10, "BAD-9", "unknown currency 'XYZ' (ISO 4217, e.g. MXN, USD)", "bad amount: principal 'abc' is not an amount",
        "bad date: due date '31/31/2025' is not a date (yyyy-MM-dd or dd/MM/yyyy)", "lon 200 is out of range -180..180",
        "radius 0 m is outside 1..5000 m");
    assertReasons(rejected, 11, null, "has 16 fields, the header has 15 (an unquoted ',' inside a value?)");
    assertReasons(rejected, 13, "BAD-12", "address without coordinates: lat and lon are required (Campo does not geocode)");

    // Nothing of a rejected row was written; the valid rows were, whole.
    assertEquals(2, server.count("SELECT count(*) FROM debtor WHERE external_id LIKE 'BAD-%'"));
    assertEquals(2, server.count("SELECT count(*) FROM debt WHERE external_id IN ('L-1', 'L-11')"));
    assertEquals(0, server.count("SELECT count(*) FROM debt WHERE external_id NOT IN ('L-1', 'L-11') AND external_id LIKE 'L-%'"));
    assertEquals(1, server.count("SELECT count(*) FROM address a JOIN debtor d ON d.id = a.debtor_id WHERE d.external_id LIKE 'BAD-%'"));

    JsonObject ana = getJson("/api/debtors/BAD-1", server.adminToken());
    assertEquals("Ana López", ana.getString("name"));
    // Numbers are stored in E.164 in the agency's country (CAMPO_COUNTRY, MX by default).
    assertEquals(new JsonArray().add("+525512345678").add("+525587654321"), ana.getJsonArray("phones"));
    // An invalid number is left out of a row that is otherwise imported, with a warning naming it.
    assertEquals(new JsonArray().add(new JsonObject().put("line", 12).put("externalId", "BAD-11").put("warnings", new JsonArray()
        .add("phone '12ab' is not a phone number; left out").add("phone '123' is not a valid number in MX; left out"))),
        report.getJsonArray("warnings"));
    assertEquals(new JsonArray().add("+525511112222"), getJson("/api/debtors/BAD-11", server.adminToken()).getJsonArray("phones"));
    assertEquals(new JsonObject().put("id", "G-BAD").put("role", "president"), ana.getJsonObject("group"));
    JsonObject address = ana.getJsonArray("addresses").getJsonObject(0);
    assertEquals(80.0, address.getDouble("radiusMeters"));
    assertEquals("home", address.getString("kind"));
    JsonObject debt = ana.getJsonArray("debts").getJsonObject(0);
    assertEquals("8000.50", debt.getValue("balance").toString());
    long days = LocalDate.of(2025, 1, 15).until(LocalDate.now(ZoneId.of("America/Mexico_City")), java.time.temporal.ChronoUnit.DAYS);
    assertEquals(days, debt.getLong("daysPastDue"));
    assertEquals("90+", debt.getString("agingBucket"));
    assertEquals(1200, debt.getLong("visitValue")); // 8,000.50 × 0.15
    assertEquals("medium", ana.getJsonObject("segmentation").getString("priority"));

    JsonObject group = getJson("/api/groups/G-BAD", server.adminToken());
    assertEquals(List.of("BAD-1", "BAD-11"), group.getJsonArray("members").stream()
        .map(m -> ((JsonObject) m).getString("externalId")).collect(Collectors.toList()));
    assertEquals("member", group.getJsonArray("members").getJsonObject(1).getString("role"));
  }

  @Test
  void semicolonsSpanishHeadersDayMonthYearDatesAndDecimalCommasAreRead() {
    String csv = String.join("\r\n",
        "Cliente_ID;Nombre;Teléfono;Producto;Crédito;Moneda;Capital;Saldo;Fecha de vencimiento;Latitud;Longitud;Dirección;Radio;Segmento",
        "ES-1;José Núñez;5511112222;nómina;C-77;mxn;12.500,00;9.800,25;05/03/2025;19,4326;-99,1332;Av. Juárez 5, Centro;120;A",
        "ES-2;María Peña;;personal;C-78;MXN;5000;5000;1/2/2025;19.44;-99.14;;;B");
    HttpResponse<String> r = post(csv, "text/csv; charset=utf-8", server.adminToken());
    assertEquals(200, r.statusCode(), r.body());
    JsonObject report = new JsonObject(r.body());
    assertEquals(2, report.getInteger("imported"), r.body());
    assertEquals(0, report.getInteger("rejectedCount"), r.body());
    JsonObject jose = getJson("/api/debtors/ES-1", server.adminToken());
    JsonObject debt = jose.getJsonArray("debts").getJsonObject(0);
    assertEquals("2025-03-05", debt.getString("dueDate"));
    assertEquals("12500.00", debt.getValue("principal").toString());
    assertEquals("9800.25", debt.getValue("balance").toString());
    assertEquals("MXN", debt.getString("currency"));
    assertEquals("nómina", debt.getString("product"));
    assertEquals("A", jose.getString("segment"));
    JsonObject address = jose.getJsonArray("addresses").getJsonObject(0);
    assertEquals("Av. Juárez 5, Centro", address.getString("line"));
    assertEquals(19.4326, address.getDouble("lat"));
    assertEquals(120.0, address.getDouble("radiusMeters"));
    assertEquals("2025-02-01", getJson("/api/debtors/ES-2", server.adminToken()).getJsonArray("debts").getJsonObject(0)
        .getString("dueDate"));
  }

  @Test
  void aByteOrderMarkIsSkippedAndUnknownColumnsAreNamed() {
    String csv = "\uFEFFid,name,colour\nBOM-1,Con Marca,azul\n";
    HttpResponse<String> r = post(csv, "text/csv", server.adminToken());
    assertEquals(200, r.statusCode(), r.body());
    JsonObject report = new JsonObject(r.body());
    assertEquals(1, report.getInteger("imported"), r.body());
    assertEquals(new JsonArray().add("colour"), report.getJsonArray("ignoredColumns"));
    assertEquals("Con Marca", getJson("/api/debtors/BOM-1", server.adminToken()).getString("name"));
  }

  @Test
  void jsonArraysImportLikeCsv() {
    String json = new JsonArray()
        .add(new JsonObject().put("id", "JS-1").put("name", "Lupita").put("phones", new JsonArray().add("5599998888"))
            .put("contract", "J-1").put("product", "moto").put("currency", "USD").put("principal", 1500).put("balance", 99.5)
            .put("due_date", "2099-01-01").put("lat", 20.67).put("lon", -103.35).put("consent_calls", true))
        .add(new JsonObject().put("id", "JS-2").put("lat", 91).put("lon", 0))
        .add("not an object").encode();
    HttpResponse<String> r = post(json, "application/json", server.adminToken());
    assertEquals(200, r.statusCode(), r.body());
    JsonObject report = new JsonObject(r.body());
    assertEquals(1, report.getInteger("imported"), r.body());
    assertReasons(report.getJsonArray("rejected"), 2, "JS-2", "missing name", "lat 91 is out of range -90..90");
    assertReasons(report.getJsonArray("rejected"), 3, null, "element 3 is not a JSON object");
    JsonObject lupita = getJson("/api/debtors/JS-1", server.adminToken());
    assertEquals("99.50", lupita.getJsonArray("debts").getJsonObject(0).getValue("balance").toString());
    assertEquals(0, lupita.getJsonArray("debts").getJsonObject(0).getLong("daysPastDue"));
    assertEquals("current", lupita.getJsonObject("segmentation").getString("agingBucket"));
    assertEquals(true, lupita.getJsonObject("consent").getBoolean("calls"));
    assertEquals(true, lupita.getJsonObject("consent").getBoolean("visits"));
  }

  @Test
  void reImportingUpdatesInPlaceAndLogsEachImport() {
    String first = "id,name,segment,contract,product,currency,principal,balance,due_date,lat,lon\n"
        + "UP-1,Pedro,A,P-1,auto,MXN,1000,900,2025-06-01,19.4,-99.1\n"
        + "UP-1,Pedro,,P-2,auto,MXN,500,500,2025-07-01,19.4,-99.1\n";
    JsonObject one = new JsonObject(post(first, "text/csv", server.adminToken()).body());
    assertEquals(1, one.getInteger("imported"), one.encode());
    String second = "id,name,contract,product,currency,principal,balance,due_date,lat,lon,radius\n"
        + "UP-1,Pedro Páramo,P-1,auto,MXN,1000,400,2025-06-01,19.5,-99.2,150\n";
    JsonObject two = new JsonObject(post(second, "text/csv", server.adminToken()).body());
    assertEquals(0, two.getInteger("imported"), two.encode());
    assertEquals(1, two.getInteger("updated"), two.encode());

    assertEquals(1, server.count("SELECT count(*) FROM debtor WHERE external_id = 'UP-1'"));
    assertEquals(2, server.count("SELECT count(*) FROM debt t JOIN debtor d ON d.id = t.debtor_id WHERE d.external_id = 'UP-1'"));
    assertEquals(1, server.count("SELECT count(*) FROM address a JOIN debtor d ON d.id = a.debtor_id WHERE d.external_id = 'UP-1'"));
    JsonObject pedro = getJson("/api/debtors/UP-1", server.adminToken());
    assertEquals("Pedro Páramo", pedro.getString("name"));
    assertEquals("A", pedro.getString("segment"), "a blank or absent cell keeps the stored value");
    assertEquals("400.00", pedro.getJsonArray("debts").getJsonObject(0).getValue("balance").toString());
    assertEquals(150.0, pedro.getJsonArray("addresses").getJsonObject(0).getDouble("radiusMeters"));

    assertEquals(2, server.count("SELECT count(*) FROM client_log l JOIN debtor d ON d.id = l.debtor_id"
        + " WHERE d.external_id = 'UP-1' AND l.kind = 'import' AND l.actor = 'admin'"), "one entry per import, by its user");
    JsonArray entries = getJson("/api/debtors/UP-1/log", server.adminToken()).getJsonArray("entries");
    assertTrue(entries.getJsonObject(0).getString("summary").startsWith("created by import "), entries.encode());
    assertEquals(new JsonArray().add(2).add(3), entries.getJsonObject(0).getJsonObject("details").getJsonArray("lines"));
    assertTrue(entries.getJsonObject(1).getString("summary").startsWith("updated by import "), entries.encode());
  }

  @Test
  void progressIsPublishedOnTheLiveFeed() throws Exception {
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    var consumer = server.server.vertx().eventBus().<JsonObject>consumer(PortfolioHandlers.PROGRESS_ADDRESS, m -> events.add(m.body()));
    consumer.completion().toCompletionStage().toCompletableFuture().get();
    StringBuilder csv = new StringBuilder("id,name\n");
    int rows = PortfolioImport.BATCH_ROWS + 10;
    for (int i = 0; i < rows; i++) {
      csv.append("PR-").append(i).append(",Debtor ").append(i).append('\n');
    }
    HttpResponse<String> r = post(csv.toString(), "text/csv", server.adminToken(), "?importId=progress-test");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(rows, new JsonObject(r.body()).getInteger("imported"));
    long deadline = System.currentTimeMillis() + 5_000;
    while (events.stream().noneMatch(e -> "import.done".equals(e.getString("type"))) && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    consumer.unregister();
    List<JsonObject> progress = events.stream().filter(e -> "progress-test".equals(e.getString("importId"))
        && "import.progress".equals(e.getString("type"))).toList();
    assertEquals(2, progress.size(), events.toString());
    assertEquals(new JsonObject().put("type", "import.progress").put("importId", "progress-test")
        .put("rows", PortfolioImport.BATCH_ROWS).put("percent", 99), progress.get(0));
    assertEquals(100, progress.get(1).getInteger("percent"));
    assertEquals(rows, progress.get(1).getInteger("rows"));
  }

  @Test
  void wholeBodyProblemsAreRefusedBeforeAnythingIsWritten() {
    assertEquals(400, post("name,phone\nAna,5512345678\n", "text/csv", server.adminToken()).statusCode());
    HttpResponse<String> unclosed = post("id,name\nQ-1,Ana\nQ-2,\"Beto\nQ-3,Caro\n", "text/csv", server.adminToken());
    assertEquals(400, unclosed.statusCode(), unclosed.body());
    assertEquals(0, server.count("SELECT count(*) FROM debtor WHERE external_id LIKE 'Q-%'"));
    byte[] latin1 = "id,name\nL1-1,Jos\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/debtors/import"))
        .header("Authorization", "Bearer " + server.adminToken()).header("Content-Type", "text/csv")
        .POST(HttpRequest.BodyPublishers.ofByteArray(latin1)).build());
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().contains("not UTF-8"), r.body());
    assertEquals(415, post("<xml/>", "application/xml", server.adminToken()).statusCode());
  }

  @Test
  void onlyAdminsAndDispatchersImportWhileManagersMayRead() {
    assertEquals(201, server.request("POST", "/api/teams", server.adminToken(), "{\"id\": \"cartera\"}").statusCode());
    for (String user : List.of("dora", "manu")) {
      assertEquals(200, server.request("PUT", "/api/users/" + user + "/teams", server.adminToken(), "{\"teams\": [\"cartera\"]}")
          .statusCode());
    }
    String csv = "id,name\nROLE-1,Dispatched\n";
    assertEquals(401, post(csv, "text/csv", null).statusCode());
    String manager = server.login("manu", "manager-password");
    assertEquals(403, post(csv, "text/csv", manager).statusCode());
    assertEquals(0, server.count("SELECT count(*) FROM debtor WHERE external_id = 'ROLE-1'"));
    String dispatcher = server.login("dora", "dispatcher-password");
    assertEquals(200, post(csv, "text/csv", dispatcher).statusCode());
    assertEquals("Dispatched", getJson("/api/debtors/ROLE-1", manager).getString("name"));
    assertEquals(1, server.count("SELECT count(*) FROM client_log l JOIN debtor d ON d.id = l.debtor_id"
        + " WHERE d.external_id = 'ROLE-1' AND l.actor = 'dora'"));
    assertEquals(401, get("/api/debtors/ROLE-1", null).statusCode());
    assertEquals(404, get("/api/debtors/NOBODY", manager).statusCode());
  }

  private static void assertReasons(JsonArray rejected, int line, String externalId, String... reasons) {
    JsonObject row = rejected.stream().map(JsonObject.class::cast).filter(o -> o.getInteger("line") == line).findFirst()
        .orElseThrow(() -> new AssertionError("no rejection on line " + line + " in " + rejected.encode()));
    assertEquals(externalId, row.getString("externalId"), row.encode());
    assertEquals(List.of(reasons), row.getJsonArray("reasons").getList(), row.encode());
  }

  private static HttpResponse<String> post(String body, String contentType, String token) {
    return post(body, contentType, token, "");
  }

  private static HttpResponse<String> post(String body, String contentType, String token, String query) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/debtors/import" + query))
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.build());
  }

  private static HttpResponse<String> get(String path, String token) {
    return server.request("GET", path, token, null);
  }

  private static JsonObject getJson(String path, String token) {
    HttpResponse<String> r = get(path, token);
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    return new JsonObject(r.body());
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
