package io.campo.load.bench.ingest;

import io.campo.load.fleet.AgentCredentials;
import io.campo.load.fleet.ConnectionTerms;
import io.campo.load.fleet.DeviceClient;
import io.campo.load.fleet.MqttVersion;
import io.campo.tracking.mqtt.AgentTopic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The benchmark's devices, all connected to one target before the load starts. */
final class ConnectedDevices implements AutoCloseable {

  private final List<DeviceClient> clients;
  private final List<String> topics;
  private final OptionalInt receiveMaximum;

  private ConnectedDevices(List<DeviceClient> clients, List<String> topics, OptionalInt receiveMaximum) {
    this.clients = clients;
    this.topics = topics;
    this.receiveMaximum = receiveMaximum;
  }

  /** @throws IllegalStateException when a device cannot connect within {@code timeout} */
  static ConnectedDevices connect(IngestTarget target, MqttVersion version, Duration timeout) throws InterruptedException {
    List<DeviceClient> clients = new ArrayList<>();
    List<String> topics = new ArrayList<>();
    List<CompletableFuture<ConnectionTerms>> connecting = new ArrayList<>();
    for (AgentCredentials credentials : target.devices()) {
      DeviceClient c = DeviceClient.create(version, IngestTarget.HOST, target.mqttPort(), credentials);
      clients.add(c);
      topics.add(AgentTopic.of(credentials.agentId(), AgentTopic.TELEMETRY));
      connecting.add(c.connect());
    }
    ConnectedDevices devices = new ConnectedDevices(clients, topics, OptionalInt.empty());
    try {
      CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      devices.close();
      long connected = connecting.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count();
      throw new IllegalStateException("only " + connected + " of " + clients.size() + " devices connected to " + target.name()
          + " within " + timeout.toSeconds() + " s: " + (e.getCause() == null ? e : e.getCause()), e);
    }
    return new ConnectedDevices(clients, topics, connecting.get(0).join().receiveMaximum());
  }

  int size() {
    return clients.size();
  }

  DeviceClient client(int device) {
    return clients.get(device);
  }

  String topic(int device) {
    return topics.get(device);
  }

  /** What the broker granted each connection (MQTT 5), for the report. */
  OptionalInt receiveMaximum() {
    return receiveMaximum;
  }

  @Override
  public void close() {
    CompletableFuture<?>[] disconnects = clients.stream()
        .map(c -> c.disconnect().exceptionally(e -> null))
        .toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(disconnects).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // A device that does not disconnect cleanly changes nothing the run has measured.
    }
  }
}
