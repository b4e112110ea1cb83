package io.campo.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  /** A clock the test moves by hand. */
  static final class ManualTime implements TimeMeter {
    long nanos = 1_000_000_000L;

    @Override
    public long currentTimeNanos() {
      return nanos;
    }

    @Override
    public boolean isWallClockBased() {
      return false;
    }

    void advance(Duration d) {
      nanos += d.toNanos();
    }
  }

  private final ManualTime time = new ManualTime();

  /** Spends {@code n} failures (asserting each was admitted). */
  private static void fail(LoginThrottle throttle, String address, String account, int n) {
    for (int i = 0; i < n; i++) {
      assertEquals(0, throttle.admit(address, account).retryAfterSeconds(), "attempt " + (i + 1) + " should be admitted");
    }
  }

  @Test
  void anAccountsBudgetRunsOutThenRefillsWhileOthersAreUnaffected() {
    LoginThrottle throttle = new LoginThrottle(new LoginLimits(100, 3, Duration.ofSeconds(60)), time);
    fail(throttle, "10.0.0.1", "ana", 3);

    LoginThrottle.Admission refused = throttle.admit("10.0.0.1", "ana");
    // One failure's worth refills in 60 s / 3.
    assertEquals(20, refused.retryAfterSeconds());
    assertThrows(IllegalStateException.class, refused::refund);
    // From another address too: the budget is the account's, wherever the guesses come from.
    assertEquals(20, throttle.admit("10.9.9.9", "ana").retryAfterSeconds());
    // Another account from the same address is not held up.
    assertEquals(0, throttle.admit("10.0.0.1", "beto").retryAfterSeconds());

    time.advance(Duration.ofSeconds(19));
    assertEquals(1, throttle.admit("10.0.0.1", "ana").retryAfterSeconds());
    time.advance(Duration.ofSeconds(1));
    assertEquals(0, throttle.admit("10.0.0.1", "ana").retryAfterSeconds());
  }

  @Test
  void usernamesDifferingOnlyInCaseShareOneBudget() {
    LoginThrottle throttle = new LoginThrottle(new LoginLimits(100, 2, Duration.ofSeconds(60)), time);
    fail(throttle, "10.0.0.1", "admin", 1);
    fail(throttle, "10.0.0.1", "Admin", 1);
    assertTrue(throttle.admit("10.0.0.1", "ADMIN").retryAfterSeconds() > 0);
  }

  @Test
  void anAddressBudgetStopsSprayingAcrossAccountsButNotOtherAddresses() {
    LoginThrottle throttle = new LoginThrottle(new LoginLimits(5, 3, Duration.ofSeconds(100)), time);
    for (int i = 0; i < 5; i++) {
      fail(throttle, "10.0.0.1", "user" + i, 1);
    }
    assertEquals(20, throttle.admit("10.0.0.1", "fresh").retryAfterSeconds());
    assertEquals(0, throttle.admit("10.0.0.2", "fresh").retryAfterSeconds());
    // The refusal by address did not spend the account's budget: "fresh" still has 2 of 3 from elsewhere.
    fail(throttle, "10.0.0.3", "fresh", 2);
    assertTrue(throttle.admit("10.0.0.4", "fresh").retryAfterSeconds() > 0);
  }

  @Test
  void successesCostNothingSoAWholeFleetBehindOneAddressNeverTrips() {
    LoginThrottle throttle = new LoginThrottle(new LoginLimits(10, 2, Duration.ofMinutes(10)), time);
    for (int phone = 0; phone < 500; phone++) {
      LoginThrottle.Admission a = throttle.admit("200.1.1.1", "agent-" + phone);
      assertEquals(0, a.retryAfterSeconds(), "phone " + phone);
      a.refund();
    }
    // And one user logging in again and again with the right password.
    for (int i = 0; i < 50; i++) {
      LoginThrottle.Admission a = throttle.admit("200.1.1.1", "ana");
      assertEquals(0, a.retryAfterSeconds());
      a.refund();
    }
  }

  @Test
  void rememberedKeysAreCapped() {
    LoginThrottle throttle = new LoginThrottle(new LoginLimits(1_000_000, 3, Duration.ofSeconds(60)), time);
    for (int i = 0; i < LoginThrottle.MAX_TRACKED + 5_000; i++) {
      throttle.admit("10.0.0.1", "user" + i);
    }
    assertEquals(LoginThrottle.MAX_TRACKED + 1, throttle.trackedKeys());
  }

  @Test
  void aHugeUsernameIsNotAHugeKeyAndNullsAreAccounts() {
    LoginThrottle throttle = new LoginThrottle(new LoginLimits(100, 1, Duration.ofSeconds(60)), time);
    String huge = "x".repeat(1_000_000);
    fail(throttle, "10.0.0.1", huge, 1);
    // The same first 128 characters: the same (already spent) budget.
    assertTrue(throttle.admit("10.0.0.1", huge + "y").retryAfterSeconds() > 0);
    fail(throttle, null, null, 1);
  }
}
