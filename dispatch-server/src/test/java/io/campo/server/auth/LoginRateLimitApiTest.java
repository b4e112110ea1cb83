package io.campo.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/auth/login} and {@code /api/auth/device} under guessing, over real HTTP from two loopback addresses
 * (127.0.0.1 and 127.0.0.2 are different remote addresses to the server).
 */
class LoginRateLimitApiTest {

  static final String HERE = "127.0.0.1";
  static final String ELSEWHERE = "127.0.0.2";

  /** An HTTP answer: status, the {@code Retry-After} header (null when absent), JSON body. */
  record Answer(int status, String retryAfter, JsonObject body) {}

  /** A POST from {@code fromAddress}, by hand: Java's HttpClient cannot choose its local address. */
  static Answer post(TestServer server, String fromAddress, String path, JsonObject json) throws IOException {
    byte[] body = json.encode().getBytes(StandardCharsets.UTF_8);
    try (Socket s = new Socket(InetAddress.getByName(HERE), server.server.httpPort(), InetAddress.getByName(fromAddress), 0)) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST " + path + " HTTP/1.1\r\nHost: " + HERE + "\r\nContent-Type: application/json\r\nContent-Length: "
          + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int headEnd = response.indexOf("\r\n\r\n");
      String[] head = response.substring(0, headEnd).split("\r\n");
      String retryAfter = null;
      for (String line : head) {
        if (line.toLowerCase(Locale.ROOT).startsWith("retry-after:")) {
          retryAfter = line.substring("retry-after:".length()).trim();
        }
      }
      return new Answer(Integer.parseInt(head[0].split(" ")[1]), retryAfter, new JsonObject(response.substring(headEnd + 4)));
    }
  }

  static Answer login(TestServer server, String from, String username, String password) throws IOException {
    return post(server, from, "/api/auth/login", new JsonObject().put("username", username).put("password", password));
  }

  static Answer device(TestServer server, String from, String agentId, String token) throws IOException {
    return post(server, from, "/api/auth/device", new JsonObject().put("agentId", agentId).put("deviceToken", token));
  }

  static void assertTooMany(Answer a, int maxSeconds) {
    assertEquals(429, a.status(), a.body().encode());
    assertEquals(429, a.body().getInteger("status"));
    assertTrue(a.body().getString("error").contains("too many failed logins"), a.body().encode());
    long seconds = Long.parseLong(a.retryAfter());
    assertTrue(seconds >= 1 && seconds <= maxSeconds, "Retry-After: " + seconds);
  }

  /** Waits as long as the server said to. */
  static void waitOut(Answer refused) throws InterruptedException {
    Thread.sleep(Long.parseLong(refused.retryAfter()) * 1000 + 200);
  }

  @Test
  void aGuessedUsernameIsLockedEverywhereEvenForTheRightPasswordUntilItRefills() throws Exception {
    Map<String, String> env = TestServer.env(TestServer.freshDatabaseUrl());
    env.put("CAMPO_LOGIN_FAILURES_PER_USER", "3");
    env.put("CAMPO_LOGIN_FAILURE_WINDOW_SECONDS", "24"); // one failure's worth back every 8 s: far longer than 3 bcrypts on a busy box
    try (TestServer server = TestServer.start(env)) {
      String admin = server.adminToken();
      assertEquals(201, server.request("POST", "/api/users", admin, new JsonObject().put("username", "ana")
          .put("password", "ana-password-1").put("role", "manager").put("teams", new JsonArray()).encode()).statusCode());

      for (int i = 0; i < 3; i++) {
        Answer wrong = login(server, HERE, "admin", "guess-" + i);
        assertEquals(401, wrong.status());
        assertNull(wrong.retryAfter());
      }
      Answer locked = login(server, HERE, "admin", TestServer.ADMIN_PASSWORD);
      assertTooMany(locked, 8);
      assertTrue(locked.body().getString("token") == null, "no token while locked");
      // The budget is the account's: guesses from another address are refused too.
      assertTooMany(login(server, ELSEWHERE, "admin", TestServer.ADMIN_PASSWORD), 8);
      // Other users are not held up, from the same address.
      Answer ana = login(server, HERE, "ana", "ana-password-1");
      assertEquals(200, ana.status(), ana.body().encode());
      assertTrue(ana.body().getString("token").length() > 20);

      waitOut(locked);
      Answer again = login(server, HERE, "admin", TestServer.ADMIN_PASSWORD);
      assertEquals(200, again.status(), again.body().encode());

      // An unknown username locks the same way: a lockout must not tell which usernames exist.
      for (int i = 0; i < 3; i++) {
        assertEquals(401, login(server, HERE, "nadie", "guess-" + i).status());
      }
      assertTooMany(login(server, HERE, "nadie", "guess-3"), 8);
    }
  }

  @Test
  void oneAddressSprayingManyAccountsIsStoppedWhileOtherAddressesGoOn() throws Exception {
    Map<String, String> env = TestServer.env(TestServer.freshDatabaseUrl());
    env.put("CAMPO_LOGIN_FAILURES_PER_ADDRESS", "4");
    env.put("CAMPO_LOGIN_FAILURE_WINDOW_SECONDS", "32");
    env.put("CAMPO_DEVICE_LOGIN_FAILURES_PER_ADDRESS", "4");
    env.put("CAMPO_DEVICE_LOGIN_FAILURE_WINDOW_SECONDS", "32");
    try (TestServer server = TestServer.start(env)) {
      String token = server.createAgent("a-spray");
      // Successes cost nothing: a shift's worth of logins from one address does not count against it.
      for (int i = 0; i < 10; i++) {
        assertEquals(200, login(server, HERE, "admin", TestServer.ADMIN_PASSWORD).status());
        assertEquals(200, device(server, HERE, "a-spray", token).status());
      }
      for (int i = 0; i < 4; i++) {
        assertEquals(401, login(server, HERE, "user-" + i, "guess").status());
        assertEquals(401, device(server, HERE, "agent-" + i, "guess").status());
      }
      Answer office = login(server, HERE, "admin", TestServer.ADMIN_PASSWORD);
      assertTooMany(office, 8);
      Answer phone = device(server, HERE, "a-spray", token);
      assertTooMany(phone, 8);
      assertEquals(200, login(server, ELSEWHERE, "admin", TestServer.ADMIN_PASSWORD).status());
      assertEquals(200, device(server, ELSEWHERE, "a-spray", token).status());

      // The later of the two: the phone's bucket ran dry a little after the office one.
      waitOut(Long.parseLong(office.retryAfter()) >= Long.parseLong(phone.retryAfter()) ? office : phone);
      assertEquals(200, login(server, HERE, "admin", TestServer.ADMIN_PASSWORD).status());
      assertEquals(200, device(server, HERE, "a-spray", token).status());
    }
  }

  @Test
  void aGuessedAgentIdIsLockedForItsRightTokenButOtherPhonesLogIn() throws Exception {
    Map<String, String> env = TestServer.env(TestServer.freshDatabaseUrl());
    env.put("CAMPO_DEVICE_LOGIN_FAILURES_PER_AGENT", "2");
    env.put("CAMPO_DEVICE_LOGIN_FAILURE_WINDOW_SECONDS", "16");
    try (TestServer server = TestServer.start(env)) {
      String target = server.createAgent("a-target");
      String other = server.createAgent("a-other");
      assertEquals(401, device(server, HERE, "a-target", "guess-1").status());
      assertEquals(401, device(server, ELSEWHERE, "a-target", "guess-2").status());
      Answer locked = device(server, HERE, "a-target", target);
      assertTooMany(locked, 8);
      assertTrue(locked.body().getString("error").contains("agent id"), locked.body().encode());
      Answer otherPhone = device(server, HERE, "a-other", other);
      assertEquals(200, otherPhone.status(), otherPhone.body().encode());
      assertEquals("agent", otherPhone.body().getString("role"));

      waitOut(locked);
      Answer back = device(server, HERE, "a-target", target);
      assertEquals(200, back.status(), back.body().encode());
    }
  }

  @Test
  void malformedLoginsAreRefusedBeforeAnyBudgetIsSpent() throws Exception {
    Map<String, String> env = TestServer.env(TestServer.freshDatabaseUrl());
    env.put("CAMPO_LOGIN_FAILURES_PER_ADDRESS", "1");
    try (TestServer server = TestServer.start(env)) {
      for (int i = 0; i < 5; i++) {
        Answer noPassword = post(server, HERE, "/api/auth/login", new JsonObject().put("username", "admin"));
        assertEquals(400, noPassword.status(), noPassword.body().encode());
      }
      assertEquals(200, login(server, HERE, "admin", TestServer.ADMIN_PASSWORD).status());
    }
  }
}
