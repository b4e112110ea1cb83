package io.campo.server.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.campo.server.AgentCommandTest;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.campo.server.live.LiveSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A lost or stolen phone is cut off: its token rotated or its agent disabled, through the API or from the command line
 * beside the running server, its MQTT connections close, the old token opens nothing (MQTT CONNECT, device login) and
 * phone JWTs issued before stop working, all within {@link #CUT_OFF_MILLIS}.
 */
public class DeviceCredentialsTest {

  /** What the issue promises: on every node within 5 s. */
  static final long CUT_OFF_MILLIS = 5_000;

  private static TestServer server;
  private static Vertx clients;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    clients = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    clients.close().await();
    server.close();
  }

  static HttpResponse<String> deviceLogin(TestServer server, String agentId, String token) {
    return server.request("POST", "/api/auth/device", null,
        new JsonObject().put("agentId", agentId).put("deviceToken", token).encode());
  }

  static String phoneJwt(TestServer server, String agentId, String token) {
    HttpResponse<String> r = deviceLogin(server, agentId, token);
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body()).getString("token");
  }

  /** A call only a phone's JWT opens; 401 once the JWT is spent (the empty body would be a 400 after the check). */
  static int phoneCall(TestServer server, String jwt) {
    return server.request("POST", "/api/visits", jwt, "{}").statusCode();
  }

  static void within(long millis, BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError(what + " not within " + millis + " ms");
      }
      Thread.sleep(25);
    }
  }

  static void assertRefusedAtConnect(TestServer server, String agentId, String token) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> Devices.mqtt5(server.server.mqttPort(), agentId, token));
    Mqtt5ConnAckException refused = assertInstanceOf(Mqtt5ConnAckException.class, e.getCause());
    assertEquals(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD, refused.getMqttMessage().getReasonCode());
  }

  static JsonObject listed(TestServer server, String agentId) {
    JsonArray agents = new JsonArray(server.request("GET", "/api/agents", server.adminToken(), null).body());
    for (int i = 0; i < agents.size(); i++) {
      if (agentId.equals(agents.getJsonObject(i).getString("id"))) {
        return agents.getJsonObject(i);
      }
    }
    throw new AssertionError("agent " + agentId + " not listed");
  }

  @Test
  void aRotatedTokenIsShownOnceAndTheOldOneOpensNothingAnyMore() throws Exception {
    String oldToken = server.createAgent("perdido");
    Mqtt5AsyncClient v5 = Devices.mqtt5(server.server.mqttPort(), "perdido", oldToken);
    Mqtt3AsyncClient v3 = Devices.mqtt3(server.server.mqttPort(), "perdido", oldToken);
    String oldJwt = phoneJwt(server, "perdido", oldToken);
    assertNotEquals(401, phoneCall(server, oldJwt), "the phone's JWT works before the rotation");

    HttpResponse<String> rotated = server.request("POST", "/api/agents/perdido/token", server.adminToken(), null);
    assertEquals(200, rotated.statusCode(), rotated.body());
    JsonObject answer = new JsonObject(rotated.body());
    assertEquals("perdido", answer.getString("id"));
    String newToken = answer.getString("deviceToken");
    assertNotEquals(oldToken, newToken);
    assertTrue(newToken.length() >= 40, "a fresh 256-bit token: " + newToken);
    assertEquals(1, server.count("SELECT count(*) FROM agent WHERE id = 'perdido' AND device_token_hash = '"
        + io.campo.server.auth.Sha256.hex(newToken) + "'"), "only its hash is stored");

    within(CUT_OFF_MILLIS, () -> !v5.getState().isConnected() && !v3.getState().isConnected(), "old connections closed");
    assertRefusedAtConnect(server, "perdido", oldToken);
    assertEquals(401, deviceLogin(server, "perdido", oldToken).statusCode());
    assertEquals(401, phoneCall(server, oldJwt), "the JWT issued before the rotation");

    Mqtt5AsyncClient fresh = Devices.mqtt5(server.server.mqttPort(), "perdido", newToken);
    assertTrue(fresh.getState().isConnected());
    String newJwt = phoneJwt(server, "perdido", newToken);
    assertNotEquals(401, phoneCall(server, newJwt));
    Thread.sleep(AgentStandings.RECHECK_INTERVAL.toMillis() * 2);
    assertTrue(fresh.getState().isConnected(), "the periodic re-check leaves the new token's connection alone");
    fresh.disconnect().get();

    assertEquals(404, server.request("POST", "/api/agents/nadie/token", server.adminToken(), null).statusCode());
    String dispatcher = server.officeUserInTeam("disp-rota", "dispatcher", "rota");
    assertEquals(403, server.request("POST", "/api/agents/perdido/token", dispatcher, null).statusCode());
  }

  @Test
  void aDisabledAgentIsCutOffShownDisabledAndComesBackOnlyWithANewLogin() throws Exception {
    String token = server.createAgent("robado");
    Mqtt5AsyncClient phone = Devices.mqtt5(server.server.mqttPort(), "robado", token);
    String jwt = phoneJwt(server, "robado", token);
    assertEquals(true, listed(server, "robado").getBoolean("active"));
    try (LiveSocket live = LiveSocket.connect(clients, server.server.httpPort(), server.adminToken())) {
      // The socket is fed once its account check is done: its first frame says it hears events now.
      live.next(m -> "frame".equals(m.getString("type")), 5000);
      HttpResponse<String> off = server.request("PUT", "/api/agents/robado/active", server.adminToken(), "{\"active\": false}");
      assertEquals(200, off.statusCode(), off.body());
      assertEquals(new JsonObject().put("id", "robado").put("active", false), new JsonObject(off.body()));
      live.next(m -> hasEvent(m, "robado", false), CUT_OFF_MILLIS);
    }
    within(CUT_OFF_MILLIS, () -> !phone.getState().isConnected(), "the disabled agent's connection closed");
    assertRefusedAtConnect(server, "robado", token);
    HttpResponse<String> login = deviceLogin(server, "robado", token);
    assertEquals(401, login.statusCode());
    assertTrue(login.body().contains("disabled"), login.body());
    assertEquals(401, phoneCall(server, jwt), "a disabled agent's visits are refused");
    assertEquals(false, listed(server, "robado").getBoolean("active"));

    HttpResponse<String> on = server.request("PUT", "/api/agents/robado/active", server.adminToken(), "{\"active\": true}");
    assertEquals(200, on.statusCode(), on.body());
    assertEquals(true, listed(server, "robado").getBoolean("active"));
    assertEquals(401, phoneCall(server, jwt), "a JWT from before the disabling does not come back to life");
    String again = phoneJwt(server, "robado", token);
    assertNotEquals(401, phoneCall(server, again));
    Devices.mqtt5(server.server.mqttPort(), "robado", token).disconnect().get();
  }

  @Test
  void badBodiesAndUnknownAgentsAreRefusedAndChangeNothing() {
    server.createAgent("terco");
    for (String body : new String[] {"{}", "{\"active\": \"false\"}", "{\"active\": null}", "{\"active\": 0}", "not json",
        "[false]", "{\"enabled\": false}"}) {
      HttpResponse<String> r = server.request("PUT", "/api/agents/terco/active", server.adminToken(), body);
      assertEquals(400, r.statusCode(), body + " -> " + r.body());
    }
    assertEquals(1, server.count("SELECT count(*) FROM agent WHERE id = 'terco' AND active AND credentials_generation = 0"));
    assertEquals(404, server.request("PUT", "/api/agents/nadie/active", server.adminToken(), "{\"active\": false}").statusCode());
  }

  @Test
  void theCommandLineRotatesDisablesAndEnablesBesideTheRunningServer() throws Exception {
    String token = server.createAgent("cli-robado");
    Mqtt5AsyncClient phone = Devices.mqtt5(server.server.mqttPort(), "cli-robado", token);
    String jwt = phoneJwt(server, "cli-robado", token);
    var env = TestServer.env(server.dbUrl);

    AgentCommandTest.Run disabled = AgentCommandTest.campo(env, "agent", "disable", "cli-robado");
    assertEquals(0, disabled.exit(), disabled.err());
    long changedAt = System.currentTimeMillis();
    within(CUT_OFF_MILLIS, () -> !phone.getState().isConnected(), "the connection closed after a disable from the command line");
    within(CUT_OFF_MILLIS - (System.currentTimeMillis() - changedAt), () -> phoneCall(server, jwt) == 401,
        "the phone's JWT refused after a disable from the command line");
    assertRefusedAtConnect(server, "cli-robado", token);
    assertEquals(false, listed(server, "cli-robado").getBoolean("active"));

    AgentCommandTest.Run enabled = AgentCommandTest.campo(env, "agent", "enable", "cli-robado");
    assertEquals(0, enabled.exit(), enabled.err());
    Mqtt5AsyncClient back = Devices.mqtt5(server.server.mqttPort(), "cli-robado", token);

    AgentCommandTest.Run rotated = AgentCommandTest.campo(env, "agent", "token", "cli-robado");
    assertEquals(0, rotated.exit(), rotated.err());
    String[] lines = rotated.out().strip().split("\n");
    String newToken = lines[lines.length - 1].strip();
    assertNotEquals(token, newToken);
    within(CUT_OFF_MILLIS, () -> !back.getState().isConnected(), "the connection closed after a rotation from the command line");
    assertRefusedAtConnect(server, "cli-robado", token);
    Devices.mqtt5(server.server.mqttPort(), "cli-robado", newToken).disconnect().get();

    AgentCommandTest.Run unknown = AgentCommandTest.campo(env, "agent", "disable", "nadie");
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().contains("no agent 'nadie'"), unknown.err());
    AgentCommandTest.Run usage = AgentCommandTest.campo(env, "agent", "disable");
    assertEquals(2, usage.exit());
    assertTrue(usage.err().contains("campo agent disable ID"), usage.err());
  }

  /** Whether a live frame tells that the agent was disabled ({@code active} false) or enabled. */
  public static boolean hasEvent(JsonObject message, String agentId, boolean active) {
    JsonArray events = message.getJsonArray("events");
    if (events == null) {
      return false;
    }
    for (int i = 0; i < events.size(); i++) {
      JsonObject e = events.getJsonObject(i);
      if ("agent.active".equals(e.getString("type")) && agentId.equals(e.getString("id")) && e.getBoolean("active") == active) {
        return true;
      }
    }
    return false;
  }

  @Test
  void aPhoneJwtWithoutTheCurrentGenerationIsRefusedButOthersAgentsAreNot() throws Exception {
    String a = server.createAgent("uno-de-dos");
    String b = server.createAgent("dos-de-dos");
    String jwtA = phoneJwt(server, "uno-de-dos", a);
    String jwtB = phoneJwt(server, "dos-de-dos", b);
    assertEquals(200, server.request("POST", "/api/agents/uno-de-dos/token", server.adminToken(), null).statusCode());
    assertEquals(401, phoneCall(server, jwtA));
    assertNotEquals(401, phoneCall(server, jwtB), "another agent's phone is untouched");
    assertFalse(listed(server, "dos-de-dos").getBoolean("active") == Boolean.FALSE);
  }
}
