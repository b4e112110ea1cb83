package io.campo.load.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each device lost its connection and how long it took to be accepted again (by any node), and which
 * node port each device is on now. A device whose reconnection attempts are refused (database down) or fail
 * (node dead) counts from the moment its working connection was lost until the next accepted one.
 *
 * <p>Thread-safe: the MQTT clients' threads record, the test or benchmark reads.
 */
public final class Reconnections {

  /** One lost connection that was regained. */
  public record Reconnection(String agentId, int lostPort, int newPort, long lostAtNanos, long millis) {}

  private record Lost(int port, long atNanos) {}

  private final Map<String, Lost> lost = new ConcurrentHashMap<>();
  private final Map<String, Integer> portByAgent = new ConcurrentHashMap<>();
  private final List<Reconnection> done = new ArrayList<>();

  void connected(String agentId, int port) {
    long now = System.nanoTime();
    portByAgent.put(agentId, port);
    Lost l = lost.remove(agentId);
    if (l != null) {
      synchronized (done) {
        done.add(new Reconnection(agentId, l.port(), port, l.atNanos(), (now - l.atNanos()) / 1_000_000));
      }
    }
  }

  void disconnected(String agentId, int port) {
    // Only the first failure after an accepted connection starts the clock; refused retries do not restart it.
    if (portByAgent.remove(agentId) != null) {
      lost.putIfAbsent(agentId, new Lost(port, System.nanoTime()));
    }
  }

  /** The port of the node the device is connected to now, or null while it is not connected. */
  public Integer portOf(String agentId) {
    return portByAgent.get(agentId);
  }

  public int connectedTo(int port) {
    return (int) portByAgent.values().stream().filter(p -> p == port).count();
  }

  public int connectedCount() {
    return portByAgent.size();
  }

  /** Devices whose connection was lost and not yet regained. */
  public int stillLost() {
    return lost.size();
  }

  /** The reconnections of connections lost at or after {@code sinceNanos} (System.nanoTime). */
  public List<Reconnection> since(long sinceNanos) {
    synchronized (done) {
      return done.stream().filter(r -> r.lostAtNanos() >= sinceNanos).toList();
    }
  }
}
