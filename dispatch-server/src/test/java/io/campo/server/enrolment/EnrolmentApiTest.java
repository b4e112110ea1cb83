package io.campo.server.enrolment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.TestServer;
import io.campo.server.agent.AgentRegistry;
import io.campo.server.auth.KeptDeviceTokens;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /api/agents/{id}/enrolment}: the new agent's token, shown once more as a link and a QR code. */
class EnrolmentApiTest {

  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> enrolment(String agentId, String token) {
    return server.request("GET", "/api/agents/" + agentId + "/enrolment", token, null);
  }

  static HttpResponse<String> deviceLogin(String agentId, String deviceToken) {
    return server.request("POST", "/api/auth/device", null,
        new JsonObject().put("agentId", agentId).put("deviceToken", deviceToken).encode());
  }

  @Test
  void aNewAgentsLinkAndQrCodeCarryItsWorkingTokenUntilItsFirstSignIn() throws Exception {
    String deviceToken = server.createAgent("enrol-1");
    HttpResponse<String> r = enrolment("enrol-1", server.adminToken());
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
    JsonObject body = new JsonObject(r.body());
    assertEquals("enrol-1", body.getString("agentId"));
    String url = body.getString("url");
    // No CAMPO_PUBLIC_URL here: the link names the server as the request reached it.
    assertTrue(url.startsWith(server.baseUrl() + "/agent/#enrol="), url);
    assertEquals(new EnrolmentLink(server.baseUrl(), "enrol-1", deviceToken), EnrolmentLink.parse(url));
    assertEquals(url, QrSvgTest.decode(body.getString("qrSvg")), "the QR code reads as the link");
    Duration left = Duration.between(Instant.now(), Instant.parse(body.getString("expiresAt")));
    assertTrue(left.compareTo(KeptDeviceTokens.KEPT_FOR.minusMinutes(5)) > 0 && left.compareTo(KeptDeviceTokens.KEPT_FOR) <= 0,
        "kept for about " + KeptDeviceTokens.KEPT_FOR + ": " + left);
    assertEquals(200, enrolment("enrol-1", server.adminToken()).statusCode(), "shown as often as asked until used");

    HttpResponse<String> wrong = deviceLogin("enrol-1", deviceToken + "x");
    assertEquals(401, wrong.statusCode());
    assertEquals(200, enrolment("enrol-1", server.adminToken()).statusCode(), "a failed login spends nothing");

    String scanned = EnrolmentLink.parse(url).token();
    assertEquals(200, deviceLogin("enrol-1", scanned).statusCode(), "the scanned token signs the phone in");
    HttpResponse<String> gone = enrolment("enrol-1", server.adminToken());
    assertEquals(410, gone.statusCode(), gone.body());
    String why = new JsonObject(gone.body()).getString("error");
    assertTrue(why.contains("already signed a device in") && why.contains("rotate the token to enrol again"), why);
    assertEquals(1, server.count("SELECT count(*) FROM agent_enrolment WHERE agent_id = 'enrol-1' AND sealed_token IS NULL"
        + " AND signed_in_at IS NOT NULL"), "the sealed copy is wiped, not merely refused");
  }

  @Test
  void theTokenIsNeverStoredInPlaintext() throws Exception {
    String deviceToken = server.createAgent("enrol-plain");
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", ""); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT a::text, e::text, encode(e.sealed_token, 'escape'), encode(e.sealed_token, 'hex')"
            + " FROM agent a JOIN agent_enrolment e ON e.agent_id = a.id WHERE a.id = 'enrol-plain'")) {
      assertTrue(rs.next(), "a sealed copy was kept");
      for (int i = 1; i <= 4; i++) {
        assertTrue(!rs.getString(i).contains(deviceToken), "column " + i + " holds the token: " + rs.getString(i));
      }
    }
    String hex = java.util.HexFormat.of().formatHex(deviceToken.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(0, server.count("SELECT count(*) FROM agent_enrolment WHERE encode(sealed_token, 'hex') LIKE '%" + hex + "%'"));
    assertEquals(200, enrolment("enrol-plain", server.adminToken()).statusCode());
  }

  @Test
  void anExpiredTokenIsGoneWithTheReasonAndTheWayOut() throws Exception {
    server.createAgent("enrol-old");
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", ""); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE agent_enrolment SET issued_at = now() - interval '8 days', expires_at = now() - interval '1 day'"
          + " WHERE agent_id = 'enrol-old'");
    }
    HttpResponse<String> gone = enrolment("enrol-old", server.adminToken());
    assertEquals(410, gone.statusCode(), gone.body());
    String why = new JsonObject(gone.body()).getString("error");
    assertTrue(why.contains("has expired") && why.contains("rotate the token to enrol again")
        && why.contains("POST /api/agents/enrol-old/token"), why);
    assertTrue(new KeptDeviceTokens(server.server.database().dataSource()).wipeExpired() >= 1, "the hourly wipe clears it");
    assertEquals(1, server.count("SELECT count(*) FROM agent_enrolment WHERE agent_id = 'enrol-old' AND sealed_token IS NULL"));
    assertEquals(410, enrolment("enrol-old", server.adminToken()).statusCode());
  }

  @Test
  void aRotatedTokenCanBeEnrolledAgainAndTheOldOneIsNotShown() throws Exception {
    String first = server.createAgent("enrol-rot");
    assertEquals(200, deviceLogin("enrol-rot", first).statusCode());
    assertEquals(410, enrolment("enrol-rot", server.adminToken()).statusCode());
    HttpResponse<String> rotated = server.request("POST", "/api/agents/enrol-rot/token", server.adminToken(), "{}");
    assertEquals(200, rotated.statusCode(), rotated.body());
    String second = new JsonObject(rotated.body()).getString("deviceToken");
    assertNotEquals(first, second);
    HttpResponse<String> r = enrolment("enrol-rot", server.adminToken());
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(second, EnrolmentLink.parse(new JsonObject(r.body()).getString("url")).token());
  }

  @Test
  void anAgentMadeFromTheCommandLineCanBeEnrolledToo() throws Exception {
    AgentRegistry.CreatedAgent created = new AgentRegistry(server.server.database().dataSource()).create("enrol-cli", "CLI");
    HttpResponse<String> r = enrolment("enrol-cli", server.adminToken());
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(created.deviceToken(), EnrolmentLink.parse(new JsonObject(r.body()).getString("url")).token());
  }

  @Test
  void anAgentFromBeforeEnrolmentIsGoneAndAnUnknownOneIsNotFound() throws Exception {
    server.createAgent("enrol-legacy");
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", ""); Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM agent_enrolment WHERE agent_id = 'enrol-legacy'");
    }
    HttpResponse<String> legacy = enrolment("enrol-legacy", server.adminToken());
    assertEquals(410, legacy.statusCode(), legacy.body());
    assertTrue(legacy.body().contains("issued before enrolment codes existed"), legacy.body());
    HttpResponse<String> unknown = enrolment("nadie", server.adminToken());
    assertEquals(404, unknown.statusCode(), unknown.body());
    assertTrue(unknown.body().contains("no agent 'nadie'"), unknown.body());
  }

  @Test
  void onlyAnAdminSeesTheCode() {
    server.createAgent("enrol-team", null);
    String dispatcher = server.officeUserInTeam("enrol-dispatcher", "dispatcher", "enrol-norte");
    assertEquals(403, enrolment("enrol-team", dispatcher).statusCode());
    String manager = server.officeUserInTeam("enrol-manager", "manager", "enrol-norte");
    assertEquals(403, enrolment("enrol-team", manager).statusCode());
    assertEquals(401, enrolment("enrol-team", null).statusCode());
    String phoneToken = server.createAgent("enrol-phone");
    String phone = new JsonObject(deviceLogin("enrol-phone", phoneToken).body()).getString("token");
    assertEquals(403, enrolment("enrol-phone", phone).statusCode(), "not even the agent itself: its token is in it");
  }
}
