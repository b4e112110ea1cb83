package io.campo.tracking.mqtt;

import io.campo.tracking.ingest.WriterSaturatedException;
import io.campo.tracking.telemetry.FixRejection;
import io.campo.tracking.telemetry.RejectionReason;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubRecReasonCode;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated device connection: its publishes, subscriptions, acknowledgements and
 * downlink. Everything here runs on the connection's event loop except the database calls,
 * which go through {@code executeBlocking}.
 *
 * <p>Acknowledgement rules: a refused or invalid publish is still acknowledged (resending it
 * could never succeed) and its reasons go back as MQTT 5 reason code and string, and for every
 * protocol version as a JSON report on {@code campo/agents/{id}/errors}. A publish whose fixes
 * could not be stored is never acknowledged: the connection is closed instead, so the device
 * reconnects and resends everything unacknowledged.
 */
final class DeviceConnection {

  private static final Logger log = LoggerFactory.getLogger(DeviceConnection.class);
  private static final int MAX_REASON_STRING = 1000;

  private final Vertx vertx;
  private final Context context;
  private final MqttEndpoint endpoint;
  private final String agentId;
  private final boolean mqtt5;
  private final boolean persistent;
  private final DeviceServices services;
  private final Set<String> filters = new CopyOnWriteArraySet<>();
  private final OrderedAcks acks = new OrderedAcks();
  /** Downlink queue ids already sent on this connection, so a second announcement does not resend them. */
  private final Set<Long> sentQueued = new HashSet<>();
  /** MQTT packet id of an outbound queued message → its queue id, until the device's PUBACK. */
  private final Map<Integer, Long> awaitingAck = new HashMap<>();
  private final long openedAtMillis = System.currentTimeMillis();
  /** Closed because a connection on another node took the session over: the session is not this one's to end. */
  private volatile boolean takenOver;

  DeviceConnection(Vertx vertx, MqttEndpoint endpoint, String agentId, boolean persistent, DeviceServices services) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.endpoint = endpoint;
    this.agentId = agentId;
    this.mqtt5 = endpoint.protocolVersion() >= 5;
    this.persistent = persistent;
    this.services = services;
  }

  String agentId() {
    return agentId;
  }

  String clientId() {
    return endpoint.clientIdentifier();
  }

  long openedAtMillis() {
    return openedAtMillis;
  }

  /** Closes this connection for a newer one with its client id on another node; callable from any thread. */
  void closeTakenOver() {
    takenOver = true;
    runOnContext(endpoint::close);
  }

  boolean isSubscribedTo(String topic) {
    return filters.stream().anyMatch(f -> AgentTopic.matches(f, topic));
  }

  void runOnContext(Runnable action) {
    context.runOnContext(v -> action.run());
  }

  /** Installs the handlers, answers CONNACK, and resumes the session's subscriptions. */
  void accept(boolean sessionPresent, List<String> restoredFilters, MqttSettings settings) {
    endpoint.publishAutoAck(false);
    endpoint.publishHandler(this::onPublish);
    endpoint.publishReleaseHandler(endpoint::publishComplete);
    endpoint.publishAcknowledgeHandler(this::onDownlinkAcknowledged);
    endpoint.subscribeHandler(sub -> {
      List<MqttSubAckReasonCode> codes = new ArrayList<>();
      List<MqttQoS> granted = new ArrayList<>();
      List<String> added = new ArrayList<>();
      for (var t : sub.topicSubscriptions()) {
        if (AgentTopic.maySubscribe(agentId, t.topicName())) {
          MqttQoS q = t.qualityOfService() == MqttQoS.EXACTLY_ONCE ? MqttQoS.AT_LEAST_ONCE : t.qualityOfService();
          granted.add(q);
          codes.add(MqttSubAckReasonCode.qosGranted(q));
          added.add(t.topicName());
        } else {
          log.warn("agent {} may not subscribe to '{}'; refused", agentId, t.topicName());
          granted.add(MqttQoS.FAILURE);
          codes.add(MqttSubAckReasonCode.NOT_AUTHORIZED);
        }
      }
      filters.addAll(added);
      if (mqtt5) {
        endpoint.subscribeAcknowledge(sub.messageId(), codes, MqttProperties.NO_PROPERTIES);
      } else {
        endpoint.subscribeAcknowledge(sub.messageId(), granted);
      }
      saveFilters();
      added.forEach(f -> services.downlink().subscribed(this, f));
    });
    endpoint.unsubscribeHandler(unsub -> {
      unsub.topics().forEach(filters::remove);
      endpoint.unsubscribeAcknowledge(unsub.messageId());
      saveFilters();
    });
    endpoint.closeHandler(v -> onClose());
    endpoint.exceptionHandler(e -> log.debug("agent {} connection error: {}", agentId, e.toString()));

    DeviceConnection previous = services.sessions().open(this);
    if (previous != null && previous != this) {
      // MQTT session takeover: the newer connection with the same client id wins.
      previous.endpoint.close();
    }
    // The older connection may be on another node of the cluster.
    services.takeover().announce(this);
    if (mqtt5) {
      MqttProperties props = new MqttProperties();
      props.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM.value(), settings.receiveMaximum()));
      props.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.MAXIMUM_PACKET_SIZE.value(), settings.maxPacketBytes()));
      endpoint.accept(sessionPresent, props);
    } else {
      endpoint.accept(sessionPresent);
    }
    filters.addAll(restoredFilters);
    restoredFilters.forEach(f -> services.downlink().subscribed(this, f));
  }

  private void saveFilters() {
    if (!persistent) {
      return;
    }
    Set<String> snapshot = Set.copyOf(filters);
    services.sessions().sessionWriteStarted();
    vertx.executeBlocking(() -> {
      services.sessionStore().saveFilters(clientId(), snapshot);
      return null;
    }, true).onComplete(ar -> services.sessions().sessionWriteEnded())
        .onFailure(e -> log.error("cannot save the session of {}: {}", clientId(), e.toString()));
  }

  private void onClose() {
    acks.clear();
    services.sessions().close(this);
    if (!persistent || takenOver) {
      // Its stored session, if any, was consumed at CONNECT.
      return;
    }
    services.sessions().sessionWriteStarted();
    vertx.executeBlocking(() -> {
      services.sessionStore().disconnected(clientId());
      return null;
    }, false).onComplete(ar -> services.sessions().sessionWriteEnded())
        .onFailure(e -> log.error("cannot record the disconnection of {}: {}", clientId(), e.toString()));
  }

  /** Sends a downlink message; {@code queueId} >= 0 marks a queued message awaiting the device's PUBACK. */
  void send(String topic, Buffer payload, boolean retain, long queueId) {
    if (!endpoint.isConnected() || (queueId >= 0 && !sentQueued.add(queueId))) {
      return;
    }
    endpoint.publish(topic, payload, MqttQoS.AT_LEAST_ONCE, false, retain).onSuccess(packetId -> {
      if (queueId >= 0) {
        awaitingAck.put(packetId, queueId);
      }
    });
  }

  private void onDownlinkAcknowledged(int packetId) {
    Long queueId = awaitingAck.remove(packetId);
    if (queueId != null) {
      services.downlink().acknowledged(queueId);
    }
  }

  private void onPublish(MqttPublishMessage msg) {
    MqttQoS qos = msg.qosLevel();
    OrderedAcks.Slot slot = qos == MqttQoS.AT_MOST_ONCE ? null : acks.reserve();
    String topic = msg.topicName();
    Future.fromCompletionStage(services.ingest().ingest(agentId, topic, msg.payload().getBytes()), context).onComplete(ar -> {
      if (!endpoint.isConnected()) {
        return;
      }
      if (ar.failed()) {
        Throwable cause = ar.cause() instanceof CompletionException ? ar.cause().getCause() : ar.cause();
        if (cause instanceof WriterSaturatedException) {
          log.warn("agent {}: {}; closing the connection so the device resends later", agentId, cause.getMessage());
        } else {
          log.error("agent {}: fixes not stored ({}); closing the connection so the device resends", agentId, cause.toString());
        }
        acks.clear();
        endpoint.close();
        return;
      }
      IngestOutcome outcome = ar.result();
      if (!outcome.rejections().isEmpty()) {
        reportErrors(topic, msg.messageId(), outcome);
      }
      if (slot != null) {
        acks.ready(slot, () -> acknowledge(qos, msg.messageId(), outcome));
      }
    });
  }

  private void acknowledge(MqttQoS qos, int messageId, IngestOutcome outcome) {
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

  private void reportErrors(String topic, int messageId, IngestOutcome outcome) {
    String errorsTopic = AgentTopic.of(agentId, AgentTopic.ERRORS);
    if (!isSubscribedTo(errorsTopic)) {
      return;
    }
    JsonArray rejected = new JsonArray();
    for (FixRejection r : outcome.rejections()) {
      JsonObject o = new JsonObject().put("reason", r.reason().code()).put("message", r.message());
      if (r.index() >= 0) {
        o.put("index", r.index());
      }
      rejected.add(o);
    }
    JsonObject report = new JsonObject().put("topic", topic).put("messageId", messageId)
        .put("stored", outcome.stored()).put("rejected", rejected);
    endpoint.publish(errorsTopic, report.toBuffer(), MqttQoS.AT_MOST_ONCE, false, false);
  }
}
