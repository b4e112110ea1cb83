package io.campo.tracking.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The device connections this node holds, by MQTT client id. The Vert.x MQTT server is a
 * protocol endpoint, not a broker: routing downlink to the right connection is ours to do.
 *
 * <p>Thread-safe: connections live on different event loops.
 */
public final class DeviceSessions {

  private final Map<String, DeviceConnection> byClientId = new ConcurrentHashMap<>();
  /** Open connections per agent id, so "is this agent still connected" needs no scan of every connection. */
  private final Map<String, Integer> connectionsByAgent = new ConcurrentHashMap<>();
  private final AtomicInteger sessionWrites = new AtomicInteger();
  private final Consumer<String> agentDisconnected;

  public DeviceSessions() {
    this(agentId -> {});
  }

  /**
   * @param agentDisconnected called with an agent id when that agent's last connection on this node closes (a session
   *     takeover by the same agent does not count); runs on the closing connection's event loop, so it must be quick
   */
  public DeviceSessions(Consumer<String> agentDisconnected) {
    this.agentDisconnected = agentDisconnected;
  }

  /** Registers a connection; returns the one it takes over from (same client id), if any. */
  synchronized DeviceConnection open(DeviceConnection connection) {
    DeviceConnection previous = byClientId.put(connection.clientId(), connection);
    connectionsByAgent.merge(connection.agentId(), 1, Integer::sum);
    if (previous != null) {
      // The previous connection is no longer registered: its own close will not find itself, so it is counted out here.
      connectionsByAgent.computeIfPresent(previous.agentId(), (id, n) -> n > 1 ? n - 1 : null);
    }
    return previous;
  }

  /**
   * Another node accepted a connection with this client id, opened at {@code openedAtMillis}: this node's connection
   * with that id, if older, is closed without counting its agent out (the agent is connected, elsewhere).
   */
  void takenOverElsewhere(String clientId, long openedAtMillis) {
    DeviceConnection older;
    synchronized (this) {
      older = byClientId.get(clientId);
      if (older == null || older.openedAtMillis() > openedAtMillis) {
        return;
      }
      byClientId.remove(clientId);
      connectionsByAgent.computeIfPresent(older.agentId(), (id, n) -> n > 1 ? n - 1 : null);
    }
    older.closeTakenOver();
  }

  void close(DeviceConnection connection) {
    boolean gone;
    synchronized (this) {
      if (!byClientId.remove(connection.clientId(), connection)) {
        return;
      }
      gone = connectionsByAgent.computeIfPresent(connection.agentId(), (id, n) -> n > 1 ? n - 1 : null) == null;
    }
    if (gone) {
      agentDisconnected.accept(connection.agentId());
    }
  }

  /** Connected devices on this node. */
  public int connected() {
    return byClientId.size();
  }

  public boolean isConnected(String agentId) {
    return connectionsByAgent.containsKey(agentId);
  }

  /** The agents with a device connected to this node, a snapshot. */
  public Set<String> connectedAgents() {
    return Set.copyOf(connectionsByAgent.keySet());
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
