package io.campo.server.payments.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Prometer pago" on the real server: the form on the payment page records a first-class promise (source page) that
 * the debtor card, the client log and the promise rollups see; bad dates and amounts, expired and tampered links,
 * another site's form and a replayed or second promise each get their answer and change nothing else.
 */
class PagePromiseApiTest {

  static TestServer server;
  static String admin;
  static LocalDate today;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    admin = server.adminToken();
    String csv = String.join("\n", "id,name,lat,lon,product,contract,currency,principal,balance,due_date",
        "P-1,Paula Pérez,19.40,-99.10,Microcrédito,L-P1,MXN,1000,500.00,2026-01-10",
        "P-1,Paula Pérez,19.40,-99.10,Tarjeta,L-P2,MXN,1000,250.50,2026-02-10",
        "P-2,Walter Soto,19.41,-99.11,Microcrédito,L-P3,MXN,1000,300.00,2026-01-10");
    HttpResponse<String> r = send("POST", server.baseUrl() + "/api/debtors/import", csv, "text/csv", admin);
    assertEquals(200, r.statusCode(), r.body());
    today = LocalDate.now(ZoneId.of("America/Mexico_City")); // CAMPO_TIME_ZONE's default
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String link(String debtor) {
    HttpResponse<String> r = server.request("POST", "/api/debtors/" + debtor + "/payment-link", admin, null);
    assertEquals(201, r.statusCode(), r.body());
    return new JsonObject(r.body()).getString("url");
  }

  @Test
  void aPromiseFromThePageIsRecordedOnceShownOnTheCardAndLoggedAndASecondOneIsRefused() {
    String url = link("P-1");
    HttpResponse<String> page = get(url);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("Prometer pago") && page.body().contains("action=\"" + URI.create(url).getPath() + "/promesa\""),
        page.body());
    String due = today.plusDays(7).toString();

    HttpResponse<String> made = post(url + "/promesa", "fecha=" + due + "&monto=" + enc("600,50") + "&moneda=MXN", null);
    assertEquals(200, made.statusCode(), made.body());
    assertTrue(made.body().contains("¡Gracias, Paula!") && made.body().contains("$600.50"), made.body());
    assertEquals(1, server.count("SELECT count(*) FROM page_promise p JOIN debtor d ON d.id = p.debtor_id"
        + " WHERE d.external_id = 'P-1' AND p.amount = 600.50 AND p.due_date = '" + due + "'"));
    assertEquals(1, server.count("SELECT count(*) FROM promise_state s JOIN page_promise p ON p.id = s.page_promise_id"
        + " WHERE s.agent_id IS NULL AND s.due_date = '" + due + "' AND NOT s.kept"));
    assertEquals(1, server.count("SELECT count(*) FROM client_log l JOIN debtor d ON d.id = l.debtor_id WHERE d.external_id = 'P-1'"
        + " AND l.kind = 'promise' AND l.details->>'source' = 'page' AND l.details->>'amount' = '600.50'"));

    JsonObject card = new JsonObject(server.request("GET", "/api/debtors/P-1", admin, null).body());
    JsonArray open = card.getJsonObject("promises").getJsonArray("open");
    assertEquals(1, open.size(), card.encode());
    assertEquals("page", open.getJsonObject(0).getString("source"));
    assertEquals(due, open.getJsonObject(0).getString("dueDate"));
    assertEquals("600.50", open.getJsonObject(0).getString("amount"));

    HttpResponse<String> replay = post(url + "/promesa", "fecha=" + due + "&monto=600.50&moneda=MXN", null);
    assertEquals(200, replay.statusCode(), "the same form again is the same promise: " + replay.body());
    HttpResponse<String> second = post(url + "/promesa", "fecha=" + today.plusDays(20) + "&monto=100&moneda=MXN", null);
    assertEquals(409, second.statusCode(), second.body());
    assertTrue(second.body().contains("Ya tienes una promesa de pago") && second.body().contains("$600.50"), second.body());
    assertEquals(1, server.count("SELECT count(*) FROM page_promise"), "no second promise, the replay wrote nothing");
    assertEquals(1, server.count("SELECT count(*) FROM client_log WHERE kind = 'promise'"));

    HttpResponse<String> again = get(url);
    assertTrue(again.body().contains("id=promise-open") && !again.body().contains("name=monto"), "the page shows the promise, no form");

    // A payment in its window keeps it: the card no longer lists it as open, and the debtor may promise again.
    HttpResponse<String> pay = server.request("POST", "/api/payments", admin, new JsonObject().put("debtor", "P-1").put("amount", "600.50")
        .put("currency", "MXN").put("paidAt", Instant.now().toString()).put("reference", "tr-page-1").put("source", "transfer").encode());
    assertEquals(201, pay.statusCode(), pay.body());
    assertEquals(1, server.count("SELECT count(*) FROM promise_state WHERE page_promise_id IS NOT NULL AND kept"));
    card = new JsonObject(server.request("GET", "/api/debtors/P-1", admin, null).body());
    assertEquals(0, card.getJsonObject("promises").getJsonArray("open").size(), card.encode());
  }

  @Test
  void badDatesAndAmountsAreRefusedWithAReasonAndNothingIsRecorded() {
    String url = link("P-2") + "/promesa";
    String[][] cases = {
        {"fecha=" + today + "&monto=100", "a partir de mañana"},
        {"fecha=" + today.minusDays(3) + "&monto=100", "a partir de mañana"},
        {"fecha=" + today.plusDays(PromiseForm.MAX_DAYS_AHEAD + 1) + "&monto=100", "a lo más dentro de 30 días"},
        {"fecha=2026-13-45&monto=100", "La fecha no es válida"},
        {"fecha=" + today.plusDays(3) + "&monto=300.01", "mayor que tu saldo pendiente de $300.00"},
        {"fecha=" + today.plusDays(3) + "&monto=99999999999999999999", "El monto no es válido"},
        {"fecha=" + today.plusDays(3) + "&monto=1e2", "El monto no es válido"},
        {"fecha=" + today.plusDays(3) + "&monto=0", "mayor que cero"},
        {"fecha=" + today.plusDays(3) + "&monto=10.001", "El monto no es válido"},
        {"fecha=" + today.plusDays(3) + "&monto=100&moneda=USD", "Elige la moneda"},
        {"monto=100", "Elige la fecha"},
    };
    for (String[] c : cases) {
      HttpResponse<String> r = post(url, c[0], null);
      assertEquals(400, r.statusCode(), c[0] + " -> " + r.body());
      assertTrue(r.body().contains(c[1]), c[0] + " should say '" + c[1] + "': " + r.body());
      assertTrue(r.body().contains("name=monto"), "the form comes back to be corrected");
    }
    assertEquals(0, server.count("SELECT count(*) FROM page_promise p JOIN debtor d ON d.id = p.debtor_id WHERE d.external_id = 'P-2'"));
  }

  @Test
  void expiredTamperedAndCrossSiteSubmissionsAreRefusedLikeThePage() throws Exception {
    String url = link("P-2");
    String body = "fecha=" + today.plusDays(3) + "&monto=100";
    HttpResponse<String> tampered = post(url.substring(0, url.length() - 2) + (url.endsWith("A") ? "BB" : "AA") + "/promesa", body, null);
    assertEquals(404, tampered.statusCode());
    assertTrue(tampered.body().contains("Liga no válida"), tampered.body());
    byte[] key;
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", ""); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT value FROM server_secret WHERE name = 'payment_link'")) {
      rs.next();
      key = rs.getBytes(1);
    }
    long id = server.count("SELECT id FROM debtor WHERE external_id = 'P-2'");
    HttpResponse<String> expired = post(server.baseUrl() + "/pagar/" + new PaymentLinkToken(key).issue(id, Instant.now().minusSeconds(1))
        + "/promesa", body, null);
    assertEquals(410, expired.statusCode());
    assertTrue(expired.body().contains("Esta liga ya venció"), expired.body());
    HttpResponse<String> elsewhere = post(url + "/promesa", body, "https://evil.example");
    assertEquals(403, elsewhere.statusCode(), elsewhere.body());
    assertEquals(0, server.count("SELECT count(*) FROM page_promise WHERE debtor_id = " + id));
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static HttpResponse<String> get(String url) {
    return send("GET", url, null, null, null);
  }

  static HttpResponse<String> post(String url, String form, String origin) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    if (origin != null) {
      b.header("Origin", origin);
    }
    try {
      return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> send(String method, String url, String body, String type, String token) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
      if (token != null) {
        b.header("Authorization", "Bearer " + token);
      }
      if (type != null) {
        b.header("Content-Type", type);
      }
      return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
