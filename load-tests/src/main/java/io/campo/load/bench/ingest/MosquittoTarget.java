package io.campo.load.bench.ingest;

import io.campo.load.fleet.AgentCredentials;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The baseline: the same devices and load against a bare Mosquitto that keeps nothing, so its
 * PUBACK costs only the MQTT exchange. It is the ceiling of the MQTT layer on this machine, not
 * a durable peer of Campo.
 */
final class MosquittoTarget implements IngestTarget {

  private final MosquittoBroker broker;
  private final List<AgentCredentials> devices;

  private MosquittoTarget(MosquittoBroker broker, List<AgentCredentials> devices) {
    this.broker = broker;
    this.devices = devices;
  }

  static MosquittoTarget start(java.nio.file.Path executable, int agents, String runId) throws Exception {
    MosquittoBroker broker = MosquittoBroker.start(executable);
    List<AgentCredentials> devices = new ArrayList<>(agents);
    for (int i = 1; i <= agents; i++) {
      devices.add(AgentCredentials.anonymous(String.format("bench-%s-%05d", runId, i)));
    }
    return new MosquittoTarget(broker, devices);
  }

  @Override
  public String name() {
    return broker.version();
  }

  @Override
  public String durability() {
    return "not durable: persistence false, PUBACK from memory; the MQTT-layer ceiling, not a durable peer";
  }

  @Override
  public int mqttPort() {
    return broker.port();
  }

  @Override
  public List<AgentCredentials> devices() {
    return devices;
  }

  @Override
  public OptionalLong storedFixes() {
    return OptionalLong.empty();
  }

  @Override
  public void close() {
    broker.close();
  }
}
