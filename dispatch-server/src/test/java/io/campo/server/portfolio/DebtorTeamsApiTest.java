package io.campo.server.portfolio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.routing.api.Visit;
import io.campo.server.TestServer;
import io.campo.server.report.ReportTestData;
import io.campo.server.team.DebtorScope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Debtors belong to teams, on the real server: the import's {@code team}/{@code equipo} column for admins and
 * dispatchers, {@code PUT /api/debtors/{id}/team}, and the 404 every debtor route answers outside the caller's teams.
 */
class DebtorTeamsApiTest {

  static TestServer server;
  static String admin;
  static String lucia;
  static String pablo;
  static String marta;
  static String nadie;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    admin = server.adminToken();
    lucia = server.officeUserInTeam("lucia", "dispatcher", "norte");
    marta = server.officeUserInTeam("marta", "manager", "sur");
    pablo = server.officeUserInTeam("pablo", "dispatcher", "centro");
    assertEquals(200, server.request("PUT", "/api/users/pablo/teams", admin, "{\"teams\": [\"norte\", \"centro\"]}").statusCode());
    pablo = server.login("pablo", "pablo-password");
    assertEquals(201, server.request("POST", "/api/users", admin, new JsonObject().put("username", "nadie")
        .put("password", "nadie-password").put("role", "dispatcher").put("teams", new JsonArray()).encode()).statusCode());
    nadie = server.login("nadie", "nadie-password");
    String csv = String.join("\n",
        "id,name,lat,lon,group,team",
        "N-1,Norma Norte,19.40,-99.10,G-MIX,norte",
        "S-1,Silvia Sur,19.30,-99.20,G-MIX,sur",
        "S-2,Sergio Sur,19.31,-99.21,G-SUR,sur",
        "X-1,Ximena Sin Equipo,19.50,-99.00,,",
        "O-1,Oscar Oeste,19.60,-99.30,,oeste",
        "T-1,Teresa,19.41,-99.11,,norte",
        "T-2,Tomás,19.42,-99.12,,norte",
        "P-0,Paula,19.43,-99.13,,norte");
    HttpResponse<String> r = csv(csv, admin);
    assertEquals(200, r.statusCode(), r.body());
    JsonObject report = new JsonObject(r.body());
    assertEquals(7, report.getInteger("imported"), r.body());
    assertEquals(new JsonArray().add(new JsonObject().put("line", 6).put("externalId", "O-1")
        .put("reasons", new JsonArray().add("unknown team 'oeste'; create it first with POST /api/teams"))), report.getJsonArray("rejected"));
    assertEquals(new JsonArray(), report.getJsonArray("ignoredColumns"), "'team' is a column now");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anAdminsImportPutsEachDebtorInTheTeamItsRowNamesAndLogsIt() {
    assertEquals(2, server.count("SELECT count(*) FROM debtor WHERE external_id IN ('N-1', 'T-2') AND team_id = 'norte'"));
    assertEquals(2, server.count("SELECT count(*) FROM debtor WHERE external_id IN ('S-1', 'S-2') AND team_id = 'sur'"));
    assertEquals(1, server.count("SELECT count(*) FROM debtor WHERE external_id = 'X-1' AND team_id IS NULL"));
    assertEquals(0, server.count("SELECT count(*) FROM debtor WHERE external_id = 'O-1'"));
    assertEquals(1, server.count("SELECT count(*) FROM client_log l JOIN debtor d ON d.id = l.debtor_id"
        + " WHERE d.external_id = 'N-1' AND l.kind = 'import' AND l.details->>'team' = 'norte'"));
  }

  @Test
  void everyDebtorRouteAnswers404OutsideTheCallersTeamsAsForADebtorThatDoesNotExist() {
    for (String route : List.of("/api/debtors/%s", "/api/debtors/%s/log", "/api/debtors/%s/contact-windows")) {
      assertEquals(200, get(route.formatted("N-1"), lucia).statusCode(), route);
      assertEquals(200, get(route.formatted("S-1"), marta).statusCode(), route);
      assertEquals(200, get(route.formatted("X-1"), admin).statusCode(), route + ": admins see debtors without a team");
      HttpResponse<String> nobody = get(route.formatted("NADIE"), lucia);
      assertEquals(404, nobody.statusCode(), route);
      for (String[] hidden : new String[][] {{"S-1", lucia}, {"N-1", marta}, {"X-1", lucia}, {"X-1", marta}, {"N-1", nadie}}) {
        HttpResponse<String> r = get(route.formatted(hidden[0]), hidden[1]);
        assertEquals(404, r.statusCode(), route + " " + hidden[0]);
        assertEquals(nobody.body().replace("NADIE", hidden[0]), r.body(), "the same answer as for an unknown debtor");
      }
    }
  }

  @Test
  void aGroupListsOnlyTheMembersTheCallerMaySee() {
    JsonObject all = getJson("/api/groups/G-MIX", admin);
    assertEquals(List.of("N-1", "S-1"), externalIds(all.getJsonArray("members")));
    JsonObject norte = getJson("/api/groups/G-MIX", lucia);
    assertEquals(List.of("N-1"), externalIds(norte.getJsonArray("members")));
    assertEquals(List.of("S-1"), externalIds(getJson("/api/groups/G-MIX", marta).getJsonArray("members")));
    assertEquals(404, get("/api/groups/G-SUR", lucia).statusCode(), "a group of other teams' debtors only");
    assertEquals(200, get("/api/groups/G-SUR", marta).statusCode());
  }

  @Test
  void aDispatchersImportWritesOnlyTheirTeamsDebtorsAndEveryOtherRowIsKept() {
    JsonArray rows = new JsonArray()
        .add(new JsonObject().put("id", "L-NEW").put("name", "Nueva de Lucía").put("lat", 19.45).put("lon", -99.15))
        .add(new JsonObject().put("id", "T-1").put("name", "Teresa Renombrada").put("lat", 19.46).put("lon", -99.16))
        .add(new JsonObject().put("id", "S-2").put("name", "Secuestrado").put("lat", 1.5).put("lon", 1.5).put("radius", 5000))
        .add(new JsonObject().put("id", "X-1").put("name", "Reclamada").put("equipo", "norte"))
        .add(new JsonObject().put("id", "L-SUR").put("name", "A otro equipo").put("equipo", "sur"))
        .add(new JsonObject().put("id", "L-NORTE").put("name", "Con equipo").put("equipo", "norte"));
    HttpResponse<String> r = server.request("POST", "/api/debtors/import", lucia, rows.encode());
    assertEquals(200, r.statusCode(), r.body());
    JsonObject report = new JsonObject(r.body());
    assertEquals(2, report.getInteger("imported"), r.body());
    assertEquals(1, report.getInteger("updated"), r.body());
    JsonArray rejected = report.getJsonArray("rejected");
    assertEquals(3, rejected.size(), r.body());
    assertReason(rejected, 3, "S-2", "debtor 'S-2' belongs to a team that is not yours; only an admin or one of its dispatchers may change it");
    assertReason(rejected, 4, "X-1", "debtor 'X-1' has no team, so only an admin may change it (or give it a team with"
        + " PUT /api/debtors/X-1/team)");
    assertReason(rejected, 5, "L-SUR", "team 'sur' is not one of yours (norte)");

    assertEquals(2, server.count("SELECT count(*) FROM debtor WHERE external_id IN ('L-NEW', 'L-NORTE') AND team_id = 'norte'"),
        "a dispatcher of one team imports into it without naming it");
    assertEquals(1, server.count("SELECT count(*) FROM debtor d JOIN address a ON a.debtor_id = d.id"
        + " WHERE d.external_id = 'T-1' AND d.team_id = 'norte' AND d.name = 'Teresa Renombrada' AND a.lat = 19.46"));
    // The other team's debtor, its address and so its geofence are untouched, and nothing is logged against it.
    assertEquals(1, server.count("SELECT count(*) FROM debtor d JOIN address a ON a.debtor_id = d.id"
        + " WHERE d.external_id = 'S-2' AND d.name = 'Sergio Sur' AND a.lat = 19.31 AND a.radius_m = 75 AND d.team_id = 'sur'"));
    assertEquals(0, server.count("SELECT count(*) FROM client_log l JOIN debtor d ON d.id = l.debtor_id"
        + " WHERE d.external_id IN ('S-2', 'X-1') AND l.actor = 'lucia'"));
    assertEquals(1, server.count("SELECT count(*) FROM debtor WHERE external_id = 'X-1' AND team_id IS NULL AND name = 'Ximena Sin Equipo'"));
    assertEquals(0, server.count("SELECT count(*) FROM debtor WHERE external_id = 'L-SUR'"));
  }

  @Test
  void aDispatcherOfSeveralTeamsNamesOneForANewDebtorAndOneOfNoneCreatesNothing() {
    HttpResponse<String> r = csv("id,name,equipo\nP-1,Sin nombrar,\nP-2,En centro,centro\nP-0,Paula a centro,centro\n", pablo);
    assertEquals(200, r.statusCode(), r.body());
    JsonObject report = new JsonObject(r.body());
    assertEquals(1, report.getInteger("imported"), r.body());
    assertEquals(1, report.getInteger("updated"), r.body());
    assertReason(report.getJsonArray("rejected"), 2, "P-1", "name the debtor's team in a 'team' (or 'equipo') column: you belong to centro, norte");
    assertEquals(2, server.count("SELECT count(*) FROM debtor WHERE external_id IN ('P-2', 'P-0') AND team_id = 'centro'"),
        "a dispatcher moves a debtor between their own teams");

    HttpResponse<String> none = csv("id,name\nZ-1,Nadie\n", nadie);
    assertEquals(200, none.statusCode(), none.body());
    assertReason(new JsonObject(none.body()).getJsonArray("rejected"), 2, "Z-1",
        "you belong to no team, so your import cannot create debtors; ask an admin to add you to one");
    assertEquals(0, server.count("SELECT count(*) FROM debtor WHERE external_id = 'Z-1'"));
  }

  @Test
  void anAdminMovesADebtorToAnyTeamAndTheChangeIsInItsClientLog() {
    HttpResponse<String> moved = put("T-1-MOVE", admin, "{\"team\": \"sur\"}");
    assertEquals(404, moved.statusCode(), "unknown debtor");
    ReportTestData.sql(server, "INSERT INTO debtor (external_id, name, team_id) VALUES ('MOVE-1', 'Mudanza', 'norte')");
    assertEquals(200, get("/api/debtors/MOVE-1", lucia).statusCode());
    HttpResponse<String> r = put("MOVE-1", admin, "{\"team\": \"sur\"}");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(new JsonObject().put("id", "MOVE-1").put("team", "sur").put("previousTeam", "norte"), new JsonObject(r.body()));
    assertEquals(404, get("/api/debtors/MOVE-1", lucia).statusCode(), "no longer lucia's, at her very next request");
    assertEquals(200, get("/api/debtors/MOVE-1", marta).statusCode());
    JsonObject entry = lastLogEntry("MOVE-1");
    assertEquals("team", entry.getString("kind"));
    assertEquals("admin", entry.getString("actor"));
    assertEquals(new JsonObject().put("from", "norte").put("to", "sur"), entry.getJsonObject("details"));

    assertEquals(200, put("MOVE-1", admin, "{\"team\": \"sur\"}").statusCode());
    assertEquals(1, server.count("SELECT count(*) FROM client_log l JOIN debtor d ON d.id = l.debtor_id"
        + " WHERE d.external_id = 'MOVE-1' AND l.kind = 'team'"), "the same team again changes and logs nothing");

    HttpResponse<String> unknownTeam = put("MOVE-1", admin, "{\"team\": \"oeste\"}");
    assertEquals(404, unknownTeam.statusCode());
    assertTrue(unknownTeam.body().contains("no team 'oeste'"), unknownTeam.body());
    for (String bad : List.of("not json", "[]", "{\"team\": 5}", "{\"team\": \"\"}", "{\"team\": [\"sur\"]}",
        "{\"team\": \"" + "x".repeat(65) + "\"}")) {
      assertEquals(400, put("MOVE-1", admin, bad).statusCode(), bad);
    }
    assertEquals("sur", lastLogEntry("MOVE-1").getJsonObject("details").getString("to"), "nothing changed by bad bodies");

    HttpResponse<String> cleared = put("MOVE-1", admin, "{}");
    assertEquals(200, cleared.statusCode(), cleared.body());
    assertNull(new JsonObject(cleared.body()).getString("team"));
    assertEquals(404, get("/api/debtors/MOVE-1", marta).statusCode(), "without a team, admins only");
    assertEquals(403, put("MOVE-1", marta, "{\"team\": \"sur\"}").statusCode(), "managers do not assign");
  }

  @Test
  void aDispatcherMovesDebtorsOnlyBetweenTheirOwnTeamsAndNeverClearsOne() {
    ReportTestData.sql(server, "INSERT INTO debtor (external_id, name, team_id) VALUES ('MINE-1', 'Propia', 'norte'),"
        + " ('THEIRS-1', 'Ajena', 'sur')");
    HttpResponse<String> theirs = put("THEIRS-1", pablo, "{\"team\": \"norte\"}");
    assertEquals(404, theirs.statusCode(), "another team's debtor is not there for pablo");
    assertEquals("no debtor 'THEIRS-1'", new JsonObject(theirs.body()).getString("error"));
    HttpResponse<String> toSur = put("MINE-1", pablo, "{\"team\": \"sur\"}");
    assertEquals(403, toSur.statusCode());
    assertTrue(toSur.body().contains("team 'sur' is not one of yours; you may move debtors between centro, norte"), toSur.body());
    assertEquals(403, put("MINE-1", pablo, "{\"team\": null}").statusCode());
    assertEquals(403, put("MINE-1", pablo, "{}").statusCode());
    assertEquals(1, server.count("SELECT count(*) FROM debtor WHERE external_id = 'MINE-1' AND team_id = 'norte'"));
    HttpResponse<String> toCentro = put("MINE-1", pablo, "{\"team\": \"centro\"}");
    assertEquals(200, toCentro.statusCode(), toCentro.body());
    assertEquals("pablo", lastLogEntry("MINE-1").getString("actor"));
    assertEquals(404, get("/api/debtors/MINE-1", lucia).statusCode());
    assertEquals(404, put("MINE-1", lucia, "{\"team\": \"norte\"}").statusCode(), "lucia cannot take it back");
  }

  @Test
  void aPlanDrawsFromThePortfolioOnlyThePlannersTeamsDebtors() throws Exception {
    JsonArray rows = new JsonArray();
    for (String[] d : new String[][] {{"PLAN-N", "norte"}, {"PLAN-S", "sur"}, {"PLAN-X", null}}) {
      rows.add(new JsonObject().put("id", d[0]).put("name", "Plan " + d[0]).put("segment", "equipos-plan").put("team", d[1])
          .put("lat", 19.44).put("lon", -99.14).put("product", "consumo").put("contract", "K-" + d[0]).put("currency", "MXN")
          .put("principal", "1000").put("balance", "1000").put("due_date", "2026-10-01"));
    }
    HttpResponse<String> imported = server.request("POST", "/api/debtors/import", admin, rows.encode());
    assertEquals(3, new JsonObject(imported.body()).getInteger("imported"), imported.body());
    PortfolioVisits portfolio = new PortfolioVisits(server.server.database().dataSource(), new Segmentation(SegmentationRules.DEFAULT));
    PortfolioVisits.Selection selection = PortfolioVisits.Selection.from(new JsonObject().put("segment", "equipos-plan"));
    LocalDate day = LocalDate.parse("2026-12-07");
    assertEquals(List.of("PLAN-N", "PLAN-S", "PLAN-X"), visitIds(portfolio.select(selection, day, DebtorScope.ALL)));
    assertEquals(List.of("PLAN-N"), visitIds(portfolio.select(selection, day, new DebtorScope(false, Set.of("norte")))));
    assertEquals(List.of(), visitIds(portfolio.select(selection, day, new DebtorScope(false, Set.of()))));
  }

  private static List<String> visitIds(List<Visit> visits) {
    return visits.stream().map(Visit::id).sorted().toList();
  }

  private static JsonObject lastLogEntry(String externalId) {
    JsonArray entries = getJson("/api/debtors/" + externalId + "/log", admin).getJsonArray("entries");
    return entries.getJsonObject(entries.size() - 1);
  }

  private static void assertReason(JsonArray rejected, int line, String externalId, String reason) {
    JsonObject row = rejected.stream().map(JsonObject.class::cast).filter(o -> o.getInteger("line") == line).findFirst()
        .orElseThrow(() -> new AssertionError("no rejection on line " + line + " in " + rejected.encode()));
    assertEquals(externalId, row.getString("externalId"), row.encode());
    assertEquals(List.of(reason), row.getJsonArray("reasons").getList(), row.encode());
  }

  private static List<String> externalIds(JsonArray members) {
    return members.stream().map(o -> ((JsonObject) o).getString("externalId")).sorted().toList();
  }

  private static HttpResponse<String> put(String externalId, String token, String body) {
    return server.request("PUT", "/api/debtors/" + externalId + "/team", token, body);
  }

  private static HttpResponse<String> get(String path, String token) {
    return server.request("GET", path, token, null);
  }

  private static JsonObject getJson(String path, String token) {
    HttpResponse<String> r = get(path, token);
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    return new JsonObject(r.body());
  }

  private static HttpResponse<String> csv(String body, String token) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/debtors/import"))
        .header("Content-Type", "text/csv").header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    try {
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
