package io.campo.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One hostile request must cost nothing else: the server answers it at once, with a reason, and reads no more of it. */
class HostileInputApiTest {

  static TestServer server;
  static String agentJwt;

  @BeforeAll
  static void start() throws Exception {
    Map<String, String> env = TestServer.env(TestServer.freshDatabaseUrl());
    env.put("CAMPO_HTTP_IDLE_TIMEOUT_SECONDS", "15");
    server = TestServer.start(env);
    String deviceToken = server.createAgent("hostil-1");
    HttpResponse<String> login = server.request("POST", "/api/auth/device", null,
        new JsonObject().put("agentId", "hostil-1").put("deviceToken", deviceToken).encode());
    assertEquals(200, login.statusCode(), login.body());
    agentJwt = new JsonObject(login.body()).getString("token");
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static String visitWithAmount(String amountJson) {
    return "{\"debtor\": \"CR-1\", \"checkIn\": {\"at\": \"2026-11-24T15:02:00Z\", \"lat\": 19.43, \"lon\": -99.13, \"accuracy\": 8},"
        + " \"outcome\": {\"type\": \"PAID\", \"amount\": " + amountJson + ", \"currency\": \"MXN\", \"receipt\": \"R-1\"}}";
  }

  @Test
  void anAmountWithAHugeExponentIsA400AtOnce() {
    long started = System.nanoTime();
    HttpResponse<String> r = postVisit(visitWithAmount("\"1E+999999999\""));
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertEquals(400, r.statusCode(), r.body());
    String error = new JsonObject(r.body()).getString("error");
    assertTrue(error.contains("'outcome.amount' must be a decimal like \"1500.00\" (no exponent"), error);
    assertTrue(error.contains("no exponent: write the digits out"), error);
    assertTrue(millis < 2_000, "answered in " + millis + " ms");
  }

  @Test
  void amountsBeyondFifteenDigitsOrTwoDecimalsOrAsHugeNumbersAre400s() {
    for (String amount : new String[] {"\"1234567890123456\"", "\"1.505\"", "1e999999999", "\"" + "9".repeat(100_000) + "\"",
        "123456789012345678901234567890"}) {
      HttpResponse<String> r = postVisit(visitWithAmount(amount));
      assertEquals(400, r.statusCode(), amount.length() > 40 ? amount.substring(0, 40) : amount);
      String error = new JsonObject(r.body()).getString("error");
      assertTrue(error.contains("'outcome.amount'"), error);
      assertTrue(error.length() < 600, "the error quotes the amount in full: " + error.length() + " characters");
    }
  }

  @Test
  void anEmptyOrMisshapenAuthorizationHeaderIsA401() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String header : new String[] {"Bearer ", "Bearer", "Bearer  ", "bearer x.y.z", "Basic YWRtaW46eA==", "Bearer a b",
        "Bearer x.y.z", ""}) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/agents"))
          .header("Authorization", header).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(401, r.statusCode(), "'" + header + "': " + r.body());
      assertTrue(new JsonObject(r.body()).getString("error").contains("Bearer <token>"), r.body());
    }
    assertEquals(401, server.request("GET", "/api/agents", null, null).statusCode());
  }

  @Test
  void anAnonymousHugeBodyIsRefusedWithoutBeingRead() throws Exception {
    // Announces 200 MB and sends none of it: an answer can only come from a server that did not wait for the body.
    for (String path : new String[] {"/api/visits", "/api/debtors/import", "/api/auth/login"}) {
      try (Socket socket = new Socket("127.0.0.1", server.server.httpPort())) {
        socket.setSoTimeout(5_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Content-Length: 200000000\r\n\r\n{\"a\":\"").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = statusLine(socket.getInputStream());
        assertTrue(status.startsWith("HTTP/1.1 401") || status.startsWith("HTTP/1.1 413"), path + ": " + status);
      }
    }
  }

  @Test
  void aLoginBodyOverTheSmallAnonymousCapIsA413() {
    String body = new JsonObject().put("username", "admin").put("password", "x".repeat(HttpApiVerticle.ANONYMOUS_BODY_BYTES)).encode();
    HttpResponse<String> r = server.request("POST", "/api/auth/login", null, body);
    assertEquals(413, r.statusCode(), r.body());
    assertEquals(200, server.request("POST", "/api/auth/login", null,
        new JsonObject().put("username", "admin").put("password", TestServer.ADMIN_PASSWORD).encode()).statusCode());
  }

  @Test
  void anIdleConnectionIsClosed() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.server.httpPort())) {
      socket.setSoTimeout(40_000);
      long opened = System.nanoTime();
      // Nothing is sent: the server must hang up by itself after CAMPO_HTTP_IDLE_TIMEOUT_SECONDS (15 here).
      int read = socket.getInputStream().read();
      long seconds = (System.nanoTime() - opened) / 1_000_000_000L;
      assertEquals(-1, read);
      assertTrue(seconds >= 14 && seconds < 30, "closed after " + seconds + " s");
    }
  }

  private static HttpResponse<String> postVisit(String body) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/visits"))
          .header("Authorization", "Bearer " + agentJwt).header("Content-Type", "application/json")
          .header("Idempotency-Key", java.util.UUID.randomUUID().toString())
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String statusLine(InputStream in) throws Exception {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      line.append((char) c);
    }
    return line.toString().trim();
  }
}
