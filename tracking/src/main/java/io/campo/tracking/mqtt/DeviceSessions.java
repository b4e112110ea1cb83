package io.campo.tracking.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The device connections this node holds, by MQTT client id. The Vert.x MQTT server is a
 * protocol endpoint, not a broker: routing downlink to the right connection is ours to do. A session belongs to an
 * agent and a client id together: a connection with a client id another agent's connection holds is refused, never a
 * takeover (an agent must not be able to kick a colleague's phone by copying its client id).
 *
 * <p>Thread-safe: connections live on different event loops.
 */
public final class DeviceSessions {

  private final Map<String, DeviceConnection> byClientId = new ConcurrentHashMap<>();
  /** Open connections per agent id, so "is this agent still connected" needs no scan of every connection. */
  private final Map<String, Integer> connectionsByAgent = new ConcurrentHashMap<>();
  private final AtomicInteger sessionWrites = new AtomicInteger();
  private volatile AgentConnections listener = AgentConnections.NONE;

  /**
   * Told when an agent's connections on this node start and end (a session taken over by the same agent on this node
   * is neither). Called on a connection's event loop, outside any lock, so it must be quick; by the time it runs the
   * connections may have changed again: read {@link #isConnected} for how they are.
   */
  public interface AgentConnections {
    AgentConnections NONE = new AgentConnections() {
      @Override
      public void connected(String agentId) {}

      @Override
      public void disconnected(String agentId, boolean sessionMovedElsewhere) {}
    };

    /** The agent's first connection on this node opened. */
    void connected(String agentId);

    /**
     * The agent's last connection on this node closed.
     *
     * @param sessionMovedElsewhere it was closed because a newer connection with its client id opened on another node
     */
    void disconnected(String agentId, boolean sessionMovedElsewhere);
  }

  /** Set once, before devices connect. */
  public void listen(AgentConnections listener) {
    this.listener = listener;
  }

  /**
   * What {@link #open} did: refused the connection (its client id is held here by another agent's connection), or
   * registered it, replacing {@code takenOver} (the same agent's older connection with that client id), if any.
   */
  record Opened(boolean refused, DeviceConnection takenOver) {}

  /** Registers a connection unless another agent's connection holds its client id. */
  Opened open(DeviceConnection connection) {
    DeviceConnection previous;
    boolean first;
    synchronized (this) {
      previous = byClientId.get(connection.clientId());
      if (previous != null && !previous.agentId().equals(connection.agentId())) {
        return new Opened(true, null);
      }
      byClientId.put(connection.clientId(), connection);
      // A connection taken over is no longer registered: its own close will not find itself. Same agent: the count stays.
      first = previous == null && connectionsByAgent.merge(connection.agentId(), 1, Integer::sum) == 1;
    }
    if (first) {
      listener.connected(connection.agentId());
    }
    return new Opened(false, previous);
  }

  /** Whether a connection of another agent than {@code agentId} holds {@code clientId} on this node now. */
  public boolean heldByAnother(String clientId, String agentId) {
    DeviceConnection held = byClientId.get(clientId);
    return held != null && !held.agentId().equals(agentId);
  }

  /**
   * Closes every connection on this node whose credentials were revoked (token rotated, agent disabled); callable from
   * any thread.
   *
   * @return how many were closed
   */
  public int closeRevoked(RevokedCredentials revoked) {
    int closed = 0;
    for (DeviceConnection c : byClientId.values()) {
      if (revoked.revoked(c.agentId(), c.credentialsGeneration())) {
        c.closeRevoked();
        closed++;
      }
    }
    return closed;
  }

  /**
   * Another node accepted a connection of {@code agentId} with this client id, opened at {@code openedAtMillis}: this
   * node's connection of that agent with that id, if older, is closed; if it was its agent's last here, the listener hears that the session moved.
   */
  void takenOverElsewhere(String clientId, String agentId, long openedAtMillis) {
    DeviceConnection older;
    boolean gone;
    synchronized (this) {
      older = byClientId.get(clientId);
      // Another agent's connection with this client id is not this session: that node should have refused it.
      if (older == null || older.openedAtMillis() > openedAtMillis || !older.agentId().equals(agentId)) {
        return;
      }
      byClientId.remove(clientId);
      gone = connectionsByAgent.computeIfPresent(older.agentId(), (id, n) -> n > 1 ? n - 1 : null) == null;
    }
    older.closeTakenOver();
    if (gone) {
      listener.disconnected(older.agentId(), true);
    }
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
      listener.disconnected(connection.agentId(), false);
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
   * Waits until every connection on this node has run its close handler. Closing the MQTT server does not wait for
   * them: a server that went on stopping could shut its worker pool before a handler recorded its disconnection.
   *
   * @return false when some were still open after {@code timeout}
   */
  public boolean awaitConnectionsClosed(Duration timeout) throws InterruptedException {
    return awaitUntil(byClientId::isEmpty, timeout);
  }

  /**
   * Waits until no session write is in flight, so that a stopping server closes the database
   * only after the connections it just closed have recorded their disconnection.
   *
   * @return false if writes were still running at the deadline
   */
  public boolean awaitSessionWrites(Duration timeout) throws InterruptedException {
    return awaitUntil(() -> sessionWrites.get() == 0, timeout);
  }

  private static boolean awaitUntil(java.util.function.BooleanSupplier done, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
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
