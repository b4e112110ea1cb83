package io.campo.tracking.mqtt;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Limits failed MQTT CONNECTs (wrong or missing credentials) per remote address: each address may fail
 * {@code failuresPerMinute} times in a burst, refilled evenly over a minute; past that its CONNECTs are refused before
 * any credential is checked, so guessing device tokens costs the guesser time and the database nothing. Successful
 * CONNECTs cost nothing: a fleet behind one carrier NAT reconnecting at once is not throttled.
 *
 * <p>At most {@code trackedAddresses} addresses are remembered, the least recently seen forgotten first: a sweep from
 * many addresses cannot grow the map without bound (an address forgotten starts again with a full bucket, which a
 * sweep that wide would get anyway from its other addresses).
 *
 * <p>Thread-safe.
 */
public final class FailedConnectLimit {

  /** No limit: every CONNECT's credentials are checked. */
  public static final FailedConnectLimit NONE = new FailedConnectLimit(0, 1);

  private final int failuresPerMinute;
  private final Map<String, Bucket> byAddress;

  /**
   * @param failuresPerMinute failed CONNECTs an address may make per minute (burst and refill); 0 turns the limit off
   * @param trackedAddresses how many addresses' buckets are kept at most
   */
  public FailedConnectLimit(int failuresPerMinute, int trackedAddresses) {
    if (failuresPerMinute < 0 || trackedAddresses < 1) {
      throw new IllegalArgumentException("failures per minute must be >= 0 and tracked addresses >= 1");
    }
    this.failuresPerMinute = failuresPerMinute;
    this.byAddress = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
        return size() > trackedAddresses;
      }
    };
  }

  /** Whether a CONNECT from {@code address} may have its credentials checked now. */
  public boolean admits(String address) {
    if (failuresPerMinute == 0) {
      return true;
    }
    Bucket bucket;
    synchronized (byAddress) {
      bucket = byAddress.get(address);
    }
    return bucket == null || bucket.getAvailableTokens() > 0;
  }

  /** A CONNECT from {@code address} failed its credentials check. */
  public void failed(String address) {
    if (failuresPerMinute == 0) {
      return;
    }
    Bucket bucket;
    synchronized (byAddress) {
      bucket = byAddress.computeIfAbsent(address, a -> newBucket());
    }
    bucket.tryConsume(1);
  }

  /** Addresses remembered now. */
  public int trackedAddresses() {
    synchronized (byAddress) {
      return byAddress.size();
    }
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(failuresPerMinute).refillGreedy(failuresPerMinute, Duration.ofMinutes(1)).build())
        .build();
  }
}
