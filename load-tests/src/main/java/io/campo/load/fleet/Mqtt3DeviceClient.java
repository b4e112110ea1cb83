package io.campo.load.fleet;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/** {@link DeviceClient} over MQTT 3.1.1 (HiveMQ's async client): clean session off. */
final class Mqtt3DeviceClient implements DeviceClient {

  private final String agentId;
  private final Mqtt3AsyncClient client;

  Mqtt3DeviceClient(MqttEndpoints endpoints, AgentCredentials credentials, Reconnections reconnections) {
    this.agentId = credentials.agentId();
    Mqtt3ClientBuilder builder = DeviceClientBuilder.forDevice(agentId, endpoints, reconnections).useMqttVersion3();
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
        .cleanSession(false)
        .keepAlive(30)
        .send()
        .thenApply(ack -> new ConnectionTerms(ack.isSessionPresent(), OptionalInt.empty()));
  }

  @Override
  public CompletableFuture<PubAck> publishQos1(String topic, byte[] payload) {
    return client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send()
        .thenApply(published -> PubAck.ACCEPTED);
  }

  @Override
  public void onMessage(BiConsumer<String, byte[]> listener) {
    client.publishes(MqttGlobalPublishFilter.ALL, p -> listener.accept(p.getTopic().toString(), p.getPayloadAsBytes()));
  }

  @Override
  public CompletableFuture<Void> subscribe(String topicFilter) {
    return client.subscribeWith().topicFilter(topicFilter).qos(MqttQos.AT_LEAST_ONCE).send().thenAccept(ack -> {
      if (ack.getReturnCodes().contains(Mqtt3SubAckReturnCode.FAILURE)) {
        throw new IllegalStateException("the broker refused the subscription to " + topicFilter);
      }
    });
  }

  @Override
  public CompletableFuture<Void> disconnect() {
    return client.disconnect();
  }
}
