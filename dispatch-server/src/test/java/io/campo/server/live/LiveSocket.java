package io.campo.server.live;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
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

  /** Connects with {@code token} as {@code ?access_token=} (null: none). */
  public static LiveSocket connect(Vertx vertx, int port, String token) throws Exception {
    WebSocketClient client = vertx.createWebSocketClient();
    try {
      LiveSocket live = new LiveSocket(client, client.webSocket());
      live.socket.connect(options(port, token)).await(10, TimeUnit.SECONDS);
      return live;
    } catch (Exception e) {
      client.close();
      throw e;
    }
  }

  /** The HTTP status of the upgrade attempt: 101 when it was accepted, else the refusal's status. */
  public static int upgradeStatus(Vertx vertx, int port, String token) throws Exception {
    WebSocketClient client = vertx.createWebSocketClient();
    try {
      client.connect(options(port, token)).await(10, TimeUnit.SECONDS).close().await(10, TimeUnit.SECONDS);
      return 101;
    } catch (UpgradeRejectedException e) {
      return e.getStatus();
    } finally {
      client.close();
    }
  }

  private static WebSocketConnectOptions options(int port, String token) {
    String uri = "/api/live" + (token == null ? "" : "?access_token=" + token);
    return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri);
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
