package io.campo.server.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The live socket's token travels in its first message, never in the URL; a socket that does not prove itself is closed. */
class LiveSocketAuthTest {

  static TestServer server;
  static Vertx clients;

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

  @Test
  void aTokenInTheUrlIsRefusedBeforeTheUpgrade() {
    WebSocketClient client = clients.createWebSocketClient();
    try {
      UpgradeRejectedException refused = assertThrows(UpgradeRejectedException.class, () -> client.connect(
          new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.server.httpPort())
              .setURI("/api/live?access_token=" + server.adminToken())).await(10, TimeUnit.SECONDS));
      assertEquals(400, refused.getStatus());
    } finally {
      client.close();
    }
    var plain = server.request("GET", "/api/live?access_token=" + server.adminToken(), null, null);
    assertEquals(400, plain.statusCode());
    assertTrue(plain.body().contains("first message"), plain.body());
  }

  @Test
  void aSocketThatNeverAuthenticatesIsClosedAfterTheDeadline() throws Exception {
    try (LiveSocket live = LiveSocket.open(clients, server.server.httpPort())) {
      long started = System.currentTimeMillis();
      assertNull(live.awaitClose(LiveSocketHandler.AUTH_DEADLINE.toMillis() - 1500), "closed before the deadline");
      assertEquals((short) 4401, live.awaitClose(5000));
      assertTrue(System.currentTimeMillis() - started >= LiveSocketHandler.AUTH_DEADLINE.toMillis() - 100);
      assertTrue(live.closeReason().contains("no auth message"), live.closeReason());
      assertTrue(live.during(0).isEmpty(), "an unauthenticated socket got no frame");
    }
  }

  @Test
  void authSentAfterTheDeadlineIsTooLate() throws Exception {
    try (LiveSocket live = LiveSocket.open(clients, server.server.httpPort())) {
      Thread.sleep(LiveSocketHandler.AUTH_DEADLINE.toMillis() + 500);
      try {
        live.send(LiveSocket.authMessage(server.adminToken()));
        live.send("{\"type\":\"viewport\",\"bbox\":null}");
      } catch (Exception alreadyClosed) {
        // the server closed it first: the expected outcome, however the client learns of it
      }
      assertEquals((short) 4401, live.awaitClose(5000));
      assertTrue(live.during(500).stream().noneMatch(r -> "frame".equals(r.message().getString("type"))));
    }
  }

  @Test
  void aBadOrMissingTokenClosesTheSocketWithoutAFrame() throws Exception {
    int port = server.server.httpPort();
    assertEquals((short) 4401, LiveSocket.closeCodeAfterAuth(clients, port, "not.a.jwt"));
    assertEquals((short) 4401, LiveSocket.closeCodeAfterAuth(clients, port, ""));
    String token = server.adminToken();
    String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
    assertEquals((short) 4401, LiveSocket.closeCodeAfterAuth(clients, port, tampered));
    try (LiveSocket live = LiveSocket.open(clients, port)) {
      live.send("{\"type\":\"viewport\",\"bbox\":null}");
      assertEquals((short) 4401, live.awaitClose(5000), "a viewport before auth is not auth");
    }
    try (LiveSocket live = LiveSocket.open(clients, port)) {
      live.send("{\"type\":\"auth\"}");
      assertEquals((short) 4401, live.awaitClose(5000));
      assertTrue(live.closeReason().contains("token"), live.closeReason());
    }
    try (LiveSocket live = LiveSocket.open(clients, port)) {
      live.send("x".repeat(10_000));
      assertEquals((short) 4401, live.awaitClose(5000), "a huge first message");
    }
  }

  @Test
  void aGoodTokenInTheFirstMessageIsFed() throws Exception {
    assertNull(LiveSocket.closeCodeAfterAuth(clients, server.server.httpPort(), server.adminToken()));
  }
}
