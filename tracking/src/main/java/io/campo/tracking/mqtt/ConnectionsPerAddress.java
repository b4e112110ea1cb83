package io.campo.tracking.mqtt;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Open MQTT connections per remote IP address, capped: one host that opens connections without end (each costs a
 * socket, buffers and a CONNECT's database lookup) is refused past the cap instead of starving every phone.
 * Phones behind a carrier's NAT or a TCP load balancer share an address, hence a cap in the hundreds, not a handful.
 * Thread-safe: one instance is shared by the endpoints of every event loop.
 */
public final class ConnectionsPerAddress {

  /** No cap: for tests and benchmarks whose thousands of simulated phones all come from 127.0.0.1. */
  public static final int UNLIMITED = 0;

  private final int maxPerAddress;
  private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

  /** @param maxPerAddress connections one address may hold open at once; {@link #UNLIMITED} for no cap */
  public ConnectionsPerAddress(int maxPerAddress) {
    if (maxPerAddress < 0) {
      throw new IllegalArgumentException("connections per address must be 0 (no cap) or more, got " + maxPerAddress);
    }
    this.maxPerAddress = maxPerAddress;
  }

  public int maxPerAddress() {
    return maxPerAddress;
  }

  /**
   * Counts one more connection from {@code address}: the returned release (idempotent) gives its place back when
   * the connection closes; null when the address already holds the cap, and nothing was counted.
   */
  public Runnable tryOpen(String address) {
    boolean[] admitted = {false};
    open.compute(address, (a, n) -> {
      int count = n == null ? 0 : n;
      if (maxPerAddress != UNLIMITED && count >= maxPerAddress) {
        return n;
      }
      admitted[0] = true;
      return count + 1;
    });
    if (!admitted[0]) {
      return null;
    }
    AtomicBoolean released = new AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) {
        open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
      }
    };
  }

  /** Connections now open from {@code address}. */
  public int openFrom(String address) {
    return open.getOrDefault(address, 0);
  }
}
