package io.campo.server.auth;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Token buckets (bucket4j) of failed logins per remote address and per account. An attempt takes one token from each
 * before its credentials are checked, so that a burst of parallel guesses cannot all pass a check made before any of
 * them failed; a success (or a check that could not be made) gives both back. An empty bucket refuses every attempt, a right password included, until it
 * refills. Unknown accounts have buckets like known ones: a lockout must not tell which usernames exist.
 *
 * <p>Memory is bounded: each map keeps at most {@link #MAX_TRACKED} keys, dropping the least recently used (a dropped
 * bucket starts full again, which only an attacker with more addresses than that could exploit, and the per-address
 * budget already limits each of them). Thread-safe.
 */
public final class LoginThrottle {

  /** Keys remembered per map: at roughly 300 bytes a bucket, two maps stay under about 15 MB. */
  static final int MAX_TRACKED = 25_000;
  /** Keys longer than this are cut: a 10 MB username must not become a 10 MB map key. */
  private static final int MAX_KEY_CHARS = 128;

  /** The answer to one attempt: go ahead (and report the outcome), or wait this many seconds. */
  public interface Admission {

    /** 0 when admitted; else whole seconds (at least 1) until an attempt can be admitted again, for {@code Retry-After}. */
    long retryAfterSeconds();

    /**
     * The attempt was no failed guess — the credentials were right, or they could not be checked (database down) —
     * so it costs nothing: its tokens go back.
     */
    void refund();
  }

  private final LoginLimits limits;
  private final TimeMeter time;
  private final Map<String, Bucket> byAddress = lru();
  private final Map<String, Bucket> byAccount = lru();

  public LoginThrottle(LoginLimits limits) {
    this(limits, TimeMeter.SYSTEM_NANOTIME);
  }

  /** With the given clock (tests). */
  LoginThrottle(LoginLimits limits, TimeMeter time) {
    this.limits = limits;
    this.time = time;
  }

  /**
   * Takes one token from the account's bucket and one from the address's.
   *
   * @param account the username or agent id as sent (compared case-insensitively, so "Admin" shares admin's budget)
   */
  public Admission admit(String address, String account) {
    Bucket accountBucket = bucket(byAccount, key(account), limits.failuresPerAccount());
    ConsumptionProbe forAccount = accountBucket.tryConsumeAndReturnRemaining(1);
    if (!forAccount.isConsumed()) {
      return refused(forAccount);
    }
    Bucket addressBucket = bucket(byAddress, key(address), limits.failuresPerAddress());
    ConsumptionProbe forAddress = addressBucket.tryConsumeAndReturnRemaining(1);
    if (!forAddress.isConsumed()) {
      accountBucket.addTokens(1); // this attempt was never tried against the account
      return refused(forAddress);
    }
    return new Admission() {
      @Override
      public long retryAfterSeconds() {
        return 0;
      }

      @Override
      public void refund() {
        accountBucket.addTokens(1);
        addressBucket.addTokens(1);
      }
    };
  }

  private static Admission refused(ConsumptionProbe probe) {
    long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    return new Admission() {
      @Override
      public long retryAfterSeconds() {
        return seconds;
      }

      @Override
      public void refund() {
        throw new IllegalStateException("a refused attempt took no tokens to give back");
      }
    };
  }

  /** How many accounts and addresses are remembered now (for the bound's test). */
  int trackedKeys() {
    synchronized (byAccount) {
      synchronized (byAddress) {
        return byAccount.size() + byAddress.size();
      }
    }
  }

  private Bucket bucket(Map<String, Bucket> buckets, String key, int capacity) {
    synchronized (buckets) {
      return buckets.computeIfAbsent(key, k -> Bucket.builder()
          .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, limits.window()))
          .withCustomTimePrecision(time)
          .build());
    }
  }

  private static String key(String raw) {
    String k = raw == null ? "" : raw.toLowerCase(Locale.ROOT);
    return k.length() > MAX_KEY_CHARS ? k.substring(0, MAX_KEY_CHARS) : k;
  }

  private static Map<String, Bucket> lru() {
    return new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
        return size() > MAX_TRACKED;
      }
    };
  }
}
