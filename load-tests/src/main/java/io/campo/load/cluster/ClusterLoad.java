package io.campo.load.cluster;

import io.campo.load.fleet.AgentCredentials;
import io.campo.load.fleet.DeviceClient;
import io.campo.load.fleet.DeviceClock;
import io.campo.load.fleet.DeviceFix;
import io.campo.load.fleet.LatLon;
import io.campo.load.fleet.MqttEndpoints;
import io.campo.load.fleet.MqttVersion;
import io.campo.load.fleet.PubAck;
import io.campo.load.fleet.Reconnections;
import io.campo.load.fleet.TelemetryJson;
import io.campo.tracking.mqtt.AgentTopic;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Devices spread over a cluster's nodes (device {@code i} starts on node {@code i mod N} and fails over to the
 * next), each keeping {@code window} QoS 1 fixes in flight and sending the next one {@code interval} after an
 * acknowledgement (zero: at once, which saturates the nodes). It remembers every acknowledged fix by (agent,
 * seq), so that {@link StoredFixes} can prove each one is in the database exactly once, and which node
 * acknowledged it, for per-node throughput.
 *
 * <p>Thread-safe: lanes run on the MQTT clients' threads and on one scheduler thread.
 */
public final class ClusterLoad implements AutoCloseable {

  private static final class Device {
    final AgentCredentials credentials;
    final DeviceClient client;
    final String topic;
    final String inboxTopic;
    final List<Long> inbox = new ArrayList<>();
    final DeviceClock clock = new DeviceClock();
    final LatLon spot;
    final BitSet acknowledged = new BitSet();
    long seq;

    Device(AgentCredentials credentials, DeviceClient client, LatLon spot) {
      this.credentials = credentials;
      this.client = client;
      this.topic = AgentTopic.of(credentials.agentId(), AgentTopic.TELEMETRY);
      this.inboxTopic = AgentTopic.of(credentials.agentId(), AgentTopic.INBOX);
      this.spot = spot;
    }
  }

  private final List<Device> devices = new ArrayList<>();
  private final Reconnections reconnections = new Reconnections();
  private final Duration interval;
  private final int window;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "campo-cluster-load");
    t.setDaemon(true);
    return t;
  });
  private final LongAdder sent = new LongAdder();
  private final LongAdder acknowledged = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final Map<Integer, LongAdder> acknowledgedByPort = new ConcurrentHashMap<>();
  private final AtomicReference<String> firstProblem = new AtomicReference<>();
  private final Recorder latencyMicros = new Recorder(3);
  private final AtomicInteger lanesRunning = new AtomicInteger();
  private volatile boolean running = true;

  private ClusterLoad(Duration interval, int window) {
    this.interval = interval;
    this.window = window;
  }

  /** Connects every device (failing if one cannot within {@code connectTimeout}), then starts the lanes. */
  public static ClusterLoad start(List<AgentCredentials> agents, MqttEndpoints endpoints, MqttVersion version, Duration interval,
      int window, Duration connectTimeout) throws Exception {
    ClusterLoad load = new ClusterLoad(interval, window);
    SplittableRandom random = new SplittableRandom(agents.size());
    List<CompletableFuture<?>> connecting = new ArrayList<>();
    for (int i = 0; i < agents.size(); i++) {
      DeviceClient client = DeviceClient.create(version, endpoints.startingAt(i), agents.get(i), load.reconnections);
      Device d = new Device(agents.get(i), client,
          LatLon.MEXICO_CITY.offset(random.nextDouble(-5_000, 5_000), random.nextDouble(-5_000, 5_000)));
      load.devices.add(d);
      // Before connecting: a resumed session's queued messages may arrive before anything else.
      client.onMessage((topic, payload) -> load.onMessage(d, topic, payload));
      // Subscribed like the app, to its inbox: the subscription lives in the session, so downlink follows a failover.
      connecting.add(client.connect().thenCompose(terms -> client.subscribe(d.inboxTopic)));
    }
    try {
      CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      load.close();
      throw new IllegalStateException("not every device connected within " + connectTimeout.toSeconds() + " s: " + e, e);
    }
    for (Device d : load.devices) {
      for (int w = 0; w < window; w++) {
        load.lanesRunning.incrementAndGet();
        load.send(d);
      }
    }
    return load;
  }

  private void onMessage(Device d, String topic, byte[] payload) {
    if (topic.equals(d.inboxTopic)) {
      long id = new JsonObject(new String(payload, StandardCharsets.UTF_8)).getLong("id");
      synchronized (d) {
        d.inbox.add(id);
      }
    }
  }

  /** The ids of the inbox messages device {@code agentId} received, in order (a QoS 1 redelivery shows twice). */
  public List<Long> inboxOf(String agentId) {
    for (Device d : devices) {
      if (d.credentials.agentId().equals(agentId)) {
        synchronized (d) {
          return List.copyOf(d.inbox);
        }
      }
    }
    throw new IllegalArgumentException("no device " + agentId);
  }

  private void send(Device d) {
    if (!running) {
      lanesRunning.decrementAndGet();
      return;
    }
    byte[] payload;
    long seq;
    synchronized (d) {
      seq = ++d.seq;
      // A few metres of drift so that consecutive fixes differ, as a walking agent's do.
      double drift = (seq % 50) * 2.0;
      LatLon p = d.spot.offset(drift, drift);
      payload = TelemetryJson.of(new DeviceFix(d.clock.stamp(System.currentTimeMillis()), p.lat(), p.lon(), 8.5, 1.3, 90, 80, false, seq));
    }
    long start = System.nanoTime();
    sent.increment();
    d.client.publishQos1(d.topic, payload).whenComplete((ack, failure) -> answered(d, seq, start, ack, failure));
  }

  private void answered(Device d, long seq, long startNanos, PubAck ack, Throwable failure) {
    if (failure != null) {
      failed.increment();
      firstProblem.compareAndSet(null, d.credentials.agentId() + " fix " + seq + ": " + failure);
      // Resending at once would spin on a broken session: this lane ends.
      lanesRunning.decrementAndGet();
      return;
    }
    if (!ack.accepted()) {
      refused.increment();
      firstProblem.compareAndSet(null, d.credentials.agentId() + " fix " + seq + " refused: " + ack.refusal());
    } else {
      latencyMicros.recordValue(Math.max(0, (System.nanoTime() - startNanos) / 1_000));
      synchronized (d) {
        d.acknowledged.set((int) seq);
      }
      acknowledged.increment();
      Integer port = reconnections.portOf(d.credentials.agentId());
      if (port != null) {
        acknowledgedByPort.computeIfAbsent(port, p -> new LongAdder()).increment();
      }
    }
    if (interval.isZero()) {
      send(d);
    } else {
      try {
        scheduler.schedule(() -> send(d), interval.toMillis(), TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException closing) {
        lanesRunning.decrementAndGet();
      }
    }
  }

  /** Sends no more fixes and waits until every one sent is answered; false on timeout. */
  public boolean stopAndSettle(Duration timeout) throws InterruptedException {
    running = false;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (lanesRunning.get() > 0 || pending() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  public long sent() {
    return sent.sum();
  }

  public long acknowledged() {
    return acknowledged.sum();
  }

  public long refused() {
    return refused.sum();
  }

  public long failed() {
    return failed.sum();
  }

  public long pending() {
    return sent.sum() - acknowledged.sum() - refused.sum() - failed.sum();
  }

  /** The first refusal or failure seen, for the message of a failed run; null when there was none. */
  public String firstProblem() {
    return firstProblem.get();
  }

  public Reconnections reconnections() {
    return reconnections;
  }

  /** Acknowledged fixes by the MQTT port of the node each device was connected to at the time. */
  public Map<Integer, Long> acknowledgedByPort() {
    Map<Integer, Long> copy = new HashMap<>();
    acknowledgedByPort.forEach((port, n) -> copy.put(port, n.sum()));
    return copy;
  }

  /** Acknowledgement latencies since the last call (send to PUBACK, microseconds). */
  public Histogram latenciesSinceLastCall() {
    return latencyMicros.getIntervalHistogram();
  }

  /** Every acknowledged seq, by agent id (copies). */
  public Map<String, BitSet> acknowledgedSeqs() {
    Map<String, BitSet> copy = new HashMap<>();
    for (Device d : devices) {
      synchronized (d) {
        copy.put(d.credentials.agentId(), (BitSet) d.acknowledged.clone());
      }
    }
    return copy;
  }

  public List<String> agentIds() {
    return devices.stream().map(d -> d.credentials.agentId()).toList();
  }

  public int size() {
    return devices.size();
  }

  @Override
  public void close() {
    running = false;
    scheduler.shutdownNow();
    CompletableFuture<?>[] disconnects = devices.stream()
        .map(d -> d.client.disconnect().exceptionally(e -> null))
        .toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(disconnects).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // A device that does not disconnect cleanly changes nothing that was measured.
    }
  }
}
