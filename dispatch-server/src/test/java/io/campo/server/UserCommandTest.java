package io.campo.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code campo user add} and {@code campo agent add --team}, run as their own processes beside a running server. */
class UserCommandTest {

  static AgentCommandTest.Run campo(Map<String, String> env, String stdin, String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(java, "-cp", classpath, CampoMain.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return new AgentCommandTest.Run(p.exitValue(), out, err);
  }

  @Test
  void createsUsersAndTeamAgentsThatTheRunningServerScopes() throws Exception {
    try (TestServer server = TestServer.start()) {
      Map<String, String> env = TestServer.env(server.dbUrl);
      assertEquals(201, server.request("POST", "/api/teams", server.adminToken(), "{\"id\": \"norte\"}").statusCode());

      AgentCommandTest.Run agent = AgentCommandTest.campo(env, "agent", "add", "cli-norte", "--team", "norte");
      assertEquals(0, agent.exit(), agent.err());
      assertTrue(agent.out().contains("agent cli-norte (cli-norte) created in team norte"), agent.out());
      AgentCommandTest.Run lost = AgentCommandTest.campo(env, "agent", "add", "cli-lost", "--team", "oeste");
      assertEquals(2, lost.exit());
      assertTrue(lost.err().contains("unknown team 'oeste'"), lost.err());

      AgentCommandTest.Run generated = campo(env, "", "user", "add", "rosa", "--role", "dispatcher", "--team", "norte");
      assertEquals(0, generated.exit(), generated.err());
      assertTrue(generated.out().contains("user rosa (dispatcher) created in teams norte"), generated.out());
      String[] lines = generated.out().strip().split("\n");
      String password = lines[lines.length - 1].strip();
      String rosa = server.login("rosa", password);

      AgentCommandTest.Run fromStdin = campo(env, "a-chosen-password\n", "user", "add", "gil", "--role", "manager", "--password-stdin");
      assertEquals(0, fromStdin.exit(), fromStdin.err());
      assertTrue(!fromStdin.out().contains("a-chosen-password"), "a password the user typed is not echoed");
      server.login("gil", "a-chosen-password");

      // Made beside the server, so the server learns of them at its next reload.
      long deadline = System.currentTimeMillis() + 15_000;
      JsonArray seen = new JsonArray();
      while (System.currentTimeMillis() < deadline) {
        seen = new JsonArray(server.request("GET", "/api/agents", rosa, null).body());
        if (!seen.isEmpty()) {
          break;
        }
        Thread.sleep(200);
      }
      assertEquals(List.of("cli-norte"), seen.stream().map(o -> ((JsonObject) o).getString("id")).toList());

      AgentCommandTest.Run bad = campo(env, "short\n", "user", "add", "zoe", "--role", "agent", "--password-stdin");
      assertEquals(2, bad.exit());
      assertTrue(bad.err().contains("'password' must have at least 10 characters"), bad.err());
      assertTrue(bad.err().contains("POST /api/agents"), bad.err());
      AgentCommandTest.Run duplicate = campo(env, "", "user", "add", "rosa", "--role", "manager");
      assertEquals(2, duplicate.exit());
      assertTrue(duplicate.err().contains("user 'rosa' already exists"), duplicate.err());
      // The way back in for a forgotten password: the old one and the sessions opened with it stop working, the live
      // map's socket included, although no announcement reaches the server from another process.
      io.vertx.core.Vertx clients = io.vertx.core.Vertx.vertx();
      io.campo.server.live.LiveSocket socket = io.campo.server.live.LiveSocket.connect(clients, server.server.httpPort(), rosa);
      socket.next(m -> "frame".equals(m.getString("type")), 5000);
      AgentCommandTest.Run reset = campo(env, "", "user", "password", "rosa");
      assertEquals(0, reset.exit(), reset.err());
      assertTrue(reset.out().contains("password of rosa changed"), reset.out());
      String[] resetLines = reset.out().strip().split("\n");
      String newPassword = resetLines[resetLines.length - 1].strip();
      assertEquals(401, server.request("POST", "/api/auth/login", null,
          new JsonObject().put("username", "rosa").put("password", password).encode()).statusCode());
      server.login("rosa", newPassword);
      deadline = System.currentTimeMillis() + 15_000;
      int status = 200;
      while (status == 200 && System.currentTimeMillis() < deadline) {
        status = server.request("GET", "/api/agents", rosa, null).statusCode();
        Thread.sleep(200);
      }
      assertEquals(401, status, "the token from before the reset stops working within the server's account check");
      assertEquals((short) 4401, socket.awaitClose(15_000), "and its live socket closes");
      socket.close();
      clients.close().await(10, TimeUnit.SECONDS);
      AgentCommandTest.Run chosen = campo(env, "another-chosen-one\n", "user", "password", "gil", "--password-stdin");
      assertEquals(0, chosen.exit(), chosen.err());
      assertTrue(!chosen.out().contains("another-chosen-one"));
      server.login("gil", "another-chosen-one");
      AgentCommandTest.Run nobody = campo(env, "", "user", "password", "nadie");
      assertEquals(2, nobody.exit());
      assertTrue(nobody.err().contains("no user 'nadie'"), nobody.err());
      AgentCommandTest.Run tooShort = campo(env, "short\n", "user", "password", "gil", "--password-stdin");
      assertEquals(2, tooShort.exit());
      assertTrue(tooShort.err().contains("at least 10 characters"), tooShort.err());
      server.login("gil", "another-chosen-one");

      AgentCommandTest.Run usage = campo(env, "", "user", "remove", "rosa");
      assertEquals(2, usage.exit());
      assertTrue(usage.err().contains("usage: campo user add USERNAME --role"), usage.err());
    }
  }
}
