package io.campo.server.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.HazelcastInstance;
import io.campo.server.config.ClusterSettings;
import io.campo.server.observability.ServerMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one lifecycle class of Hazelcast: starts this node's Vert.x, clustered over Hazelcast when the settings say so,
 * else standalone. {@link #close} leaves the cluster in order (the other members see a member leave, not a crash).
 */
public final class ClusterVertx implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ClusterVertx.class);

  private final Vertx vertx;
  private final HazelcastClusterManager clusterManager;
  private final String standaloneId = UUID.randomUUID().toString();

  private final long joinMillis;

  private ClusterVertx(Vertx vertx, HazelcastClusterManager clusterManager, long joinMillis) {
    this.vertx = vertx;
    this.clusterManager = clusterManager;
    this.joinMillis = joinMillis;
  }

  /**
   * A standalone Vert.x, or one that has joined the cluster (returns once joined: this node is the first, or met the
   * others), with Vert.x's own metrics reported into {@code metrics} (null: none).
   */
  public static ClusterVertx start(ClusterSettings settings, ServerMetrics metrics) throws Exception {
    // The JDK's selector, not Netty's native epoll: epoll cut the live bench's server CPU by ~10 % but a clustered
    // node once failed to start with "bind(..) failed: Address already in use" in TwoNodeClusterTest (README).
    VertxOptions options = new VertxOptions();
    VertxBuilder builder = Vertx.builder();
    if (metrics != null) {
      builder.withMetrics(metrics.vertxMetricsFactory());
      metrics.instrument(options);
    }
    if (!settings.enabled()) {
      return new ClusterVertx(builder.with(options).build(), null, 0);
    }
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcastConfig(settings));
    options.setEventBusOptions(new EventBusOptions()
        .setHost(settings.host()).setPort(settings.eventBusPort()).setClusterPublicHost(settings.host()));
    long started = System.nanoTime();
    Vertx vertx = builder.with(options).withClusterManager(manager).buildClustered().await(60, TimeUnit.SECONDS);
    long joinMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    log.info("joined cluster '{}' as {} in {} ms: {} member(s)", settings.name(), manager.getNodeId(), joinMillis,
        manager.getNodes().size());
    return new ClusterVertx(vertx, manager, joinMillis);
  }

  /**
   * Vert.x's own Hazelcast defaults (the maps and multimaps its event bus needs) with Campo's network: TCP-IP join
   * to the listed members only, bound to and advertising {@code host}.
   */
  static Config hazelcastConfig(ClusterSettings settings) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(settings.name());
    if (settings.nodeId() != null) {
      config.setInstanceName("campo-" + settings.nodeId());
    }
    // Hazelcast otherwise waits 5 s before joining, to collect join requests: with an explicit member list it need not.
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    // Our shutdown hook closes the server, which leaves the cluster after the devices and the writer are done;
    // Hazelcast's own hook would leave first, in parallel, and cut the event bus from under them.
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    // Bind to CAMPO_CLUSTER_HOST only, not every interface, and advertise it.
    config.setProperty("hazelcast.socket.bind.any", "false");
    // A member that stopped answering (killed, cable pulled) is removed after 10 s rather than Hazelcast's 60 s:
    // until then the others still route its devices' downlink to it.
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "10");

    // Which node holds which agent's devices: a copy on a second member, so that it outlives the one that dies.
    config.addMultiMapConfig(new MultiMapConfig(AgentPresence.MAP).setBackupCount(1)
        .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));

    NetworkConfig network = config.getNetworkConfig();
    boolean autoPort = settings.memberPort() == 0;
    network.setPort(autoPort ? ClusterSettings.DEFAULT_MEMBER_PORT : settings.memberPort()).setPortAutoIncrement(autoPort);
    network.setPublicAddress(settings.host() + (autoPort ? "" : ":" + settings.memberPort()));
    network.getInterfaces().setEnabled(isIpLiteral(settings.host())).setInterfaces(List.of(settings.host()));
    config.setProperty("hazelcast.local.localAddress", settings.host());
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(settings.members()).setConnectionTimeoutSeconds(2);
    return config;
  }

  private static boolean isIpLiteral(String host) {
    return host.matches("[0-9.]+") || host.contains(":");
  }

  public Vertx vertx() {
    return vertx;
  }

  /** How long starting Hazelcast and joining took (0 when standalone): the first start in a JVM includes loading it. */
  public long joinMillis() {
    return joinMillis;
  }

  public boolean clustered() {
    return clusterManager != null;
  }

  /** This node's id: on the event bus when clustered (Vert.x's), else made up at start; new at each start. */
  public String nodeId() {
    return clustered() ? clusterManager.getNodeId() : standaloneId;
  }

  /** Hazelcast itself, when clustered, for the cluster's shared structures and membership events. */
  public Optional<HazelcastInstance> hazelcast() {
    return clustered() ? Optional.of(clusterManager.getHazelcastInstance()) : Optional.empty();
  }

  /** The ids ({@link #nodeId}) of the members alive now, this one included; just this one when standalone. */
  public List<String> members() {
    return clustered() ? List.copyOf(clusterManager.getNodes()) : List.of(standaloneId);
  }

  /** Stops Vert.x; when clustered, this node leaves the cluster (its subscriptions are removed from the others). */
  @Override
  public void close() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }
}
