package io.campo.server.auth;

import java.time.Duration;

/**
 * How many failed logins a {@link LoginThrottle} lets through before it answers 429: per remote address and per
 * account (username or agent id), each budget refilling evenly over {@code window}. Only failures spend the budget, so
 * a shift start with hundreds of phones logging in from one NAT address costs nothing; the per-account budget is the
 * small one, since guessing one account's password is the attack it stops.
 *
 * @param failuresPerAddress failed attempts one address may make per window (and at once, in a burst)
 * @param failuresPerAccount failed attempts on one account per window, from any number of addresses
 * @param window how long a spent budget takes to refill completely
 */
public record LoginLimits(int failuresPerAddress, int failuresPerAccount, Duration window) {

  /** Office logins: bcrypt makes each guess cost CPU, and office staff rarely mistype ten times. */
  public static final LoginLimits OFFICE_DEFAULT = new LoginLimits(100, 10, Duration.ofMinutes(10));
  /** Phones: a whole agency's fleet may share one carrier NAT address. */
  public static final LoginLimits DEVICE_DEFAULT = new LoginLimits(300, 10, Duration.ofMinutes(10));

  public LoginLimits {
    if (failuresPerAddress < 1 || failuresPerAccount < 1) {
      throw new IllegalArgumentException("login failure budgets must be at least 1, got " + failuresPerAddress + " per address and "
          + failuresPerAccount + " per account");
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("the login failure window must be positive, got " + window);
    }
  }
}
