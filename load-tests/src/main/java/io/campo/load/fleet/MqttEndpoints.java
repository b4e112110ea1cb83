package io.campo.load.fleet;

import java.util.List;

/**
 * The MQTT ports of a cluster's nodes as a device knows them, the way a phone app ships with a list of
 * server addresses: it connects to {@code first} and, each time its connection drops or is refused, tries the
 * next port in turn. Behind a real TCP load balancer the list has one entry and the balancer does the rest.
 *
 * <p>Immutable.
 *
 * @param host where the nodes listen
 * @param ports one MQTT TCP port per node
 * @param first the index in {@code ports} the device starts with (spreads a fleet over the nodes)
 */
public record MqttEndpoints(String host, List<Integer> ports, int first) {

  public MqttEndpoints {
    ports = List.copyOf(ports);
    if (ports.isEmpty() || first < 0 || first >= ports.size()) {
      throw new IllegalArgumentException("need at least one port and 0 <= first < " + ports.size() + ", got " + first);
    }
  }

  public static MqttEndpoints single(String host, int port) {
    return new MqttEndpoints(host, List.of(port), 0);
  }

  /** The same nodes, starting at the node {@code index} modulo their number. */
  public MqttEndpoints startingAt(int index) {
    return new MqttEndpoints(host, ports, Math.floorMod(index, ports.size()));
  }

  public int port(int index) {
    return ports.get(Math.floorMod(index, ports.size()));
  }
}
