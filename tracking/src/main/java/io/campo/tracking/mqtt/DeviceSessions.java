package io.campo.tracking.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The device connections this node holds, by MQTT client id. The Vert.x MQTT server is a
 * protocol endpoint, not a broker: routing downlink to the right connection is ours to do.
 *
 * <p>Thread-safe: connections live on different event loops.
 */
public final class DeviceSessions {

  private final Map<String, DeviceConnection> byClientId = new ConcurrentHashMap<>();
  private final AtomicInteger sessionWrites = new AtomicInteger();

  /** Registers a connection; returns the one it takes over from (same client id), if any. */
  DeviceConnection open(DeviceConnection connection) {
    return byClientId.put(connection.clientId(), connection);
  }

  void close(DeviceConnection connection) {
    byClientId.remove(connection.clientId(), connection);
  }

  /** Connected devices on this node. */
  public int connected() {
    return byClientId.size();
  }

  public boolean isConnected(String agentId) {
    return byClientId.values().stream().anyMatch(c -> c.agentId().equals(agentId));
  }

  void sessionWriteStarted() {
    sessionWrites.incrementAndGet();
  }

  void sessionWriteEnded() {
    sessionWrites.decrementAndGet();
  }

  /**
   * Waits until no session write is in flight, so that a stopping server closes the database
   * only after the connections it just closed have recorded their disconnection.
   *
   * @return false if writes were still running at the deadline
   */
  public boolean awaitSessionWrites(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (sessionWrites.get() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  List<DeviceConnection> of(String agentId) {
    return byClientId.values().stream().filter(c -> c.agentId().equals(agentId)).toList();
  }
}
