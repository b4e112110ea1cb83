package io.campo.server.auth;

import io.campo.server.api.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Lets an office user's request on only while the user still exists with the role its token names,
 * and the token was issued for the user's current credentials (claim {@code gen}: a password or
 * role change moves it on). A JWT stays valid for its whole life (12 h): without this, a removed
 * admin could go on calling every admin route, even create a new admin for itself, and a reset
 * password would not end the sessions of whoever had learnt the old one. Confirmed roles are remembered for
 * {@link #CONFIRMED_FOR}, so a busy user costs one database lookup per few seconds, not per request;
 * {@link #forget} drops a user at once when it is removed or changed (on every node, through
 * {@code campo.users.changed}). Phones' tokens (role {@code agent}) name an agent, not a user: they pass while the
 * agent is enabled and the token carries the agent's current device credentials generation (the same claim {@code gen}),
 * judged against this node's copy of the agents ({@code agent.AgentStandings}), so a lost phone's session ends with a
 * token rotation or a disabling.
 */
public final class AccountCheck implements Handler<RoutingContext> {

  /** How long a looked-up role is trusted before the next request looks again. */
  public static final Duration CONFIRMED_FOR = Duration.ofSeconds(5);

  private record Confirmed(String role, long generation, long atMillis) {}

  private final Function<String, Future<Optional<UserAccounts.Account>>> currentAccount;
  private final Clock clock;
  private final BiPredicate<String, Long> phoneCredentialsRevoked;
  private final Map<String, Confirmed> confirmed = new ConcurrentHashMap<>();
  // How many times each user was forgotten: a lookup that started before a forget must not put back what it read.
  private final Map<String, Long> forgotten = new ConcurrentHashMap<>();

  /** @param currentAccount a username's account now, empty when there is no such user */
  public AccountCheck(Function<String, Future<Optional<UserAccounts.Account>>> currentAccount, Clock clock) {
    this(currentAccount, clock, (agentId, generation) -> false);
  }

  /** @param phoneCredentialsRevoked whether an agent's device credentials of a generation were revoked since (non-blocking) */
  public AccountCheck(Function<String, Future<Optional<UserAccounts.Account>>> currentAccount, Clock clock,
      BiPredicate<String, Long> phoneCredentialsRevoked) {
    this.currentAccount = currentAccount;
    this.clock = clock;
    this.phoneCredentialsRevoked = phoneCredentialsRevoked;
  }

  @Override
  public void handle(RoutingContext ctx) {
    JsonObject principal = ctx.user() == null ? null : ctx.user().principal();
    String role = principal == null ? null : principal.getString("role");
    String username = principal == null ? null : principal.getString("sub");
    if (role != null && username != null && LoginHandler.AGENT_ROLE.equals(role)
        && phoneCredentialsRevoked.test(username, principal.getLong(UserAccounts.GENERATION_CLAIM, 0L))) {
      ctx.fail(new ApiException(401, "this agent was disabled or its device token rotated: log in again with the current token"));
      return;
    }
    if (role == null || username == null || LoginHandler.AGENT_ROLE.equals(role)) {
      ctx.next();
      return;
    }
    long generation = principal.getLong(UserAccounts.GENERATION_CLAIM, 0L);
    long now = clock.millis();
    Confirmed known = confirmed.get(username);
    if (known != null && known.role().equals(role) && known.generation() == generation
        && now - known.atMillis() < CONFIRMED_FOR.toMillis()) {
      ctx.next();
      return;
    }
    long forgetsBefore = forgotten.getOrDefault(username, 0L);
    currentAccount.apply(username).onComplete(looked -> {
      if (looked.failed()) {
        ctx.fail(looked.cause());
      } else if (looked.result().filter(a -> a.issued(role, generation)).isPresent()) {
        // The account was read before any forget since forgetsBefore: only then may it be remembered. (forget counts
        // first and removes after, so a forget racing this either fails the check or removes what was put.)
        confirmed.compute(username, (u, old) -> forgotten.getOrDefault(u, 0L) == forgetsBefore ? new Confirmed(role, generation, now) : old);
        ctx.next();
      } else {
        // Only what this token had confirmed: a replayed old token must not cost the current session its cache.
        confirmed.computeIfPresent(username, (u, c) -> c.role().equals(role) && c.generation() == generation ? null : c);
        ctx.fail(new ApiException(401, "this account was removed or its password or role changed: log in again"));
      }
    });
  }

  /** Forgets what was confirmed of the user: its next request looks its role up again. */
  public void forget(String username) {
    forgotten.merge(username, 1L, Long::sum);
    confirmed.remove(username);
  }
}
