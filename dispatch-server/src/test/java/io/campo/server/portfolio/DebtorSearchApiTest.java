package io.campo.server.portfolio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/debtors?q=} on the real server: by name, external id or phone digits, best match first, paged, and
 * only the caller's teams' debtors (another team's debtor is not there at all, not even in the total).
 */
class DebtorSearchApiTest {

  static TestServer server;
  static String admin;
  static String norte;
  static String sur;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    admin = server.adminToken();
    norte = server.officeUserInTeam("busca-norte", "dispatcher", "norte");
    sur = server.officeUserInTeam("busca-sur", "manager", "sur");
    StringBuilder csv = new StringBuilder("id,name,lat,lon,team,phone,contract,product,currency,principal,balance,due_date\n");
    csv.append("GAR-1,Lucía García,19.40,-99.10,norte,+52 (55) 1234-5678,K-1,consumo,MXN,1000,800.50,2026-10-01\n");
    csv.append("GAR-1,Lucía García,19.40,-99.10,norte,+52 (55) 1234-5678,K-2,consumo,MXN,1000,200.00,2026-11-01\n");
    csv.append("GAR-2,Pedro Garza,19.41,-99.11,sur,5598765432,K-3,consumo,MXN,500,500,2026-10-01\n");
    csv.append("MORA,Ana Mora,19.42,-99.12,norte,,K-4,consumo,MXN,500,500,2026-10-01\n");
    csv.append("X-9,Mora Sin Equipo,19.43,-99.13,,,K-5,consumo,MXN,500,500,2026-10-01\n");
    for (int i = 0; i < 25; i++) {
      csv.append(String.format("P-%02d,Paginada %02d,19.4,-99.1,norte,,KP-%02d,consumo,MXN,10,10,2026-10-01%n", i, i, i));
    }
    HttpResponse<String> r = postCsv(csv.toString());
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(0, new JsonObject(r.body()).getInteger("rejectedCount"), r.body());
  }

  static HttpResponse<String> postCsv(String csv) throws Exception {
    return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(server.baseUrl() + "/api/debtors/import"))
        .header("Authorization", "Bearer " + admin).header("Content-Type", "text/csv")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonObject search(String token, String query) {
    HttpResponse<String> r = server.request("GET", "/api/debtors?" + query, token, null);
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  static List<String> ids(JsonObject page) {
    return page.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("externalId")).toList();
  }

  static String q(String text) {
    return "q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Test
  void findsByNameAnywhereWithoutCaseOrAccentsTyped() {
    JsonObject page = search(admin, q("garc"));
    assertEquals(List.of("GAR-1"), ids(page));
    JsonObject lucia = page.getJsonArray("items").getJsonObject(0);
    assertEquals("Lucía García", lucia.getString("name"));
    assertEquals("1000.50", lucia.getString("balance"), "the sum of both debts");
    assertEquals(2, lucia.getInteger("debts"));
    assertEquals("norte", lucia.getString("team"));
  }

  @Test
  void anExactExternalIdComesBeforeNamesThatMerelyContainIt() {
    // "mora" is MORA's id, Ana Mora's surname and the start of "Mora Sin Equipo"; the exact id comes first.
    assertEquals(List.of("MORA", "X-9"), ids(search(admin, q("mora"))));
  }

  @Test
  void findsByPhoneDigitsHoweverThePhoneWasWritten() {
    assertEquals(List.of("GAR-1"), ids(search(admin, q("55 1234"))));
    assertEquals(List.of("GAR-2"), ids(search(admin, q("98765"))));
  }

  @Test
  void aDispatcherSeesOnlyTheirTeamsDebtorsNotEvenCountedOtherwise() {
    JsonObject norteSees = search(norte, q("gar"));
    assertEquals(List.of("GAR-1"), ids(norteSees));
    assertEquals(1, norteSees.getLong("total"));
    assertEquals(List.of("GAR-2"), ids(search(sur, q("gar"))));
    // A debtor of no team is the admin's only.
    assertEquals(List.of("MORA"), ids(search(norte, q("mora"))));
    assertEquals(0, search(sur, q("mora")).getLong("total"));
  }

  @Test
  void pagesThroughAllMatchesWithTheTotal() {
    JsonObject first = search(norte, q("paginada") + "&limit=10");
    assertEquals(25, first.getLong("total"));
    assertEquals(10, first.getJsonArray("items").size());
    assertEquals("P-00", ids(first).get(0));
    JsonObject last = search(norte, q("paginada") + "&limit=10&offset=20");
    assertEquals(List.of("P-20", "P-21", "P-22", "P-23", "P-24"), ids(last));
    assertEquals(0, search(norte, q("paginada") + "&offset=30").getJsonArray("items").size());
  }

  @Test
  void wildcardsAreLiteralAndBadParametersAreRefusedWithTheReason() {
    assertEquals(0, search(admin, q("%%")).getLong("total"), "a % matches a % only");
    assertEquals(0, search(admin, q("__")).getLong("total"));
    for (String bad : List.of("", "q=a", q("ana") + "&limit=0", q("ana") + "&limit=1000", q("ana") + "&offset=-5",
        q("ana") + "&limit=veinte", q("x".repeat(300)))) {
      HttpResponse<String> r = server.request("GET", "/api/debtors?" + bad, admin, null);
      assertEquals(400, r.statusCode(), bad + " -> " + r.body());
      assertTrue(new JsonObject(r.body()).getString("error").length() > 10, r.body());
    }
  }

  @Test
  void agentsAndStrangersCannotSearch() {
    String agentDeviceToken = server.createAgent("busca-agente");
    HttpResponse<String> device = server.request("POST", "/api/auth/device", null, new JsonObject()
        .put("agentId", "busca-agente").put("deviceToken", agentDeviceToken).encode());
    String agentJwt = new JsonObject(device.body()).getString("token");
    assertEquals(403, server.request("GET", "/api/debtors?" + q("gar"), agentJwt, null).statusCode());
    assertEquals(401, server.request("GET", "/api/debtors?" + q("gar"), null, null).statusCode());
  }
}
