package io.campo.server.live;

import io.campo.server.auth.UserAccounts;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * This node's open live sockets by the username they were opened as, so that a user's sockets can be closed when the
 * account changes ({@code UserChanges}) rather than when the token expires. Closed sockets are dropped as sockets are
 * added: office users are few, so a pass over all of them is cheap. {@link #recheck} closes those whose token no longer
 * speaks for its account, for changes no announcement told this node of (a password reset from the command line).
 *
 * <p>Thread-safe.
 */
public final class LiveSocketsByUser {

  /** The account was removed: as at token expiry, the page logs in again. */
  public static final short USER_REMOVED = 4401;
  /** The user's teams changed: the page reconnects, and its new first frame is the new scope. */
  public static final short ACCESS_CHANGED = 4403;

  /** A socket and what its token said of the account when it opened. */
  private record Held(ServerWebSocket socket, String role, long generation) {}

  private final Map<String, Set<Held>> byUser = new ConcurrentHashMap<>();

  void add(String username, ServerWebSocket socket, String role, long generation) {
    // Closed sockets are pruned here, each user's set inside its own atomic compute: pruning an empty
    // set apart from the add could drop a set another thread had just created for its new socket.
    for (String user : byUser.keySet()) {
      byUser.computeIfPresent(user, (u, sockets) -> {
        sockets.removeIf(h -> h.socket().isClosed());
        return sockets.isEmpty() ? null : sockets;
      });
    }
    byUser.compute(username, (u, sockets) -> {
      Set<Held> open = sockets == null ? ConcurrentHashMap.newKeySet() : sockets;
      open.add(new Held(socket, role, generation));
      return open;
    });
  }

  /** Closes every live socket of the user on this node with {@code code}; callable from any thread. */
  public void close(String username, short code, String reason) {
    Set<Held> sockets = byUser.remove(username);
    if (sockets != null) {
      sockets.stream().map(Held::socket).filter(s -> !s.isClosed()).forEach(s -> s.close(code, reason));
    }
  }

  /**
   * Looks up the account of every user with open sockets here and closes ({@link #USER_REMOVED}) the sockets whose token
   * no longer speaks for it: the user is gone, or their role or password changed.
   */
  public void recheck(Function<String, Future<Optional<UserAccounts.Account>>> currentAccount) {
    for (Map.Entry<String, Set<Held>> user : byUser.entrySet()) {
      Set<Held> held = user.getValue();
      currentAccount.apply(user.getKey()).onSuccess(account -> held.stream()
          .filter(h -> !h.socket().isClosed() && account.filter(a -> a.issued(h.role(), h.generation())).isEmpty())
          .forEach(h -> h.socket().close(USER_REMOVED, "your account changed; log in again")));
    }
  }

  /** Open live sockets of the user on this node. */
  public int open(String username) {
    return (int) byUser.getOrDefault(username, Set.of()).stream().filter(h -> !h.socket().isClosed()).count();
  }
}
