package io.campo.server.live;

import io.campo.server.auth.UserAccounts;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's open live sockets by the username they were opened as, so that a user's sockets can be closed when the
 * account changes ({@code UserChanges}) rather than when the token expires. Closed sockets are dropped as sockets are
 * added: office users are few, so a pass over all of them is cheap. {@link #recheck} closes those whose token no longer
 * speaks for its account, for changes no announcement told this node of (a password reset from the command line).
 *
 * <p>Thread-safe.
 */
public final class LiveSocketsByUser {

  private static final Logger log = LoggerFactory.getLogger(LiveSocketsByUser.class);

  /** The account was removed: as at token expiry, the page logs in again. */
  public static final short USER_REMOVED = 4401;
  /** The user's teams changed: the page reconnects, and its new first frame is the new scope. */
  public static final short ACCESS_CHANGED = 4403;

  /** A socket and what its token said of the account when it opened. */
  private record Held(ServerWebSocket socket, String role, long generation) {}

  private final Map<String, Set<Held>> byUser = new ConcurrentHashMap<>();
  private final AtomicBoolean rechecking = new AtomicBoolean();

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
    if (!rechecking.compareAndSet(false, true)) {
      return; // the last round is still waiting for the database: no pile of lookups on the worker pool
    }
    List<Future<?>> lookups = new ArrayList<>();
    for (String username : byUser.keySet()) {
      lookups.add(recheck(username, currentAccount));
    }
    Future.join(lookups).onComplete(done -> rechecking.set(false));
  }

  /**
   * As {@link #recheck(Function)} for one user: closes the sockets whose token no longer speaks for the account (those
   * opened with a newer token stay). When the account cannot be looked up the sockets stay open: a database outage
   * must not blank every dispatcher's map.
   */
  public Future<?> recheck(String username, Function<String, Future<Optional<UserAccounts.Account>>> currentAccount) {
    // The sockets as they are before the lookup: one opened afterwards may carry a newer token than the account read.
    List<Held> held = List.copyOf(byUser.getOrDefault(username, Set.of()));
    if (held.isEmpty()) {
      return Future.succeededFuture();
    }
    return currentAccount.apply(username).onSuccess(account -> held.stream()
        .filter(h -> !h.socket().isClosed() && account.filter(a -> a.issued(h.role(), h.generation())).isEmpty())
        .forEach(h -> h.socket().close(USER_REMOVED, "your account changed; log in again")))
        .onFailure(e -> log.warn("could not re-check the live sockets of '{}': {}", username, e.toString()));
  }

  /** Open live sockets of the user on this node. */
  public int open(String username) {
    return (int) byUser.getOrDefault(username, Set.of()).stream().filter(h -> !h.socket().isClosed()).count();
  }
}
