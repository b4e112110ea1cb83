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
import java.util.OptionalLong;
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
  private record Admission(Verdict verdict, long credentialsGeneration, boolean sessionPresent, List<String> restoredFilters) {
    static Admission refused(Verdict verdict) {
      return new Admission(verdict, 0, false, List.of());
    }
  }

  private enum Verdict { ADMITTED, BAD_CREDENTIALS, CLIENT_ID_HELD }

  static final String CLIENT_ID_HELD_REASON = "this client id is in use by another agent's device; use your own client id";
  static final String RATE_EXCEEDED_REASON = "too many failed connection attempts from this address; wait a minute";

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
    admit(endpoint, address, release, closedEarly);
  }

  /** @param closedEarly set (on this endpoint's event loop) when the connection closes before it is accepted */
  private void admit(MqttEndpoint endpoint, String address, Runnable release, boolean[] closedEarly) {
    if (!services.failedConnects().admits(address)) {
      // Before any credential is looked at: guessing tokens must cost the database nothing.
      log.warn("refused MQTT connection from {}: too many failed attempts", address);
      reject(endpoint, endpoint.protocolVersion() >= 5
          ? MqttConnectReturnCode.CONNECTION_REFUSED_CONNECTION_RATE_EXCEEDED
          : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE, RATE_EXCEEDED_REASON);
      release.run();
      return;
    }
    var auth = endpoint.auth();
    String agentId = auth == null ? null : auth.getUsername();
    String token = auth == null ? null : auth.getPassword();
    if (agentId == null || token == null || !AgentTopic.AGENT_ID.matcher(agentId).matches()) {
      log.warn("refused MQTT connection from {}: username (agent id) and password (device token) are required",
          endpoint.remoteAddress());
      services.failedConnects().failed(address);
      endpoint.reject(badCredentials(endpoint));
      release.run();
      return;
    }
    Integer expiry = sessionExpirySeconds(endpoint);
    boolean persistent = expiry == null || expiry > 0;
    String clientId = endpoint.clientIdentifier();
    vertx.executeBlocking(() -> {
      OptionalLong generation = services.authenticator().credentialsGeneration(agentId, token);
      if (generation.isEmpty()) {
        return Admission.refused(Verdict.BAD_CREDENTIALS);
      }
      // Checked only for a device that proved who it is: nobody learns whose client ids are in use by guessing.
      if (services.sessions().heldByAnother(clientId, agentId) || services.sessionStore().connectedForAnother(clientId, agentId)) {
        return Admission.refused(Verdict.CLIENT_ID_HELD);
      }
      List<String> restored = List.of();
      boolean present = false;
      if (endpoint.isCleanSession()) {
        services.sessionStore().clear(agentId, clientId);
      } else {
        var session = services.sessionStore().resume(clientId, agentId);
        present = session.isPresent();
        restored = session.orElse(List.of());
      }
      if (persistent) {
        services.sessionStore().open(clientId, agentId, expiry);
      } else if (present) {
        // Resumed with no expiry (MQTT 5): the session ends with this connection.
        services.sessionStore().clear(agentId, clientId);
      }
      return new Admission(Verdict.ADMITTED, generation.getAsLong(), present, restored);
    }, false).onComplete(ar -> {
      if (ar.failed()) {
        log.error("could not admit agent {}: {}", agentId, ar.cause().toString());
        endpoint.reject(endpoint.protocolVersion() >= 5
            ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5
            : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
        release.run();
        return;
      }
      Admission admission = ar.result();
      switch (admission.verdict()) {
        case BAD_CREDENTIALS -> {
          log.warn("refused MQTT connection of agent {} from {}: wrong device token or agent disabled", agentId,
              endpoint.remoteAddress());
          services.failedConnects().failed(address);
          endpoint.reject(badCredentials(endpoint));
          release.run();
        }
        case CLIENT_ID_HELD -> {
          refuseClientId(endpoint, agentId, clientId);
          release.run();
        }
        case ADMITTED -> {
          if (closedEarly[0]) {
            log.debug("agent {} closed its connection during CONNECT", agentId);
            return;
          }
          boolean accepted = new DeviceConnection(vertx, endpoint, agentId, admission.credentialsGeneration(), persistent, services)
              .whenClosed(release)
              .accept(admission.sessionPresent(), admission.restoredFilters(), settings);
          if (!accepted) {
            refuseClientId(endpoint, agentId, clientId);
          }
        }
      }
    });
  }

  private static void refuseClientId(MqttEndpoint endpoint, String agentId, String clientId) {
    log.warn("refused MQTT connection of agent {} from {}: client id '{}' is held by another agent's device", agentId,
        endpoint.remoteAddress(), clientId);
    reject(endpoint, endpoint.protocolVersion() >= 5
        ? MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID
        : MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED, CLIENT_ID_HELD_REASON);
  }

  /** Rejects with a reason string where the protocol has one (MQTT 5). */
  private static void reject(MqttEndpoint endpoint, MqttConnectReturnCode code, String reason) {
    if (endpoint.protocolVersion() >= 5) {
      MqttProperties props = new MqttProperties();
      props.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.REASON_STRING.value(), reason));
      endpoint.reject(code, props);
    } else {
      endpoint.reject(code);
    }
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
