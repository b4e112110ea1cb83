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
import io.vertx.mqtt.messages.MqttSubscribeMessage;
import io.vertx.mqtt.messages.MqttUnsubscribeMessage;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubRecReasonCode;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttUnsubAckReasonCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated device connection: its publishes, subscriptions, acknowledgements and
 * downlink. Everything here runs on the connection's event loop except the database calls,
 * which go through {@code executeBlocking}.
 *
 * <p>Acknowledgement rules: on MQTT 5 a refused or invalid publish is acknowledged with its
 * reason code (0x87 not authorized, 0x90 topic name invalid, 0x99 payload format invalid) and a
 * reason string; for every protocol version the reasons also go as a JSON report on
 * {@code campo/agents/{id}/errors}. MQTT 3.1.1 has no negative PUBACK, so a publish refused as a
 * whole there is not acknowledged: the connection is closed (the only other answer the spec
 * allows), and the phone keeps the message instead of believing it stored; when it resends the
 * very same payload it is acknowledged (see {@link RefusedPublishes}). A publish of which some
 * fixes were stored is acknowledged on both versions. A publish whose fixes could not be stored is
 * never acknowledged: the connection is closed instead, so the device reconnects and resends
 * everything unacknowledged.
 */
final class DeviceConnection {

  private static final Logger log = LoggerFactory.getLogger(DeviceConnection.class);
  private static final int MAX_REASON_STRING = 1000;
  private static final String NOT_STORED = "the session could not be stored; nothing changed, try again";

  private final Vertx vertx;
  private final Context context;
  private final MqttEndpoint endpoint;
  private final String agentId;
  private final long credentialsGeneration;
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
  /** The last SUBSCRIBE or UNSUBSCRIBE being handled; the next one waits for it. */
  private Future<Void> subscriptionChanges = Future.succeededFuture();
  /** Gives this connection's place back to its address's count (ConnectionsPerAddress). */
  private Runnable onClosed = () -> {};

  DeviceConnection(Vertx vertx, MqttEndpoint endpoint, String agentId, long credentialsGeneration, boolean persistent,
      DeviceServices services) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.endpoint = endpoint;
    this.agentId = agentId;
    this.credentialsGeneration = credentialsGeneration;
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

  /** The generation of the agent's device credentials this connection authenticated with. */
  long credentialsGeneration() {
    return credentialsGeneration;
  }

  /** Closes this connection because its credentials were revoked; callable from any thread. */
  void closeRevoked() {
    runOnContext(() -> {
      if (endpoint.isConnected()) {
        log.info("closing the MQTT connection '{}' of agent {}: its device token was rotated or the agent disabled",
            clientId(), agentId);
        endpoint.close();
      }
    });
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

  DeviceConnection whenClosed(Runnable action) {
    this.onClosed = action;
    return this;
  }

  /**
   * Installs the handlers, answers CONNACK, and resumes the session's subscriptions.
   *
   * @return false when the connection was refused instead: another agent's connection holds its client id here
   */
  boolean accept(boolean sessionPresent, List<String> restoredFilters, MqttSettings settings) {
    endpoint.publishAutoAck(false);
    endpoint.publishHandler(this::onPublish);
    endpoint.publishReleaseHandler(endpoint::publishComplete);
    endpoint.publishAcknowledgeHandler(this::onDownlinkAcknowledged);
    // One change at a time, each answered only once the session holding it is stored (see subscribe()).
    endpoint.subscribeHandler(sub -> afterEarlierChanges(() -> subscribe(sub)));
    endpoint.unsubscribeHandler(unsub -> afterEarlierChanges(() -> unsubscribe(unsub)));
    endpoint.closeHandler(v -> onClose());
    endpoint.exceptionHandler(e -> log.debug("agent {} connection error: {}", agentId, e.toString()));

    DeviceSessions.Opened opened = services.sessions().open(this);
    if (opened.refused()) {
      // Its close handler records the end of the session row admission opened for this agent and client id.
      return false;
    }
    DeviceConnection previous = opened.takenOver();
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
    return true;
  }

  /**
   * SUBSCRIBEs and UNSUBSCRIBEs are handled one after the other, in the order they came: each stores the filters the
   * previous one left, so that a quick second SUBSCRIBE cannot store a set missing the first one's filter.
   */
  private void afterEarlierChanges(Supplier<Future<Void>> change) {
    subscriptionChanges = subscriptionChanges.transform(previous -> change.get());
  }

  /**
   * The SUBACK goes only after the session with the new filters is stored, as a PUBACK goes only after its fixes are:
   * a device that moves to another node the moment it has its SUBACK resumes a session that has the subscription.
   * When the session cannot be stored, nothing changes and the SUBACK says so for every filter (MQTT 5: unspecified
   * error and a reason string; 3.1.1: failure), so the device subscribes again.
   */
  private Future<Void> subscribe(MqttSubscribeMessage sub) {
    List<MqttQoS> granted = new ArrayList<>();
    List<String> added = new ArrayList<>();
    for (var t : sub.topicSubscriptions()) {
      if (AgentTopic.maySubscribe(agentId, t.topicName()) || OwnTracksTopic.isHarmlessFilter(t.topicName())) {
        granted.add(t.qualityOfService() == MqttQoS.EXACTLY_ONCE ? MqttQoS.AT_LEAST_ONCE : t.qualityOfService());
        added.add(t.topicName());
      } else {
        log.warn("agent {} may not subscribe to '{}'; refused", agentId, t.topicName());
        granted.add(MqttQoS.FAILURE);
      }
    }
    Set<String> next = new HashSet<>(filters);
    next.addAll(added);
    return storeFilters(next).transform(stored -> {
      if (stored.succeeded()) {
        filters.addAll(added);
      }
      if (endpoint.isConnected()) {
        acknowledgeSubscribe(sub.messageId(), granted, stored.succeeded());
      }
      if (stored.succeeded()) {
        added.forEach(f -> services.downlink().subscribed(this, f));
      }
      return Future.succeededFuture();
    });
  }

  private void acknowledgeSubscribe(int messageId, List<MqttQoS> granted, boolean stored) {
    if (!mqtt5) {
      endpoint.subscribeAcknowledge(messageId, stored ? granted : granted.stream().map(q -> MqttQoS.FAILURE).toList());
      return;
    }
    List<MqttSubAckReasonCode> codes = granted.stream().map(q -> q == MqttQoS.FAILURE ? MqttSubAckReasonCode.NOT_AUTHORIZED
        : stored ? MqttSubAckReasonCode.qosGranted(q) : MqttSubAckReasonCode.UNSPECIFIED_ERROR).toList();
    MqttProperties props = new MqttProperties();
    if (!stored) {
      props.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.REASON_STRING.value(),
          NOT_STORED));
    }
    endpoint.subscribeAcknowledge(messageId, codes, props);
  }

  /**
   * Like {@link #subscribe}: the UNSUBACK follows the stored session. When it cannot be stored the filters stay; MQTT 5
   * says so in the UNSUBACK, and a 3.1.1 UNSUBACK cannot, so the connection is closed unacknowledged instead.
   */
  private Future<Void> unsubscribe(MqttUnsubscribeMessage unsub) {
    Set<String> next = new HashSet<>(filters);
    unsub.topics().forEach(next::remove);
    return storeFilters(next).transform(stored -> {
      if (stored.succeeded()) {
        unsub.topics().forEach(filters::remove);
      }
      if (!endpoint.isConnected()) {
        return Future.succeededFuture();
      }
      if (mqtt5) {
        MqttUnsubAckReasonCode code = stored.succeeded() ? MqttUnsubAckReasonCode.SUCCESS : MqttUnsubAckReasonCode.UNSPECIFIED_ERROR;
        MqttProperties props = new MqttProperties();
        if (stored.failed()) {
          props.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.REASON_STRING.value(), NOT_STORED));
        }
        endpoint.unsubscribeAcknowledge(unsub.messageId(), unsub.topics().stream().map(t -> code).toList(), props);
      } else if (stored.succeeded()) {
        endpoint.unsubscribeAcknowledge(unsub.messageId());
      } else {
        endpoint.close();
      }
      return Future.succeededFuture();
    });
  }

  /** Stores the session's filters (persistent sessions only); completes on this connection's event loop. */
  private Future<Void> storeFilters(Set<String> next) {
    if (!persistent) {
      return Future.succeededFuture();
    }
    Set<String> snapshot = Set.copyOf(next);
    services.sessions().sessionWriteStarted();
    return vertx.<Void>executeBlocking(() -> {
      services.sessionStore().saveFilters(agentId, clientId(), snapshot);
      return null;
    }, false).onComplete(ar -> services.sessions().sessionWriteEnded())
        .onFailure(e -> log.error("cannot store the subscriptions of {}: {}", clientId(), e.toString()));
  }

  private void onClose() {
    onClosed.run();
    acks.clear();
    // Its stored session, if any, was consumed at CONNECT.
    boolean record = persistent && !takenOver;
    if (record) {
      // Counted before the connection leaves the open set: a stopping server that saw no open connection then
      // sees this write pending, and waits for it while the pool is still open.
      services.sessions().sessionWriteStarted();
    }
    services.sessions().close(this);
    if (!record) {
      return;
    }
    vertx.executeBlocking(() -> {
      services.sessionStore().disconnected(agentId, clientId());
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
      if (slot != null && !mqtt5 && outcome.refusal() != null
          && !services.refused().refusedBefore(agentId, topic, msg.payload().getBytes())) {
        log.warn("agent {}: publish on '{}' refused ({}); MQTT 3.1.1 has no negative PUBACK, so the connection is closed"
            + " and the device keeps it; the same payload sent again will be acknowledged", agentId, topic,
            outcome.refusal().code());
        acks.clear();
        endpoint.close();
        return;
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
