package io.campo.server.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.TestServer;
import io.campo.server.report.ReportTestData;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Teams and users through the HTTP API, on the real server: who may create them, what is refused and why, and
 * that a dispatcher or manager sees exactly the agents of their teams, everywhere, from their very next request.
 */
class TeamApiTest {

  static TestServer server;
  static String admin;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    admin = server.adminToken();
    for (String team : List.of("norte", "sur")) {
      assertEquals(201, post("/api/teams", admin, new JsonObject().put("id", team).put("name", "Zona " + team)).statusCode());
    }
    createUser("lucia", "dispatcher", "norte");
    createUser("marta", "manager", "sur");
    assertEquals(201, post("/api/agents", admin, new JsonObject().put("id", "ana").put("team", "norte")).statusCode());
    assertEquals(201, post("/api/agents", admin, new JsonObject().put("id", "luis").put("team", "sur")).statusCode());
    server.createAgent("sin-equipo");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A finished plan row for these agents, as a planning job would leave it. */
  static void storedPlan(long id, String... agents) {
    JsonArray list = new JsonArray();
    for (String a : agents) {
      list.add(new JsonObject().put("id", a));
    }
    ReportTestData.sql(server, "INSERT INTO plan_job (id, plan_date, status, request, result, created_by) VALUES (" + id
        + ", '2026-12-01', 'done', '" + new JsonObject().put("agents", list).encode() + "', '{}', 'admin')");
  }

  static HttpResponse<String> post(String path, String token, JsonObject body) {
    return server.request("POST", path, token, body.encode());
  }

  static HttpResponse<String> put(String path, String token, JsonObject body) {
    return server.request("PUT", path, token, body.encode());
  }

  static void createUser(String username, String role, String... teams) {
    HttpResponse<String> r = post("/api/users", admin, new JsonObject().put("username", username)
        .put("password", username + "-password").put("role", role).put("teams", new JsonArray(List.of(teams))));
    assertEquals(201, r.statusCode(), r.body());
  }

  static List<String> agentIds(String token) {
    HttpResponse<String> r = server.request("GET", "/api/agents", token, null);
    assertEquals(200, r.statusCode(), r.body());
    return new JsonArray(r.body()).stream().map(o -> ((JsonObject) o).getString("id")).sorted().toList();
  }

  static int track(String token, String agentId) {
    return server.request("GET", "/api/agents/" + agentId + "/track", token, null).statusCode();
  }

  static String error(HttpResponse<String> r) {
    return new JsonObject(r.body()).getString("error");
  }

  @Test
  void teamsAreCreatedOnceWithValidIds() {
    HttpResponse<String> created = post("/api/teams", admin, new JsonObject().put("id", "centro"));
    assertEquals(201, created.statusCode());
    assertEquals(new JsonObject().put("id", "centro").put("name", "centro").put("agents", 0), new JsonObject(created.body()));

    HttpResponse<String> again = post("/api/teams", admin, new JsonObject().put("id", "centro").put("name", "Otro"));
    assertEquals(409, again.statusCode());
    assertEquals("team 'centro' already exists", error(again));

    HttpResponse<String> badId = post("/api/teams", admin, new JsonObject().put("id", "zona norte/2"));
    assertEquals(400, badId.statusCode());
    assertTrue(error(badId).contains("team id 'zona norte/2' is invalid"), badId.body());
    assertEquals(400, post("/api/teams", admin, new JsonObject()).statusCode());
    assertEquals(400, server.request("POST", "/api/teams", admin, "[]").statusCode());
  }

  @Test
  void adminsListEveryTeamOthersOnlyTheirOwnWithAgentCounts() {
    JsonArray all = new JsonArray(server.request("GET", "/api/teams", admin, null).body());
    JsonObject norte = all.stream().map(JsonObject.class::cast).filter(t -> t.getString("id").equals("norte")).findFirst().orElseThrow();
    assertEquals("Zona norte", norte.getString("name"));
    assertEquals(1, norte.getInteger("agents"));
    assertTrue(all.size() >= 2);

    JsonArray lucias = new JsonArray(server.request("GET", "/api/teams", server.login("lucia", "lucia-password"), null).body());
    assertEquals(new JsonArray().add(new JsonObject().put("id", "norte").put("name", "Zona norte").put("agents", 1)), lucias);
  }

  @Test
  void usersAreCreatedWithoutShowingTheHashAndListedWithTheirTeams() {
    HttpResponse<String> created = post("/api/users", admin, new JsonObject().put("username", "pablo")
        .put("password", "pablo-password").put("role", "manager").put("teams", new JsonArray().add("sur").add("norte")));
    assertEquals(201, created.statusCode(), created.body());
    assertEquals(new JsonObject().put("username", "pablo").put("role", "manager").put("teams", new JsonArray().add("norte").add("sur")),
        new JsonObject(created.body()));

    HttpResponse<String> list = server.request("GET", "/api/users", admin, null);
    assertEquals(200, list.statusCode());
    assertFalse(list.body().contains("$2"), "no bcrypt hash leaves the server");
    JsonObject lucia = new JsonArray(list.body()).stream().map(JsonObject.class::cast)
        .filter(u -> u.getString("username").equals("lucia")).findFirst().orElseThrow();
    assertEquals(new JsonObject().put("username", "lucia").put("role", "dispatcher").put("teams", new JsonArray().add("norte")), lucia);
    assertTrue(list.body().contains("\"username\":\"admin\""));
    assertTrue(server.count("SELECT count(*) FROM app_user WHERE username = 'pablo' AND password_hash LIKE '$2%'") == 1,
        "the password is stored bcrypt-hashed");
  }

  @Test
  void badUsersAreRefusedNamingTheField() {
    HttpResponse<String> duplicate = post("/api/users", admin, new JsonObject().put("username", "lucia")
        .put("password", "another-password").put("role", "dispatcher"));
    assertEquals(409, duplicate.statusCode());
    assertEquals("user 'lucia' already exists", error(duplicate));

    HttpResponse<String> unknownTeam = post("/api/users", admin, new JsonObject().put("username", "nadie")
        .put("password", "nadie-password").put("role", "dispatcher").put("teams", new JsonArray().add("norte").add("oeste")));
    assertEquals(400, unknownTeam.statusCode());
    assertTrue(error(unknownTeam).contains("unknown team 'oeste'"), unknownTeam.body());
    assertEquals(0, server.count("SELECT count(*) FROM app_user WHERE username = 'nadie'"), "nothing is half-created");

    HttpResponse<String> shortPassword = post("/api/users", admin, new JsonObject().put("username", "nadie")
        .put("password", "short").put("role", "sheriff"));
    assertEquals(400, shortPassword.statusCode());
    assertTrue(error(shortPassword).contains("'password' must have at least 10 characters"), shortPassword.body());
    assertTrue(error(shortPassword).contains("'role' must be one of admin, dispatcher, manager"), shortPassword.body());

    HttpResponse<String> agent = post("/api/users", admin, new JsonObject().put("username", "nadie")
        .put("password", "nadie-password").put("role", "agent"));
    assertEquals(400, agent.statusCode());
    assertTrue(error(agent).contains("POST /api/agents"), agent.body());
  }

  @Test
  void aDispatcherSeesOnlyTheAgentsOfTheirTeamAndOthersAre404() {
    String lucia = server.login("lucia", "lucia-password");
    assertEquals(List.of("ana"), agentIds(lucia));
    JsonObject ana = new JsonArray(server.request("GET", "/api/agents", lucia, null).body()).getJsonObject(0);
    assertEquals("norte", ana.getString("team"));

    assertEquals(200, track(lucia, "ana"));
    HttpResponse<String> luis = server.request("GET", "/api/agents/luis/track", lucia, null);
    HttpResponse<String> nobody = server.request("GET", "/api/agents/nobody/track", lucia, null);
    assertEquals(404, luis.statusCode());
    assertEquals(404, nobody.statusCode());
    assertEquals("no agent 'luis'", error(luis), "the same answer as for an agent that does not exist");
    assertEquals(404, track(lucia, "sin-equipo"), "an agent without a team is for admins only");
  }

  @Test
  void aDispatcherPlansAndReadsPlansOnlyOfTheirTeamsAgents() {
    String lucia = server.login("lucia", "lucia-password");
    JsonObject plan = new JsonObject().put("date", "2026-12-01")
        .put("agents", new JsonArray().add(new JsonObject().put("id", "luis").put("shiftStart", "08:00").put("shiftEnd", "17:00")
            .put("start", new JsonObject().put("lat", 19.43).put("lon", -99.13))))
        .put("visits", new JsonArray().add(new JsonObject().put("id", "v1").put("lat", 19.44).put("lon", -99.12)));
    HttpResponse<String> other = post("/api/plans", lucia, plan);
    assertEquals(404, other.statusCode(), other.body());
    assertEquals("no agent 'luis'", error(other));
    assertEquals(0, server.count("SELECT count(*) FROM plan_job"), "nothing was planned");

    // Plans already stored (here written directly): readable only if every one of their agents is visible.
    storedPlan(9001, "ana");
    storedPlan(9002, "ana", "luis");
    assertEquals(200, server.request("GET", "/api/plans/9001", lucia, null).statusCode());
    assertEquals(404, server.request("GET", "/api/plans/9002", lucia, null).statusCode());
    HttpResponse<String> asAdmin = server.request("GET", "/api/plans/9002", admin, null);
    assertEquals(200, asAdmin.statusCode());
    assertEquals(List.of("ana", "luis"), new JsonObject(asAdmin.body()).getJsonArray("agents").getList());
  }

  @Test
  void anAdminSeesEveryAgentWithItsTeam() {
    List<String> all = agentIds(admin);
    assertTrue(all.containsAll(List.of("ana", "luis", "sin-equipo")), all.toString());
    JsonObject sinEquipo = new JsonArray(server.request("GET", "/api/agents", admin, null).body()).stream()
        .map(JsonObject.class::cast).filter(a -> a.getString("id").equals("sin-equipo")).findFirst().orElseThrow();
    assertTrue(sinEquipo.containsKey("team"));
    assertNull(sinEquipo.getString("team"));
    assertEquals(200, track(admin, "luis"));
    assertEquals(200, track(admin, "sin-equipo"));
  }

  @Test
  void aManagerIsScopedLikeADispatcher() {
    String marta = server.login("marta", "marta-password");
    assertEquals(List.of("luis"), agentIds(marta));
    assertEquals(200, track(marta, "luis"));
    assertEquals(404, track(marta, "ana"));
  }

  @Test
  void aMembershipChangeTakesEffectOnTheSameTokenAtTheNextRequest() {
    createUser("tomas", "dispatcher", "norte");
    String tomas = server.login("tomas", "tomas-password");
    assertEquals(List.of("ana"), agentIds(tomas));

    HttpResponse<String> moved = put("/api/users/tomas/teams", admin, new JsonObject().put("teams", new JsonArray().add("sur")));
    assertEquals(200, moved.statusCode(), moved.body());
    assertEquals(new JsonArray().add("sur"), new JsonObject(moved.body()).getJsonArray("teams"));
    assertEquals(List.of("luis"), agentIds(tomas));
    assertEquals(404, track(tomas, "ana"));

    assertEquals(200, put("/api/users/tomas/teams", admin, new JsonObject().put("teams", new JsonArray())).statusCode());
    assertEquals(List.of(), agentIds(tomas));

    assertEquals(404, put("/api/users/nobody/teams", admin, new JsonObject().put("teams", new JsonArray())).statusCode());
    HttpResponse<String> unknownTeam = put("/api/users/tomas/teams", admin, new JsonObject().put("teams", new JsonArray().add("oeste")));
    assertEquals(400, unknownTeam.statusCode());
    assertTrue(error(unknownTeam).contains("unknown team 'oeste'"));
    assertEquals(400, put("/api/users/tomas/teams", admin, new JsonObject()).statusCode());
  }

  @Test
  void movingAnAgentToAnotherTeamMovesItBetweenDispatchers() {
    assertEquals(201, post("/api/agents", admin, new JsonObject().put("id", "viajero").put("team", "norte")).statusCode());
    createUser("sara", "dispatcher", "sur");
    String sara = server.login("sara", "sara-password");
    assertFalse(agentIds(sara).contains("viajero"));

    HttpResponse<String> moved = put("/api/agents/viajero/team", admin, new JsonObject().put("team", "sur"));
    assertEquals(200, moved.statusCode(), moved.body());
    assertEquals(new JsonObject().put("id", "viajero").put("team", "sur"), new JsonObject(moved.body()));
    assertTrue(agentIds(sara).contains("viajero"));
    assertEquals(200, track(sara, "viajero"));

    assertEquals(200, put("/api/agents/viajero/team", admin, new JsonObject().putNull("team")).statusCode());
    assertFalse(agentIds(sara).contains("viajero"));

    HttpResponse<String> unknownTeam = put("/api/agents/viajero/team", admin, new JsonObject().put("team", "oeste"));
    assertEquals(400, unknownTeam.statusCode());
    assertTrue(error(unknownTeam).contains("unknown team 'oeste'"));
    assertEquals(404, put("/api/agents/nobody/team", admin, new JsonObject().put("team", "sur")).statusCode());
    assertEquals(400, put("/api/agents/viajero/team", admin, new JsonObject().put("team", 5)).statusCode());
    assertEquals(400, put("/api/agents/viajero/team", admin, new JsonObject()).statusCode());
  }

  @Test
  void anAgentCannotBeCreatedInAnUnknownTeam() {
    HttpResponse<String> r = post("/api/agents", admin, new JsonObject().put("id", "perdido").put("team", "oeste"));
    assertEquals(400, r.statusCode());
    assertTrue(error(r).contains("unknown team 'oeste'"), r.body());
    assertEquals(0, server.count("SELECT count(*) FROM agent WHERE id = 'perdido'"));
    HttpResponse<String> notAnId = post("/api/agents", admin, new JsonObject().put("id", "perdido").put("team", 5));
    assertEquals(400, notAnId.statusCode());
    assertTrue(error(notAnId).contains("'team' must be a team id"), notAnId.body());
  }

  @Test
  void aCreatedUserLogsInWithTheirPasswordOnly() {
    HttpResponse<String> ok = server.request("POST", "/api/auth/login", null,
        new JsonObject().put("username", "lucia").put("password", "lucia-password").encode());
    assertEquals(200, ok.statusCode());
    assertEquals("dispatcher", new JsonObject(ok.body()).getString("role"));
    HttpResponse<String> wrong = server.request("POST", "/api/auth/login", null,
        new JsonObject().put("username", "lucia").put("password", "lucia-passw0rd").encode());
    assertEquals(401, wrong.statusCode());
  }

  @Test
  void onlyAdminsManageTeamsAndUsers() {
    String lucia = server.login("lucia", "lucia-password");
    assertEquals(403, post("/api/teams", lucia, new JsonObject().put("id", "mia")).statusCode());
    assertEquals(403, server.request("GET", "/api/users", lucia, null).statusCode());
    assertEquals(403, put("/api/agents/ana/team", lucia, new JsonObject().put("team", "norte")).statusCode());
  }
}
