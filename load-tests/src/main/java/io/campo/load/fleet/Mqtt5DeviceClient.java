package io.campo.load.fleet;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;

/** {@link DeviceClient} over MQTT 5 (HiveMQ's async client): clean start off, a day of session expiry. */
final class Mqtt5DeviceClient implements DeviceClient {

  private final String agentId;
  private final Mqtt5AsyncClient client;

  Mqtt5DeviceClient(MqttEndpoints endpoints, AgentCredentials credentials, Reconnections reconnections) {
    this.agentId = credentials.agentId();
    Mqtt5ClientBuilder builder = DeviceClientBuilder.forDevice(agentId, endpoints, reconnections).useMqttVersion5();
    if (!credentials.isAnonymous()) {
      builder = builder.simpleAuth()
          .username(agentId)
          .password(credentials.deviceToken().getBytes(StandardCharsets.UTF_8))
          .applySimpleAuth();
    }
    this.client = builder.buildAsync();
  }

  @Override
  public String agentId() {
    return agentId;
  }

  @Override
  public CompletableFuture<ConnectionTerms> connect() {
    return client.connectWith()
        .cleanStart(false)
        .sessionExpiryInterval(SESSION_EXPIRY_SECONDS)
        .keepAlive(30)
        .send()
        .thenApply(ack -> new ConnectionTerms(ack.isSessionPresent(), OptionalInt.of(ack.getRestrictions().getReceiveMaximum())));
  }

  @Override
  public CompletableFuture<PubAck> publishQos1(String topic, byte[] payload) {
    CompletableFuture<PubAck> outcome = new CompletableFuture<>();
    client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send().whenComplete((result, failure) -> {
      if (failure == null) {
        outcome.complete(PubAck.ACCEPTED);
        return;
      }
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      // HiveMQ's client fails the future on an error reason code; for us that is an answer, not a failure.
      if (cause instanceof Mqtt5PubAckException refused) {
        var ack = refused.getMqttMessage();
        outcome.complete(new PubAck(ack.getReasonCode() + ack.getReasonString().map(r -> ": " + r).orElse("")));
      } else {
        outcome.completeExceptionally(cause);
      }
    });
    return outcome;
  }

  @Override
  public void onMessage(BiConsumer<String, byte[]> listener) {
    client.publishes(MqttGlobalPublishFilter.ALL, p -> listener.accept(p.getTopic().toString(), p.getPayloadAsBytes()));
  }

  @Override
  public CompletableFuture<Void> subscribe(String topicFilter) {
    return client.subscribeWith().topicFilter(topicFilter).qos(MqttQos.AT_LEAST_ONCE).send().thenAccept(ack -> {
      if (ack.getReasonCodes().stream().anyMatch(code -> code.isError())) {
        throw new IllegalStateException("the broker refused the subscription to " + topicFilter + ": " + ack.getReasonCodes());
      }
    });
  }

  @Override
  public CompletableFuture<Void> disconnect() {
    return client.disconnect();
  }
}
