package io.campo.tracking.mqtt;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device endpoint: MQTT 3.1.1 and 5 over TCP and over WebSocket ({@code /mqtt}). It checks
 * each CONNECT (credentials, session to resume) and hands the connection to a {@link
 * DeviceConnection}. Deploy one instance per event loop; they share the listening ports.
 */
public final class MqttIngestVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(MqttIngestVerticle.class);

  private final MqttSettings settings;
  private final DeviceServices services;
  private final ConnectionsPerAddress connectionsPerAddress;
  private final List<MqttServer> servers = new ArrayList<>();

  /** What CONNECT's database checks decided. */
  private record Admission(boolean authenticated, boolean sessionPresent, List<String> restoredFilters) {}

  public MqttIngestVerticle(MqttSettings settings, DeviceServices services) {
    this(settings, services, new ConnectionsPerAddress(ConnectionsPerAddress.UNLIMITED));
  }

  /** @param connectionsPerAddress shared by every instance, so that the cap holds across event loops */
  public MqttIngestVerticle(MqttSettings settings, DeviceServices services, ConnectionsPerAddress connectionsPerAddress) {
    this.settings = settings;
    this.services = services;
    this.connectionsPerAddress = connectionsPerAddress;
  }

  @Override
  public Future<?> start() {
    Future<?> started = Future.succeededFuture();
    if (settings.port() >= 0) {
      started = started.compose(x -> listen(new MqttServerOptions().setPort(settings.port()), false));
    }
    if (settings.tlsPort() >= 0) {
      started = started.compose(x -> listen(new MqttServerOptions().setPort(settings.tlsPort()), true));
    }
    if (settings.webSocketPort() >= 0) {
      // With a certificate the WebSocket port speaks only WSS: a browser's device token must not cross in clear text.
      started = started.compose(x -> listen(new MqttServerOptions().setPort(settings.webSocketPort()).setUseWebSocket(true),
          settings.tls() != null));
    }
    return started;
  }

  private Future<MqttServer> listen(MqttServerOptions options, boolean tls) {
    options.setHost(settings.host()).setMaxMessageSize(settings.maxPacketBytes()).setTimeoutOnConnect(30);
    if (tls) {
      options.setSsl(true).setKeyCertOptions(settings.tls());
    }
    MqttServer server = MqttServer.create(vertx, options);
    servers.add(server);
    return server.endpointHandler(this::onConnect)
        .exceptionHandler(e -> log.debug("MQTT connection error: {}", e.toString()))
        .listen();
  }

  private void onConnect(MqttEndpoint endpoint) {
    String address = endpoint.remoteAddress() == null ? "unknown" : endpoint.remoteAddress().host();
    Runnable release = connectionsPerAddress.tryOpen(address);
    if (release == null) {
      log.warn("refused MQTT connection from {}: it already holds {} connections (CAMPO_MQTT_MAX_CONNECTIONS_PER_ADDRESS)",
          address, connectionsPerAddress.maxPerAddress());
      endpoint.reject(endpoint.protocolVersion() >= 5
          ? MqttConnectReturnCode.CONNECTION_REFUSED_QUOTA_EXCEEDED
          : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
      return;
    }
    // Until a DeviceConnection takes the endpoint over (and calls release when it closes), a connection that drops
    // during the CONNECT checks gives its place back here.
    boolean[] closedEarly = {false};
    endpoint.closeHandler(v -> {
      closedEarly[0] = true;
      release.run();
    });
    admit(endpoint, release, closedEarly);
  }

  /** @param closedEarly set (on this endpoint's event loop) when the connection closes before it is accepted */
  private void admit(MqttEndpoint endpoint, Runnable release, boolean[] closedEarly) {
    var auth = endpoint.auth();
    String agentId = auth == null ? null : auth.getUsername();
    String token = auth == null ? null : auth.getPassword();
    if (agentId == null || token == null || !AgentTopic.AGENT_ID.matcher(agentId).matches()) {
      log.warn("refused MQTT connection from {}: username (agent id) and password (device token) are required",
          endpoint.remoteAddress());
      endpoint.reject(badCredentials(endpoint));
      release.run();
      return;
    }
    Integer expiry = sessionExpirySeconds(endpoint);
    boolean persistent = expiry == null || expiry > 0;
    String clientId = endpoint.clientIdentifier();
    vertx.executeBlocking(() -> {
      if (!services.authenticator().authenticate(agentId, token)) {
        return new Admission(false, false, List.of());
      }
      List<String> restored = List.of();
      boolean present = false;
      if (endpoint.isCleanSession()) {
        services.sessionStore().clear(clientId);
      } else {
        var session = services.sessionStore().resume(clientId, agentId);
        present = session.isPresent();
        restored = session.orElse(List.of());
      }
      if (persistent) {
        services.sessionStore().open(clientId, agentId, expiry);
      } else if (present) {
        // Resumed with no expiry (MQTT 5): the session ends with this connection.
        services.sessionStore().clear(clientId);
      }
      return new Admission(true, present, restored);
    }, false).onComplete(ar -> {
      if (ar.failed()) {
        log.error("could not admit agent {}: {}", agentId, ar.cause().toString());
        endpoint.reject(endpoint.protocolVersion() >= 5
            ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5
            : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
        release.run();
      } else if (!ar.result().authenticated()) {
        log.warn("refused MQTT connection of agent {} from {}: wrong device token", agentId, endpoint.remoteAddress());
        endpoint.reject(badCredentials(endpoint));
        release.run();
      } else if (closedEarly[0]) {
        log.debug("agent {} closed its connection during CONNECT", agentId);
      } else {
        new DeviceConnection(vertx, endpoint, agentId, persistent, services)
            .whenClosed(release)
            .accept(ar.result().sessionPresent(), ar.result().restoredFilters(), settings);
      }
    });
  }

  /**
   * How long the session outlives the connection: MQTT 5 says so in CONNECT (absent = 0); an
   * MQTT 3.1.1 session without clean-session never expires (null).
   */
  private static Integer sessionExpirySeconds(MqttEndpoint endpoint) {
    if (endpoint.protocolVersion() < 5) {
      return endpoint.isCleanSession() ? 0 : null;
    }
    MqttProperties.MqttProperty<?> p = endpoint.connectProperties()
        .getProperty(MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL.value());
    if (p == null) {
      return 0;
    }
    long seconds = Integer.toUnsignedLong((Integer) p.value());
    // 0xFFFFFFFF means "never"; anything above a year is treated the same.
    return seconds >= 365L * 24 * 3600 ? null : (int) seconds;
  }

  private static MqttConnectReturnCode badCredentials(MqttEndpoint endpoint) {
    return endpoint.protocolVersion() >= 5
        ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
        : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD;
  }

  /** The port first bound (plain TCP when it listens, else TLS), useful when configured as 0. */
  public int tcpPort() {
    return servers.get(0).actualPort();
  }

  @Override
  public Future<?> stop() {
    return Future.all(servers.stream().map(MqttServer::close).toList());
  }
}
