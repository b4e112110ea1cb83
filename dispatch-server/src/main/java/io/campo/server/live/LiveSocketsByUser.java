package io.campo.server.live;

import io.vertx.core.http.ServerWebSocket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's open live sockets by the username they were opened as, so that a user's sockets can be closed when the
 * account changes ({@code UserChanges}) rather than when the token expires. Closed sockets are dropped as sockets are
 * added: office users are few, so a pass over all of them is cheap.
 *
 * <p>Thread-safe.
 */
public final class LiveSocketsByUser {

  /** The account was removed: as at token expiry, the page logs in again. */
  public static final short USER_REMOVED = 4401;
  /** The user's teams changed: the page reconnects, and its new first frame is the new scope. */
  public static final short ACCESS_CHANGED = 4403;

  private final Map<String, Set<ServerWebSocket>> byUser = new ConcurrentHashMap<>();

  void add(String username, ServerWebSocket socket) {
    // Closed sockets are pruned here, each user's set inside its own atomic compute: pruning an empty
    // set apart from the add could drop a set another thread had just created for its new socket.
    for (String user : byUser.keySet()) {
      byUser.computeIfPresent(user, (u, sockets) -> {
        sockets.removeIf(ServerWebSocket::isClosed);
        return sockets.isEmpty() ? null : sockets;
      });
    }
    byUser.compute(username, (u, sockets) -> {
      Set<ServerWebSocket> open = sockets == null ? ConcurrentHashMap.newKeySet() : sockets;
      open.add(socket);
      return open;
    });
  }

  /** Closes every live socket of the user on this node with {@code code}; callable from any thread. */
  public void close(String username, short code, String reason) {
    Set<ServerWebSocket> sockets = byUser.remove(username);
    if (sockets != null) {
      sockets.stream().filter(s -> !s.isClosed()).forEach(s -> s.close(code, reason));
    }
  }

  /** Open live sockets of the user on this node. */
  public int open(String username) {
    return (int) byUser.getOrDefault(username, Set.of()).stream().filter(s -> !s.isClosed()).count();
  }
}
