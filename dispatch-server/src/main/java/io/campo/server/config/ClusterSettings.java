package io.campo.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How this node joins a Campo cluster (Hazelcast under the Vert.x clustered event bus). Members find each other only
 * through the listed addresses (TCP-IP join): multicast and cloud auto-detection are always off, so a node never
 * joins a cluster nobody configured.
 *
 * @param enabled {@code CAMPO_CLUSTER=on} (or {@code ./campo serve --cluster})
 * @param host the address Hazelcast and the clustered event bus bind to and advertise to the other members
 * @param memberPort Hazelcast's member port; 0 lets Hazelcast take the first free one from 5701 up
 * @param members where the other members are, {@code host} or {@code host:port}; may include this node
 * @param eventBusPort the clustered event bus's TCP port; 0 picks a free one (members learn it through Hazelcast)
 * @param name the Hazelcast cluster name: members with another name never join, so two clusters on one LAN stay apart
 * @param nodeId this node's name in logs and metrics; null means {@code host:httpPort}
 */
public record ClusterSettings(boolean enabled, String host, int memberPort, List<String> members, int eventBusPort,
    String name, String nodeId) {

  /** Hazelcast's first member port, tried when {@code memberPort} is 0. */
  public static final int DEFAULT_MEMBER_PORT = 5701;

  public static final ClusterSettings OFF =
      new ClusterSettings(false, "127.0.0.1", DEFAULT_MEMBER_PORT, List.of("127.0.0.1"), 0, "campo", null);

  public ClusterSettings {
    members = List.copyOf(members);
  }

  /**
   * Reads the {@code CAMPO_CLUSTER*} variables. A cluster shares one PostgreSQL, so cluster mode without
   * {@code CAMPO_DB_URL} (each node would start its own embedded database) is refused.
   */
  static ClusterSettings read(Map<String, String> v, boolean externalDatabase) {
    boolean enabled = switch (v.getOrDefault("CAMPO_CLUSTER", "off").trim()) {
      case "on" -> true;
      case "off" -> false;
      default -> throw new ConfigException("CAMPO_CLUSTER must be on or off, got '" + v.get("CAMPO_CLUSTER") + "'");
    };
    if (enabled && !externalDatabase) {
      throw new ConfigException("CAMPO_CLUSTER=on needs CAMPO_DB_URL: the nodes of a cluster share one PostgreSQL,"
          + " and each would otherwise start its own embedded database");
    }
    String host = v.getOrDefault("CAMPO_CLUSTER_HOST", "127.0.0.1").trim();
    if (host.isEmpty()) {
      throw new ConfigException("CAMPO_CLUSTER_HOST must be an address, got an empty value");
    }
    int memberPort = port(v, "CAMPO_CLUSTER_PORT", DEFAULT_MEMBER_PORT);
    int eventBusPort = port(v, "CAMPO_EVENTBUS_PORT", 0);
    String name = v.getOrDefault("CAMPO_CLUSTER_NAME", "campo").trim();
    if (name.isEmpty()) {
      throw new ConfigException("CAMPO_CLUSTER_NAME must not be empty");
    }
    String nodeId = v.getOrDefault("CAMPO_NODE_ID", "").trim();
    return new ClusterSettings(enabled, host, memberPort, members(v.getOrDefault("CAMPO_CLUSTER_MEMBERS", "127.0.0.1")),
        eventBusPort, name, nodeId.isEmpty() ? null : nodeId);
  }

  private static List<String> members(String list) {
    List<String> members = new ArrayList<>();
    for (String raw : list.split(",")) {
      String member = raw.trim();
      if (member.isEmpty()) {
        continue;
      }
      int colon = member.lastIndexOf(':');
      // Hazelcast reads "a-b" after a colon as a port range and throws deep inside its join; say so here instead.
      if (colon >= 0 && !member.substring(colon + 1).matches("\\d{1,5}")) {
        throw new ConfigException("CAMPO_CLUSTER_MEMBERS entries are host or host:port, got '" + member + "'");
      }
      members.add(member);
    }
    if (members.isEmpty()) {
      throw new ConfigException("CAMPO_CLUSTER_MEMBERS must list at least one member (host or host:port)");
    }
    return members;
  }

  private static int port(Map<String, String> v, String key, int fallback) {
    int port = CampoConfig.integer(v, key, fallback);
    if (port < 0 || port > 65535) {
      throw new ConfigException(key + " must be a port between 0 and 65535, got " + port);
    }
    return port;
  }
}
