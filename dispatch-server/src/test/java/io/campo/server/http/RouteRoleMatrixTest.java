package io.campo.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.TestServer;
import io.campo.server.auth.UserAccounts;
import io.campo.server.live.LiveSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Walks every authenticated route the running server declares: an anonymous call is 401, a call by each role the
 * route does not admit is 403, and a call by an admitted role is neither (whatever the handler then says about the
 * made-up ids and empty body). A route added without roles, or with the wrong ones, fails here.
 */
class RouteRoleMatrixTest {

  private static TestServer server;
  private static final Map<String, String> tokens = new LinkedHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    UserAccounts users = new UserAccounts(server.server.database().dataSource());
    users.create("matrix-dispatcher", "dispatcher-password", Roles.DISPATCHER);
    users.create("matrix-manager", "manager-password", Roles.MANAGER);
    tokens.put(Roles.ADMIN, server.adminToken());
    tokens.put(Roles.DISPATCHER, server.login("matrix-dispatcher", "dispatcher-password"));
    tokens.put(Roles.MANAGER, server.login("matrix-manager", "manager-password"));
    String deviceToken = server.createAgent("matrix-agent");
    HttpResponse<String> device = server.request("POST", "/api/auth/device", null,
        new JsonObject().put("agentId", "matrix-agent").put("deviceToken", deviceToken).encode());
    assertEquals(200, device.statusCode(), device.body());
    tokens.put(Roles.AGENT, new JsonObject(device.body()).getString("token"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void everyRouteRefusesAnonymousCallersAndRolesItDoesNotAdmit() {
    List<ApiRoute> routes = server.server.apiRoutes();
    assertTrue(routes.size() >= 15, "the table lists the routes: " + routes.size());
    List<String> wrong = new ArrayList<>();
    for (ApiRoute route : routes) {
      String path = route.path().replaceAll(":[A-Za-z]+", "matrix-probe");
      String method = route.method().name();
      int anonymous = server.request(method, path, null, "{}").statusCode();
      if (anonymous != 401) {
        wrong.add(method + " " + route.path() + " anonymous -> " + anonymous);
      }
      int forged = server.request(method, path, "not.a.jwt", "{}").statusCode();
      if (forged != 401) {
        wrong.add(method + " " + route.path() + " forged token -> " + forged);
      }
      for (Map.Entry<String, String> role : tokens.entrySet()) {
        int status = server.request(method, path, role.getValue(), "{}").statusCode();
        boolean admitted = route.roles().contains(role.getKey());
        if (!admitted && status != 403) {
          wrong.add(method + " " + route.path() + " as " + role.getKey() + " -> " + status + " (want 403)");
        }
        if (admitted && (status == 401 || status == 403)) {
          wrong.add(method + " " + route.path() + " as " + role.getKey() + " -> " + status + " (role is admitted)");
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  /** The live socket is outside the table (its token comes as ?access_token=), so it is walked here by hand. */
  @Test
  void theLiveSocketUpgradesOnlyForOfficeRoles() throws Exception {
    Vertx client = Vertx.vertx();
    try {
      int port = server.server.httpPort();
      assertEquals(401, LiveSocket.upgradeStatus(client, port, null), "no token");
      assertEquals(401, LiveSocket.upgradeStatus(client, port, "not.a.jwt"), "forged token");
      String otherKey = tokens.get(Roles.ADMIN).substring(0, tokens.get(Roles.ADMIN).lastIndexOf('.') + 1) + "c2lnbmVkLWVsc2V3aGVyZQ";
      assertEquals(401, LiveSocket.upgradeStatus(client, port, otherKey), "a real header and claims with a wrong signature");
      assertEquals(403, LiveSocket.upgradeStatus(client, port, tokens.get(Roles.AGENT)), "agent");
      for (String office : List.of(Roles.ADMIN, Roles.DISPATCHER, Roles.MANAGER)) {
        assertEquals(101, LiveSocket.upgradeStatus(client, port, tokens.get(office)), office);
      }
      assertEquals(400, server.request("GET", "/api/live?access_token=" + tokens.get(Roles.ADMIN), null, null).statusCode(),
          "a plain GET is told to connect as a WebSocket");
    } finally {
      client.close().await();
    }
  }

  @Test
  void agentsReachOnlyTheRoutesTheirPhoneNeeds() {
    for (ApiRoute route : server.server.apiRoutes()) {
      if (route.roles().contains(Roles.AGENT)) {
        assertFalse(route.roles().contains(Roles.MANAGER), route.path() + " mixes phone and office roles");
      }
    }
  }

  @Test
  void theAgentAppsRoutesAdmitAgentsOnly() {
    List<String> mine = new ArrayList<>();
    for (ApiRoute route : server.server.apiRoutes()) {
      if (route.path().startsWith("/api/me/") || route.path().equals("/api/visits/:id/photos")) {
        assertEquals(java.util.Set.of(Roles.AGENT), route.roles(), route.path());
        mine.add(route.method() + " " + route.path());
      }
    }
    assertEquals(6, mine.size(), mine.toString());
  }
}
