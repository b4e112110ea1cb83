package io.campo.server.team;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user's account changed in a way that a session opened before must not outlive: the user was removed, their teams
 * changed, or their password or role did. Published cluster-wide by the node where the change was made; every node reloads its {@link TeamScope} and
 * then ends that user's long-lived sessions (the live map sockets), so that none keeps showing what the user may no
 * longer see until its token expires, and forgets the account's confirmed role ({@code auth.AccountCheck}), so the
 * user's next API request finds it gone or changed.
 */
public final class UserChanges {

  /** Event-bus address of {@code {"username","change"}}, change {@code "removed"}, {@code "access"} or {@code "credentials"}. */
  public static final String ADDRESS = "campo.users.changed";

  /** What happened to the account. */
  public enum Change {
    /** The user can no longer log in: their sessions end for good. */
    REMOVED,
    /** The user's teams changed: a session opened again sees the new scope. */
    ACCESS,
    /** The user's password or role changed: their tokens no longer work, they log in again. */
    CREDENTIALS
  }

  private static final Logger log = LoggerFactory.getLogger(UserChanges.class);

  private UserChanges() {}

  public static void publish(Vertx vertx, String username, Change change) {
    vertx.eventBus().publish(ADDRESS, new JsonObject().put("username", username).put("change", change.name().toLowerCase()));
  }

  /**
   * Listens on this node: for each change (from any node, this one included) calls {@code forget} at once (what the node
   * confirmed of the account must not let the next request through), reloads the scope, then calls
   * {@code endSessions} on the event loop.
   */
  public static void listen(Vertx vertx, TeamScope scope, Consumer<String> forget, BiConsumer<String, Change> endSessions) {
    vertx.eventBus().<JsonObject>consumer(ADDRESS, m -> {
      String username = m.body().getString("username");
      Change change = Change.valueOf(m.body().getString("change", "access").toUpperCase());
      forget.accept(username);
      vertx.executeBlocking(() -> {
        // Before the sessions end: a map that reconnects at once must get its first frame in the new scope.
        scope.refresh();
        return null;
      }, false).onFailure(e -> log.warn("reloading team scopes for a change of user {}: {}", username, e.toString()))
          .onComplete(done -> endSessions.accept(username, change));
    });
  }
}
