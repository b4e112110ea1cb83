package io.campo.server.team;

import io.campo.server.auth.AccountCheck;
import io.campo.server.auth.UserAccounts;
import io.campo.server.cluster.PeriodicJobs;
import io.campo.server.live.LiveSocketsByUser;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * What a change to an account ends, on every node: a user removed, or whose teams changed, loses their live sockets
 * now, not at token expiry; a user whose password or role changed loses the sockets their old token opened; and their
 * next API request looks the account up again ({@link AccountCheck}: a token outlives a removed user).
 */
public final class AccountChanges {

  private final Vertx vertx;
  private final AccountCheck check;
  private final Function<String, Future<Optional<UserAccounts.Account>>> currentAccount;

  private AccountChanges(Vertx vertx, AccountCheck check, Function<String, Future<Optional<UserAccounts.Account>>> currentAccount) {
    this.vertx = vertx;
    this.check = check;
    this.currentAccount = currentAccount;
  }

  /**
   * Starts following changes announced by any node, and re-checks the open sockets' accounts every
   * {@link AccountCheck#CONFIRMED_FOR} for the changes no announcement tells of (a password reset from the command line).
   *
   * @param phoneCredentialsRevoked whether an agent's token generation is no longer current (agent.AgentStandings)
   */
  public static AccountChanges start(Vertx vertx, UserAccounts users, TeamScope scope, LiveSocketsByUser liveSockets,
      BiPredicate<String, Long> phoneCredentialsRevoked, PeriodicJobs jobs, Clock clock) {
    Function<String, Future<Optional<UserAccounts.Account>>> currentAccount =
        username -> vertx.executeBlocking(() -> users.account(username), false);
    AccountCheck check = new AccountCheck(currentAccount, clock, phoneCredentialsRevoked);
    jobs.repeatOnEventLoop("re-checking the accounts of live sockets", AccountCheck.CONFIRMED_FOR, () -> {
      liveSockets.recheck(currentAccount);
      return Future.succeededFuture();
    });
    UserChanges.listen(vertx, scope, check::forget, (username, change) -> endSessions(liveSockets, currentAccount, username, change));
    return new AccountChanges(vertx, check, currentAccount);
  }

  private static void endSessions(LiveSocketsByUser liveSockets,
      Function<String, Future<Optional<UserAccounts.Account>>> currentAccount, String username, UserChanges.Change change) {
    switch (change) {
      case REMOVED -> liveSockets.close(username, LiveSocketsByUser.USER_REMOVED, "this user was removed; log in again");
      // Only the sockets whose token the change ended: one the user opened since, with the new token, stays.
      case CREDENTIALS -> liveSockets.recheck(username, currentAccount);
      case ACCESS -> liveSockets.close(username, LiveSocketsByUser.ACCESS_CHANGED, "your teams changed; reconnect");
    }
  }

  /**
   * Announces a change made on this node. This node forgets the account before the answer goes out (the caller's next
   * request must see the change); the other nodes when the announcement reaches them.
   */
  public void announce(String username, UserChanges.Change change) {
    check.forget(username);
    UserChanges.publish(vertx, username, change);
  }

  /** The HTTP API's check of each request's account. */
  public AccountCheck check() {
    return check;
  }

  /** The account as stored now, looked up on a worker thread. */
  public Function<String, Future<Optional<UserAccounts.Account>>> currentAccount() {
    return currentAccount;
  }
}
