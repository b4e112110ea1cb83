package io.campo.server.live;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real Vert.x WebSocket client of {@code /api/live}, keeping what it receives and when, for tests. */
public final class LiveSocket implements AutoCloseable {

  /** A text message from the server and the moment it arrived (System.nanoTime). */
  public record Received(JsonObject message, long arrivedNanos) {}

  private final WebSocketClient client;
  private final ClientWebSocket socket;
  private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private volatile boolean closed;

  private LiveSocket(WebSocketClient client, ClientWebSocket socket) {
    this.client = client;
    this.socket = socket;
    // Before connecting: the server may send its first frame, or close, as soon as the upgrade is done.
    socket.textMessageHandler(text -> received.add(new Received(new JsonObject(text), System.nanoTime())));
    socket.closeHandler(v -> closed = true);
  }

  /** Connects and authenticates with {@code token} as the first message, {@code {"type":"auth","token":…}}. */
  public static LiveSocket connect(Vertx vertx, int port, String token) throws Exception {
    return connect(vertx, new WebSocketClientOptions(), port, token);
  }

  /** Like {@link #connect(Vertx, int, String)} with client options (TLS: {@code setSsl(true)} and a trust store). */
  public static LiveSocket connect(Vertx vertx, WebSocketClientOptions clientOptions, int port, String token) throws Exception {
    LiveSocket live = open(vertx, clientOptions, port);
    try {
      live.send(authMessage(token));
      return live;
    } catch (Exception e) {
      live.close();
      throw e;
    }
  }

  /** Connects without sending anything: the test decides what (if anything) comes first. */
  public static LiveSocket open(Vertx vertx, int port) throws Exception {
    return open(vertx, new WebSocketClientOptions(), port);
  }

  private static LiveSocket open(Vertx vertx, WebSocketClientOptions clientOptions, int port) throws Exception {
    WebSocketClient client = vertx.createWebSocketClient(clientOptions);
    try {
      LiveSocket live = new LiveSocket(client, client.webSocket());
      live.socket.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/api/live"))
          .await(10, TimeUnit.SECONDS);
      return live;
    } catch (Exception e) {
      client.close();
      throw e;
    }
  }

  public static String authMessage(String token) {
    return new JsonObject().put("type", "auth").put("token", token).encode();
  }

  /**
   * Authenticates with {@code token} and says what became of the socket: its close code when the server closed it, or
   * {@code null} when it was admitted (its viewport answered with a frame).
   */
  public static Short closeCodeAfterAuth(Vertx vertx, int port, String token) throws Exception {
    try (LiveSocket live = connect(vertx, port, token)) {
      try {
        live.send("{\"type\":\"viewport\",\"bbox\":null}");
      } catch (Exception closedFirst) {
        // a refused token can close the socket before the viewport goes: the close code below says why
      }
      long deadline = System.currentTimeMillis() + 10_000;
      while (System.currentTimeMillis() < deadline) {
        if (live.isClosed()) {
          return live.socket.closeStatusCode();
        }
        Received r = live.received.poll(50, TimeUnit.MILLISECONDS);
        if (r != null && "frame".equals(r.message().getString("type"))) {
          return null;
        }
      }
      throw new AssertionError("neither closed nor fed within 10 s");
    }
  }

  /** The reason the server gave when it closed the socket (after {@link #awaitClose}). */
  public String closeReason() {
    return socket.closeReason();
  }

  public void send(String text) throws Exception {
    socket.writeTextMessage(text).await(10, TimeUnit.SECONDS);
  }

  /** The next message matching {@code wanted}, skipping (and returning nothing of) the others before it. */
  public Received next(Predicate<JsonObject> wanted, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (true) {
      long left = deadline - System.nanoTime();
      Received r = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
      if (r == null) {
        throw new AssertionError("no wanted message within " + timeoutMillis + " ms");
      }
      if (wanted.test(r.message())) {
        return r;
      }
    }
  }

  /** Everything received until {@code millis} from now. */
  public List<Received> during(long millis) throws InterruptedException {
    Thread.sleep(millis);
    List<Received> all = new ArrayList<>();
    received.drainTo(all);
    return all;
  }

  public boolean isClosed() {
    return closed;
  }

  /** Waits (up to {@code timeoutMillis}) for the server to close the socket; its close code, or null if still open. */
  public Short awaitClose(long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (!closed && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    return closed ? socket.closeStatusCode() : null;
  }

  @Override
  public void close() {
    try {
      socket.close().await(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // already closed by the server
    }
    client.close();
  }
}
