package io.campo.server.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.TestServer;
import io.campo.server.api.ApiException;
import io.campo.server.auth.UserAccounts;
import io.campo.server.live.LiveSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Password resets, own password changes and role changes on the real server: each ends the sessions opened before (the
 * old tokens open no API route and no live socket, and open live sockets close) and nothing else.
 */
class AccountChangesTest {

  static TestServer server;
  static String admin;
  static Vertx clients;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    admin = server.adminToken();
    clients = Vertx.vertx();
    assertEquals(201, server.request("POST", "/api/teams", admin, new JsonObject().put("id", "norte").encode()).statusCode());
  }

  @AfterAll
  static void stop() throws Exception {
    clients.close().await(10, TimeUnit.SECONDS);
    server.close();
  }

  static void createUser(String username, String role) {
    HttpResponse<String> r = server.request("POST", "/api/users", admin, new JsonObject().put("username", username)
        .put("password", username + "-password").put("role", role).put("teams", new JsonArray(List.of("norte"))).encode());
    assertEquals(201, r.statusCode(), r.body());
  }

  static HttpResponse<String> login(String username, String password) {
    return server.request("POST", "/api/auth/login", null,
        new JsonObject().put("username", username).put("password", password).encode());
  }

  static int agents(String token) {
    return server.request("GET", "/api/agents", token, null).statusCode();
  }

  static String error(HttpResponse<String> r) {
    return new JsonObject(r.body()).getString("error");
  }

  @Test
  void anAdminResetsAPasswordAndEverySessionOnTheOldOneEnds() throws Exception {
    createUser("rosa", "dispatcher");
    String before = server.login("rosa", "rosa-password");
    assertEquals(200, agents(before));
    try (LiveSocket socket = LiveSocket.connect(clients, server.server.httpPort(), before)) {
      socket.next(m -> "frame".equals(m.getString("type")), 5000);
      HttpResponse<String> reset = server.request("PUT", "/api/users/rosa/password", admin,
          new JsonObject().put("password", "clave-nueva-2026").encode());
      assertEquals(204, reset.statusCode(), reset.body());
      assertEquals((short) 4401, socket.awaitClose(5000), "the open live socket closes: log in again");
    }
    HttpResponse<String> old = server.request("GET", "/api/agents", before, null);
    assertEquals(401, old.statusCode(), "a token issued before the reset opens nothing");
    assertTrue(error(old).contains("password or role changed"), old.body());
    try (LiveSocket again = LiveSocket.connect(clients, server.server.httpPort(), before)) {
      assertEquals((short) 4401, again.awaitClose(5000), "nor a live socket");
      assertEquals(List.of(), again.during(0), "which never got a frame");
    }
    assertEquals(401, login("rosa", "rosa-password").statusCode(), "the old password no longer logs in");
    HttpResponse<String> fresh = login("rosa", "clave-nueva-2026");
    assertEquals(200, fresh.statusCode(), fresh.body());
    assertEquals(200, agents(new JsonObject(fresh.body()).getString("token")));
    assertEquals(200, agents(admin), "the admin's own session goes on");
  }

  @Test
  void badResetsAreRefusedAndChangeNothing() {
    createUser("tomas", "manager");
    String token = server.login("tomas", "tomas-password");
    HttpResponse<String> shortOne = server.request("PUT", "/api/users/tomas/password", admin, new JsonObject().put("password", "corta").encode());
    assertEquals(400, shortOne.statusCode());
    assertTrue(error(shortOne).contains("at least 10 characters"), shortOne.body());
    assertEquals(400, server.request("PUT", "/api/users/tomas/password", admin, "{\"password\": 1234567890123}").statusCode());
    // bcrypt reads 72 bytes: a longer password is refused, never cut (nor a 500).
    HttpResponse<String> tooLong = server.request("PUT", "/api/users/tomas/password", admin,
        new JsonObject().put("password", "ñ".repeat(37)).encode());
    assertEquals(400, tooLong.statusCode(), tooLong.body());
    assertTrue(error(tooLong).contains("at most 72 bytes"), tooLong.body());
    assertEquals(401, login("tomas", "x".repeat(200)).statusCode(), "a login with a password no one could have chosen");
    assertEquals(400, server.request("PUT", "/api/users/tomas/password", admin, "not json").statusCode());
    assertEquals(404, server.request("PUT", "/api/users/nadie/password", admin, new JsonObject().put("password", "clave-nueva-2026").encode())
        .statusCode());
    assertEquals(403, server.request("PUT", "/api/users/tomas/password", token, new JsonObject().put("password", "clave-nueva-2026").encode())
        .statusCode(), "only admins reset other users' passwords");
    HttpResponse<String> self = server.request("PUT", "/api/users/admin/password", admin, new JsonObject().put("password", "clave-nueva-2026").encode());
    assertEquals(409, self.statusCode(), "an admin's own password needs the current one: PUT /api/auth/password");
    assertTrue(error(self).contains("PUT /api/auth/password"), self.body());
    assertEquals(200, agents(token), "refused resets leave the session alone");
    assertEquals(200, login("tomas", "tomas-password").statusCode());
  }

  @Test
  void aUserChangesTheirOwnPasswordKeepsThisSessionAndEndsTheOthers() {
    createUser("pablo", "dispatcher");
    String here = server.login("pablo", "pablo-password");
    String otherBrowser = server.login("pablo", "pablo-password");
    HttpResponse<String> wrong = server.request("PUT", "/api/auth/password", here,
        new JsonObject().put("currentPassword", "no-es-la-mia").put("password", "pablo-clave-2026").encode());
    assertEquals(403, wrong.statusCode(), wrong.body());
    assertTrue(error(wrong).contains("current password is wrong"), wrong.body());
    HttpResponse<String> same = server.request("PUT", "/api/auth/password", here,
        new JsonObject().put("currentPassword", "pablo-password").put("password", "pablo-password").encode());
    assertEquals(400, same.statusCode());
    assertTrue(error(same).contains("must differ"), same.body());
    HttpResponse<String> missing = server.request("PUT", "/api/auth/password", here, new JsonObject().put("password", "x").encode());
    assertEquals(400, missing.statusCode());
    assertTrue(error(missing).contains("'currentPassword' is required") && error(missing).contains("at least 10"), missing.body());
    assertEquals(200, agents(otherBrowser), "refused changes end no session");

    HttpResponse<String> changed = server.request("PUT", "/api/auth/password", here,
        new JsonObject().put("currentPassword", "pablo-password").put("password", "pablo-clave-2026").encode());
    assertEquals(200, changed.statusCode(), changed.body());
    JsonObject session = new JsonObject(changed.body());
    assertEquals("dispatcher", session.getString("role"));
    assertEquals("America/Mexico_City", session.getString("timeZone"));
    String next = session.getString("token");
    assertNotEquals(here, next);
    assertEquals(200, agents(next), "the answer is this browser's new session");
    assertEquals(401, agents(here), "the token the change was made with is spent");
    assertEquals(401, agents(otherBrowser), "the other browser logs in again");
    assertEquals(401, login("pablo", "pablo-password").statusCode());
    assertEquals(200, login("pablo", "pablo-clave-2026").statusCode());
  }

  @Test
  void anAgentsTokenChangesNoPassword() {
    String deviceToken = server.createAgent("agente-clave");
    HttpResponse<String> device = server.request("POST", "/api/auth/device", null,
        new JsonObject().put("agentId", "agente-clave").put("deviceToken", deviceToken).encode());
    assertEquals(200, device.statusCode(), device.body());
    String agentToken = new JsonObject(device.body()).getString("token");
    assertEquals(403, server.request("PUT", "/api/auth/password", agentToken,
        new JsonObject().put("currentPassword", deviceToken).put("password", "clave-nueva-2026").encode()).statusCode(),
        "phones authenticate with their device token, not a password");
  }

  @Test
  void aRoleChangeEndsTheOldRolesSessionsAndTheNextLoginHasTheNewRole() throws Exception {
    createUser("irene", "dispatcher");
    String asDispatcher = server.login("irene", "irene-password");
    try (LiveSocket socket = LiveSocket.connect(clients, server.server.httpPort(), asDispatcher)) {
      socket.next(m -> "frame".equals(m.getString("type")), 5000);
      HttpResponse<String> sameRole = server.request("PUT", "/api/users/irene/role", admin, new JsonObject().put("role", "dispatcher").encode());
      assertEquals(200, sameRole.statusCode(), sameRole.body());
      assertEquals(200, agents(asDispatcher), "the same role again changes nothing");
      socket.during(1500);
      assertTrue(!socket.isClosed(), "nor closes the user's live socket");
      HttpResponse<String> changed = server.request("PUT", "/api/users/irene/role", admin, new JsonObject().put("role", "manager").encode());
      assertEquals(200, changed.statusCode(), changed.body());
      JsonObject user = new JsonObject(changed.body());
      assertEquals("manager", user.getString("role"));
      assertEquals(new JsonArray(List.of("norte")), user.getJsonArray("teams"), "the teams stay");
      assertEquals((short) 4401, socket.awaitClose(5000));
    }
    assertEquals(401, agents(asDispatcher), "a token naming the old role opens nothing");
    HttpResponse<String> relogin = login("irene", "irene-password");
    assertEquals("manager", new JsonObject(relogin.body()).getString("role"));
    String asManager = new JsonObject(relogin.body()).getString("token");
    assertEquals(200, agents(asManager));
    assertEquals(403, server.request("POST", "/api/plans", asManager, "{}").statusCode(), "managers do not plan");
    assertTrue(server.request("GET", "/api/users", admin, null).body().contains("\"username\":\"irene\",\"role\":\"manager\""));
  }

  @Test
  void aUserRemovedAndCreatedAgainDoesNotBringTheOldTokensBack() {
    createUser("lazaro", "dispatcher");
    String before = server.login("lazaro", "lazaro-password");
    assertEquals(204, server.request("DELETE", "/api/users/lazaro", admin, null).statusCode());
    createUser("lazaro", "dispatcher");
    assertEquals(401, agents(before), "same name, same role, same password: still another account");
    assertEquals(200, agents(server.login("lazaro", "lazaro-password")));
  }

  @Test
  void badRoleChangesAreRefused() {
    createUser("nora", "dispatcher");
    HttpResponse<String> agent = server.request("PUT", "/api/users/nora/role", admin, new JsonObject().put("role", "agent").encode());
    assertEquals(400, agent.statusCode());
    assertTrue(error(agent).contains("agents are not users"), agent.body());
    HttpResponse<String> unknown = server.request("PUT", "/api/users/nora/role", admin, new JsonObject().put("role", "jefe").encode());
    assertEquals(400, unknown.statusCode());
    assertTrue(error(unknown).contains("must be one of admin, dispatcher, manager, not 'jefe'"), unknown.body());
    assertEquals(400, server.request("PUT", "/api/users/nora/role", admin, "{}").statusCode());
    assertEquals(404, server.request("PUT", "/api/users/nadie/role", admin, new JsonObject().put("role", "manager").encode()).statusCode());
    HttpResponse<String> self = server.request("PUT", "/api/users/admin/role", admin, new JsonObject().put("role", "manager").encode());
    assertEquals(409, self.statusCode(), "an admin cannot demote themselves");
    // Each admin may not demote or remove themselves; two admins doing it to each other at once would leave none, so
    // the store refuses to demote or remove the last admin whoever asks.
    UserAccounts users = new UserAccounts(server.server.database().dataSource());
    ApiException lastDemoted = assertThrows(ApiException.class, () -> users.setRole("admin", "manager"));
    assertEquals(409, lastDemoted.status());
    assertTrue(lastDemoted.getMessage().contains("'admin' is the last admin"), lastDemoted.getMessage());
    assertEquals(409, assertThrows(ApiException.class, () -> users.delete("admin")).status());
    assertEquals(200, agents(admin));
    assertEquals(200, login("nora", "nora-password").statusCode());
    assertTrue(login("nora", "nora-password").body().contains("\"role\":\"dispatcher\""));
  }
}
