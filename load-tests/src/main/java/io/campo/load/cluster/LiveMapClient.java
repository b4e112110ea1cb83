package io.campo.load.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A dispatcher's map as the server sees it: logs in, opens {@code WS /api/live} (token in its first message), acknowledges every frame as a
 * browser that has painted it, and remembers the newest device time it was shown for each agent. With it a test
 * asks "does this node's map still see every agent, and are they moving?".
 *
 * <p>Thread-safe: the socket's thread writes, the test reads.
 */
public final class LiveMapClient implements AutoCloseable {

  private final Map<String, Long> newestFixMillis = new ConcurrentHashMap<>();
  private final StringBuilder partial = new StringBuilder();
  private final WebSocket socket;
  private final int httpPort;

  private LiveMapClient(int httpPort, String token) throws Exception {
    this.httpPort = httpPort;
    this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .buildAsync(URI.create("ws://127.0.0.1:" + httpPort + "/api/live"), new Listener())
        .get(15, TimeUnit.SECONDS);
    // The token goes in the first message, never in the URL (the server refuses it there).
    socket.sendText(new JsonObject().put("type", "auth").put("token", token).encode(), true).get(15, TimeUnit.SECONDS);
  }

  /** Logs in as {@code username} on the node at {@code httpPort} and opens its live feed. */
  public static LiveMapClient open(int httpPort, String username, String password) throws Exception {
    return new LiveMapClient(httpPort, OfficeApi.login(httpPort, username, password).token());
  }

  /** Where this map is open, for messages. */
  public String node() {
    return "the node on HTTP port " + httpPort;
  }

  /** The agents this map has shown at least once. */
  public Set<String> agentsSeen() {
    return Set.copyOf(newestFixMillis.keySet());
  }

  /** The agents whose newest position shown was taken at or after {@code epochMillis} (device time). */
  public Set<String> agentsMovedSince(long epochMillis) {
    Set<String> moved = ConcurrentHashMap.newKeySet();
    newestFixMillis.forEach((id, t) -> {
      if (t >= epochMillis) {
        moved.add(id);
      }
    });
    return moved;
  }

  private void onFrame(WebSocket ws, String text) {
    JsonObject message = new JsonObject(text);
    if (!"frame".equals(message.getString("type"))) {
      return;
    }
    JsonArray agents = message.getJsonArray("agents", new JsonArray());
    for (int i = 0; i < agents.size(); i++) {
      JsonObject a = agents.getJsonObject(i);
      Long t = a.getLong("t");
      if (t != null) {
        newestFixMillis.merge(a.getString("id"), t, Math::max);
      }
    }
    ws.sendText(new JsonObject().put("type", "ack").put("seq", message.getLong("seq")).encode(), true);
  }

  private final class Listener implements WebSocket.Listener {
    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        onFrame(webSocket, text);
      }
      webSocket.request(1);
      return null;
    }
  }

  @Override
  public void close() {
    socket.abort();
  }
}
