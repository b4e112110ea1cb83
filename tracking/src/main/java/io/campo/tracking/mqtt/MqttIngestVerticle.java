package io.campo.tracking.mqtt;

import io.campo.tracking.ingest.WriterSaturatedException;
import io.campo.tracking.telemetry.FixRejection;
import io.campo.tracking.telemetry.RejectionReason;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubRecReasonCode;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device endpoint: MQTT 3.1.1 and 5 over TCP and over WebSocket ({@code /mqtt}). It wires
 * connections to {@link TelemetryIngest} and holds each acknowledgement until the ingest says
 * the fixes are stored. Deploy one instance per event loop; they share the listening ports.
 *
 * <p>Acknowledgement rules: a refused or invalid publish is still acknowledged (resending it
 * could never succeed) and its reasons go back as MQTT 5 reason code and string, and for every
 * protocol version as a JSON report on {@code campo/agents/{id}/errors}. A publish whose fixes
 * could not be stored is never acknowledged: the connection is closed instead, so the device
 * reconnects and resends everything unacknowledged.
 */
public final class MqttIngestVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(MqttIngestVerticle.class);
  private static final int MAX_REASON_STRING = 1000;

  private final MqttSettings settings;
  private final DeviceAuthenticator authenticator;
  private final TelemetryIngest ingest;
  private final DeviceSessions sessions;
  private final List<MqttServer> servers = new ArrayList<>();

  public MqttIngestVerticle(MqttSettings settings, DeviceAuthenticator authenticator, TelemetryIngest ingest, DeviceSessions sessions) {
    this.settings = settings;
    this.authenticator = authenticator;
    this.ingest = ingest;
    this.sessions = sessions;
  }

  @Override
  public Future<?> start() {
    Future<MqttServer> tcp = listen(new MqttServerOptions().setPort(settings.port()));
    if (settings.webSocketPort() < 0) {
      return tcp;
    }
    return tcp.compose(t -> listen(new MqttServerOptions().setPort(settings.webSocketPort()).setUseWebSocket(true)));
  }

  private Future<MqttServer> listen(MqttServerOptions options) {
    options.setHost(settings.host()).setMaxMessageSize(settings.maxPacketBytes()).setTimeoutOnConnect(30);
    MqttServer server = MqttServer.create(vertx, options);
    servers.add(server);
    return server.endpointHandler(this::onConnect)
        .exceptionHandler(e -> log.debug("MQTT connection error: {}", e.toString()))
        .listen();
  }

  /** The TCP port actually bound (useful when configured as 0). */
  public int tcpPort() {
    return servers.get(0).actualPort();
  }

  /** The WebSocket port actually bound, or -1. */
  public int webSocketPort() {
    return servers.size() > 1 ? servers.get(1).actualPort() : -1;
  }

  private void onConnect(MqttEndpoint endpoint) {
    var auth = endpoint.auth();
    String agentId = auth == null ? null : auth.getUsername();
    String token = auth == null ? null : auth.getPassword();
    if (agentId == null || token == null || !AgentTopic.AGENT_ID.matcher(agentId).matches()) {
      log.warn("refused MQTT connection from {}: username (agent id) and password (device token) are required",
          endpoint.remoteAddress());
      endpoint.reject(badCredentials(endpoint));
      return;
    }
    vertx.executeBlocking(() -> authenticator.authenticate(agentId, token), false).onComplete(ar -> {
      if (ar.failed()) {
        log.error("could not check credentials of agent {}: {}", agentId, ar.cause().toString());
        endpoint.reject(endpoint.protocolVersion() >= 5
            ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5
            : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
      } else if (!ar.result()) {
        log.warn("refused MQTT connection of agent {} from {}: wrong device token", agentId, endpoint.remoteAddress());
        endpoint.reject(badCredentials(endpoint));
      } else {
        accept(endpoint, agentId);
      }
    });
  }

  private static MqttConnectReturnCode badCredentials(MqttEndpoint endpoint) {
    return endpoint.protocolVersion() >= 5
        ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
        : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD;
  }

  private void accept(MqttEndpoint endpoint, String agentId) {
    DeviceSessions.Session session = new DeviceSessions.Session(agentId, endpoint);
    OrderedAcks acks = new OrderedAcks();
    boolean mqtt5 = endpoint.protocolVersion() >= 5;
    endpoint.publishAutoAck(false);
    endpoint.publishHandler(msg -> onPublish(endpoint, session, acks, mqtt5, msg));
    endpoint.publishReleaseHandler(endpoint::publishComplete);
    endpoint.subscribeHandler(sub -> {
      List<MqttSubAckReasonCode> codes = new ArrayList<>();
      List<MqttQoS> granted = new ArrayList<>();
      for (var t : sub.topicSubscriptions()) {
        if (AgentTopic.maySubscribe(agentId, t.topicName())) {
          session.filters.add(t.topicName());
          MqttQoS q = t.qualityOfService() == MqttQoS.EXACTLY_ONCE ? MqttQoS.AT_LEAST_ONCE : t.qualityOfService();
          granted.add(q);
          codes.add(MqttSubAckReasonCode.qosGranted(q));
        } else {
          log.warn("agent {} may not subscribe to '{}'; refused", agentId, t.topicName());
          granted.add(MqttQoS.FAILURE);
          codes.add(MqttSubAckReasonCode.NOT_AUTHORIZED);
        }
      }
      if (mqtt5) {
        endpoint.subscribeAcknowledge(sub.messageId(), codes, MqttProperties.NO_PROPERTIES);
      } else {
        endpoint.subscribeAcknowledge(sub.messageId(), granted);
      }
    });
    endpoint.unsubscribeHandler(unsub -> {
      unsub.topics().forEach(session.filters::remove);
      endpoint.unsubscribeAcknowledge(unsub.messageId());
    });
    endpoint.closeHandler(v -> {
      acks.clear();
      sessions.close(session);
    });
    endpoint.exceptionHandler(e -> log.debug("agent {} connection error: {}", agentId, e.toString()));

    DeviceSessions.Session previous = sessions.open(agentId, endpoint);
    if (previous != null && previous.endpoint != endpoint) {
      // MQTT session takeover: the newer connection with the same client id wins.
      previous.endpoint.close();
    }
    if (mqtt5) {
      MqttProperties props = new MqttProperties();
      props.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM.value(), settings.receiveMaximum()));
      props.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.MAXIMUM_PACKET_SIZE.value(), settings.maxPacketBytes()));
      endpoint.accept(!endpoint.isCleanSession(), props);
    } else {
      // Nothing of an inbound QoS 1 session needs keeping here (redeliveries are deduplicated in
      // the database), so a device asking to resume finds its session present and resends.
      endpoint.accept(!endpoint.isCleanSession());
    }
  }

  private void onPublish(MqttEndpoint endpoint, DeviceSessions.Session session, OrderedAcks acks, boolean mqtt5, MqttPublishMessage msg) {
    MqttQoS qos = msg.qosLevel();
    OrderedAcks.Slot slot = qos == MqttQoS.AT_MOST_ONCE ? null : acks.reserve();
    byte[] payload = msg.payload().getBytes();
    String topic = msg.topicName();
    Future.fromCompletionStage(ingest.ingest(session.agentId, topic, payload), context).onComplete(ar -> {
      if (!endpoint.isConnected()) {
        return;
      }
      if (ar.failed()) {
        Throwable cause = ar.cause() instanceof java.util.concurrent.CompletionException ? ar.cause().getCause() : ar.cause();
        if (cause instanceof WriterSaturatedException) {
          log.warn("agent {}: {}; closing the connection so the device resends later", session.agentId, cause.getMessage());
        } else {
          log.error("agent {}: fixes not stored ({}); closing the connection so the device resends", session.agentId, cause.toString());
        }
        acks.clear();
        endpoint.close();
        return;
      }
      IngestOutcome outcome = ar.result();
      if (!outcome.rejections().isEmpty()) {
        reportErrors(session, topic, msg.messageId(), outcome);
      }
      if (slot != null) {
        acks.ready(slot, () -> acknowledge(endpoint, mqtt5, qos, msg.messageId(), outcome));
      }
    });
  }

  private void acknowledge(MqttEndpoint endpoint, boolean mqtt5, MqttQoS qos, int messageId, IngestOutcome outcome) {
    if (!mqtt5) {
      if (qos == MqttQoS.AT_LEAST_ONCE) {
        endpoint.publishAcknowledge(messageId);
      } else {
        endpoint.publishReceived(messageId);
      }
      return;
    }
    MqttProperties props = new MqttProperties();
    if (!outcome.fullyStored()) {
      props.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.REASON_STRING.value(), reasonString(outcome)));
    }
    if (qos == MqttQoS.AT_LEAST_ONCE) {
      endpoint.publishAcknowledge(messageId, pubAckCode(outcome.refusal()), props);
    } else {
      endpoint.publishReceived(messageId, MqttPubRecReasonCode.valueOf(pubAckCode(outcome.refusal()).value()), props);
    }
  }

  static MqttPubAckReasonCode pubAckCode(RejectionReason refusal) {
    if (refusal == null) {
      return MqttPubAckReasonCode.SUCCESS;
    }
    return switch (refusal) {
      case NOT_YOUR_TOPIC -> MqttPubAckReasonCode.NOT_AUTHORIZED;
      case UNKNOWN_TOPIC -> MqttPubAckReasonCode.TOPIC_NAME_INVALID;
      default -> MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID;
    };
  }

  static String reasonString(IngestOutcome outcome) {
    String text = "stored " + outcome.stored() + ", rejected " + outcome.rejections().size() + ": "
        + outcome.rejections().stream().map(FixRejection::toString).collect(Collectors.joining("; "));
    return text.length() <= MAX_REASON_STRING ? text : text.substring(0, MAX_REASON_STRING - 3) + "...";
  }

  private void reportErrors(DeviceSessions.Session session, String topic, int messageId, IngestOutcome outcome) {
    JsonArray rejected = new JsonArray();
    for (FixRejection r : outcome.rejections()) {
      JsonObject o = new JsonObject().put("reason", r.reason().code()).put("message", r.message());
      if (r.index() >= 0) {
        o.put("index", r.index());
      }
      rejected.add(o);
    }
    JsonObject report = new JsonObject()
        .put("topic", topic)
        .put("messageId", messageId)
        .put("stored", outcome.stored())
        .put("rejected", rejected);
    String errorsTopic = AgentTopic.of(session.agentId, AgentTopic.ERRORS);
    if (session.filters.stream().anyMatch(f -> AgentTopic.matches(f, errorsTopic))) {
      session.endpoint.publish(errorsTopic, report.toBuffer(), MqttQoS.AT_MOST_ONCE, false, false);
    }
  }

  @Override
  public Future<?> stop() {
    return Future.all(servers.stream().map(MqttServer::close).toList());
  }
}
