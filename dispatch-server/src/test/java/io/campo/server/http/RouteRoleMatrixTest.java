package io.campo.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.TestServer;
import io.campo.server.auth.UserAccounts;
import io.campo.server.live.LiveSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
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

  /** The live socket is outside the table (its token comes in its first message), so it is walked here by hand. */
  @Test
  void theLiveSocketAdmitsOnlyOfficeRoles() throws Exception {
    Vertx client = Vertx.vertx();
    try {
      int port = server.server.httpPort();
      assertEquals((short) 4401, LiveSocket.closeCodeAfterAuth(client, port, "not.a.jwt"), "forged token");
      String otherKey = tokens.get(Roles.ADMIN).substring(0, tokens.get(Roles.ADMIN).lastIndexOf('.') + 1) + "c2lnbmVkLWVsc2V3aGVyZQ";
      assertEquals((short) 4401, LiveSocket.closeCodeAfterAuth(client, port, otherKey), "a real header and claims with a wrong signature");
      assertEquals((short) 4403, LiveSocket.closeCodeAfterAuth(client, port, tokens.get(Roles.AGENT)), "agent");
      for (String office : List.of(Roles.ADMIN, Roles.DISPATCHER, Roles.MANAGER)) {
        assertNull(LiveSocket.closeCodeAfterAuth(client, port, tokens.get(office)), office);
      }
      assertEquals(400, server.request("GET", "/api/live", null, null).statusCode(),
          "a plain GET is told to connect as a WebSocket");
    } finally {
      client.close().await();
    }
  }

  /**
   * The team dimension: every route about one debtor ({@code /api/debtors/:id/...}, and a group by its id) answers a
   * dispatcher or manager of another team exactly as for a debtor that does not exist (404), and one of the debtor's
   * team with success (or 400 for the probe's body). The probe debtor's external id and group are both "matrix-probe", the id every path gets.
   */
  @Test
  void everyDebtorRouteAnswers404ToAnotherTeamAnd200ToTheDebtorsTeam() {
    String admin = tokens.get(Roles.ADMIN);
    for (String team : List.of("matrix-norte", "matrix-sur")) {
      assertEquals(201, server.request("POST", "/api/teams", admin, new JsonObject().put("id", team).encode()).statusCode());
    }
    Map<String, String> sameTeam = Map.of(Roles.DISPATCHER, server.officeUserInTeam("matrix-d-norte", Roles.DISPATCHER, "matrix-norte"),
        Roles.MANAGER, server.officeUserInTeam("matrix-m-norte", Roles.MANAGER, "matrix-norte"));
    Map<String, String> otherTeam = Map.of(Roles.DISPATCHER, server.officeUserInTeam("matrix-d-sur", Roles.DISPATCHER, "matrix-sur"),
        Roles.MANAGER, server.officeUserInTeam("matrix-m-sur", Roles.MANAGER, "matrix-sur"));
    HttpResponse<String> imported = server.request("POST", "/api/debtors/import", admin, new JsonArray()
        .add(new JsonObject().put("id", "matrix-probe").put("name", "Probe").put("group", "matrix-probe").put("team", "matrix-norte")
            .put("lat", 19.4).put("lon", -99.1))
        .encode());
    assertEquals(200, imported.statusCode(), imported.body());
    assertEquals(1, new JsonObject(imported.body()).getInteger("imported"), imported.body());
    // Every body names the debtor's own team, so that PUT /api/debtors/:id/team has a valid one; GETs ignore it.
    String body = new JsonObject().put("team", "matrix-norte").encode();
    List<String> wrong = new ArrayList<>();
    int debtorRoutes = 0;
    for (ApiRoute route : server.server.apiRoutes()) {
      boolean aboutOneDebtor = route.path().startsWith("/api/debtors/:") || route.path().startsWith("/api/groups/:");
      if (!aboutOneDebtor) {
        continue;
      }
      debtorRoutes++;
      String path = route.path().replaceAll(":[A-Za-z]+", "matrix-probe");
      String method = route.method().name();
      for (String role : List.of(Roles.DISPATCHER, Roles.MANAGER)) {
        if (!route.roles().contains(role)) {
          continue;
        }
        HttpResponse<String> other = server.request(method, path, otherTeam.get(role), body);
        if (other.statusCode() != 404) {
          wrong.add(method + " " + route.path() + " as " + role + " of another team -> " + other.statusCode() + " (want 404)");
        }
        HttpResponse<String> same = server.request(method, path, sameTeam.get(role), body);
        // 400 too: a route that creates something (an agreement) refuses the probe's body only once past the scope check.
        if (same.statusCode() / 100 != 2 && same.statusCode() != 400) {
          wrong.add(method + " " + route.path() + " as " + role + " of the debtor's team -> " + same.statusCode() + " " + same.body());
        }
      }
    }
    assertTrue(debtorRoutes >= 5, "debtor routes walked: " + debtorRoutes);
    assertEquals(List.of(), wrong);
  }

  @Test
  void agentsReachOnlyTheRoutesTheirPhoneNeeds() {
    for (ApiRoute route : server.server.apiRoutes()) {
      // Visit evidence is the one shared read: the office under team scope, the agent its own (EvidenceHandlers).
      boolean evidenceRead = route.method().name().equals("GET")
          && (route.path().startsWith("/api/evidence/") || route.path().endsWith("/evidence"));
      if (route.roles().contains(Roles.AGENT) && !evidenceRead) {
        assertFalse(route.roles().contains(Roles.MANAGER), route.path() + " mixes phone and office roles");
      }
    }
  }

  /** A lost phone is cut off by an admin only: rotating a device token or disabling an agent is no dispatcher's job. */
  @Test
  void onlyAdminsRotateDeviceTokensAndDisableAgents() {
    for (String path : List.of("POST /api/agents/:id/token", "PUT /api/agents/:id/active")) {
      ApiRoute route = server.server.apiRoutes().stream().filter(r -> (r.method().name() + " " + r.path()).equals(path))
          .findFirst().orElseThrow(() -> new AssertionError(path + " is not in the route table"));
      assertEquals(java.util.Set.of(Roles.ADMIN), route.roles(), path);
    }
  }

  @Test
  void theAgentAppsRoutesAdmitAgentsOnly() {
    List<String> mine = new ArrayList<>();
    for (ApiRoute route : server.server.apiRoutes()) {
      if (route.path().startsWith("/api/me/") || route.path().equals("/api/visits/:id/photos")
          || route.path().equals("/api/visits/:id/signature")) {
        assertEquals(java.util.Set.of(Roles.AGENT), route.roles(), route.path());
        mine.add(route.method() + " " + route.path());
      }
    }
    assertEquals(10, mine.size(), "six of the agent app's own, the signature, POST /api/me/address-corrections and"
        + " GET/POST /api/me/shift: " + mine);
  }

  /**
   * An enrolment code carries a live device token: admins only (as rotation). Pin corrections are proposed by the phone
   * and decided by those who plan: never a manager, never the agent who proposed.
   */
  @Test
  void enrolmentIsForAdminsAndPinCorrectionsAreProposedByAgentsAndDecidedByPlanners() {
    java.util.Map<String, java.util.Set<String>> expected = java.util.Map.of(
        "GET /api/agents/:id/enrolment", java.util.Set.of(Roles.ADMIN),
        "POST /api/me/address-corrections", java.util.Set.of(Roles.AGENT),
        "GET /api/address-corrections", java.util.Set.of(Roles.ADMIN, Roles.DISPATCHER),
        "POST /api/address-corrections/:id/approve", java.util.Set.of(Roles.ADMIN, Roles.DISPATCHER),
        "POST /api/address-corrections/:id/reject", java.util.Set.of(Roles.ADMIN, Roles.DISPATCHER));
    expected.forEach((path, roles) -> {
      ApiRoute route = server.server.apiRoutes().stream().filter(r -> (r.method().name() + " " + r.path()).equals(path))
          .findFirst().orElseThrow(() -> new AssertionError(path + " is not in the route table"));
      assertEquals(roles, route.roles(), path);
    });
  }

  @Test
  void visitEvidenceIsReadByTheOfficeAndTheAgentOnly() {
    List<String> reads = new ArrayList<>();
    for (ApiRoute route : server.server.apiRoutes()) {
      if (route.path().startsWith("/api/evidence/") || route.path().endsWith("/evidence")) {
        assertEquals("GET", route.method().name(), route.path() + ": evidence is read here, uploaded by the agent app");
        assertEquals(java.util.Set.of(Roles.ADMIN, Roles.DISPATCHER, Roles.MANAGER, Roles.AGENT), route.roles(), route.path());
        reads.add(route.path());
      }
    }
    assertEquals(3, reads.size(), reads.toString());
  }
}
