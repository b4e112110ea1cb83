package io.campo.load.fleet;

import io.campo.tracking.mqtt.AgentTopic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * N simulated agents, each with its own MQTT connection, publishing one QoS 1 fix every
 * {@link FleetSettings#publishInterval()} while they wander the streets around a centre. Each
 * agent starts at a random point of the first interval, so the server sees a steady trickle
 * rather than N fixes at once.
 *
 * <p>Like the app on a phone, each agent subscribes to its own {@code campo/agents/{id}/plan}
 * and, when a plan arrives (retained, so also after any reconnection), stops wandering and
 * drives it; a newer plan replaces it.
 *
 * <p>An agent starts publishing once its connection is accepted. When the connection drops the
 * client reconnects by itself and resends what was not acknowledged; fixes taken meanwhile are
 * queued, like a phone's backlog. Thread-safe.
 */
public final class SimulatedFleet implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SimulatedFleet.class);

  private record Member(SimulatedAgent agent, DeviceClient client, String topic, String planTopic) {}

  private final FleetSettings settings;
  private final List<Member> members = new ArrayList<>();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "campo-fleet");
    t.setDaemon(true);
    return t;
  });
  private final LongAdder sent = new LongAdder();
  private final LongAdder acknowledged = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final AtomicBoolean refusalLogged = new AtomicBoolean();
  private final Map<String, Long> planByAgent = new ConcurrentHashMap<>();
  private final AtomicInteger connected = new AtomicInteger();
  private volatile boolean publishing = true;
  /** How late each publish ran after its scheduled time (ms): a fleet starved of CPU no longer loads on time. */
  private final Recorder lateness = new Recorder(3);

  private final DoorVisitListener doorVisits;

  private SimulatedFleet(FleetSettings settings, DoorVisitListener doorVisits) {
    this.settings = settings;
    this.doorVisits = doorVisits;
  }

  /** Connects every agent and starts publishing; returns at once (connections complete in the background). */
  public static SimulatedFleet start(FleetSettings settings, List<AgentCredentials> agents) {
    return start(settings, agents, DoorVisitListener.NONE);
  }

  /**
   * As {@link #start(FleetSettings, List)}; {@code doorVisits} hears of every stop of a plan an
   * agent finishes, after the fix that left the door was handed to the client.
   */
  public static SimulatedFleet start(FleetSettings settings, List<AgentCredentials> agents, DoorVisitListener doorVisits) {
    SimulatedFleet fleet = new SimulatedFleet(settings, doorVisits);
    SplittableRandom random = new SplittableRandom(settings.seed());
    for (AgentCredentials credentials : agents) {
      SimulatedAgent agent = SimulatedAgent.wandering(credentials, settings.centre(), settings.radiusMetres(), random.split());
      DeviceClient client = DeviceClient.create(settings.mqttVersion(), settings.host(), settings.mqttPort(), credentials);
      Member m = new Member(agent, client, AgentTopic.of(credentials.agentId(), AgentTopic.TELEMETRY),
          AgentTopic.of(credentials.agentId(), AgentTopic.PLAN));
      client.onMessage((topic, payload) -> fleet.onMessage(m, topic, payload));
      fleet.members.add(m);
    }
    long intervalMillis = settings.publishInterval().toMillis();
    for (Member m : fleet.members) {
      fleet.connectThenPublish(m, random.nextLong(Math.max(1, intervalMillis)));
    }
    return fleet;
  }

  private void connectThenPublish(Member m, long firstDelayMillis) {
    m.client().connect().whenComplete((terms, failure) -> {
      if (failure != null) {
        log.warn("agent {} could not connect to {}:{}: {}", m.client().agentId(), settings.host(), settings.mqttPort(), failure.toString());
        return;
      }
      connected.incrementAndGet();
      if (!publishing) {
        return;
      }
      m.client().subscribe(m.planTopic()).whenComplete((ok, refused) -> {
        if (refused != null) {
          log.warn("agent {} cannot receive its plan: {}", m.client().agentId(), refused.toString());
        }
      });
      try {
        long intervalNanos = settings.publishInterval().toNanos();
        long[] intendedNanos = {System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(firstDelayMillis)};
        ticker.scheduleAtFixedRate(() -> {
          // A fixed-rate schedule's k-th run is meant for first + k * interval, however late the previous ones ran.
          lateness.recordValue(Math.max(0, (System.nanoTime() - intendedNanos[0]) / 1_000_000));
          intendedNanos[0] += intervalNanos;
          publish(m);
        }, firstDelayMillis, settings.publishInterval().toMillis(), TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException closing) {
        // The fleet was stopped while this agent was connecting.
      }
    });
  }

  private void publish(Member m) {
    if (!publishing) {
      return;
    }
    try {
      byte[] payload = TelemetryJson.of(m.agent().nextFix(settings.deviceClock().getAsLong()));
      sent.increment();
      m.client().publishQos1(m.topic(), payload).whenComplete((ack, failure) -> {
        if (failure != null) {
          failed.increment();
          log.warn("agent {}: fix not delivered: {}", m.client().agentId(), failure.toString());
        } else if (ack.accepted()) {
          acknowledged.increment();
        } else {
          refused.increment();
          if (refusalLogged.compareAndSet(false, true)) {
            log.warn("agent {}: the server refused a fix: {} (further refusals are only counted)", m.client().agentId(), ack.refusal());
          }
        }
      });
      for (DoorVisit visit : m.agent().takeFinishedVisits()) {
        doorVisits.finished(visit);
      }
    } catch (RuntimeException e) {
      // A failing tick must not cancel this agent's schedule.
      log.error("agent {}: could not publish", m.client().agentId(), e);
    }
  }

  /** A message from the broker, on the client's thread: the agent's state is handed to the ticker, its only user. */
  private void onMessage(Member m, String topic, byte[] payload) {
    if (!topic.equals(m.planTopic())) {
      return;
    }
    DevicePlan plan;
    try {
      plan = DevicePlan.fromJson(payload);
    } catch (IllegalArgumentException e) {
      log.warn("agent {}: ignoring a plan it cannot read: {}", m.client().agentId(), e.getMessage());
      return;
    }
    try {
      ticker.execute(() -> {
        if (m.agent().follow(plan, settings.deviceClock().getAsLong(), settings.planSpeedup(), settings.pace())) {
          planByAgent.put(m.client().agentId(), plan.planId());
          log.debug("agent {} drives plan {} ({} stops)", m.client().agentId(), plan.planId(), plan.stops().size());
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      // The fleet is stopping: no more driving.
    }
  }

  /** How many agents' first connection was accepted (they reconnect by themselves afterwards). */
  public int connectedAgents() {
    return connected.get();
  }

  /** How many agents drive plan {@code planId} now. */
  public int agentsDriving(long planId) {
    return (int) planByAgent.values().stream().filter(id -> id == planId).count();
  }

  /** How late publishes ran after the time they were scheduled for (ms), since the last call. */
  public Histogram takePublishLateness() {
    return lateness.getIntervalHistogram();
  }

  public FleetCounts counts() {
    return new FleetCounts(sent.sum(), acknowledged.sum(), refused.sum(), failed.sum());
  }

  public int size() {
    return members.size();
  }

  /** Takes no more fixes; what was sent may still be acknowledged (see {@link #awaitSettled}). */
  public void stopPublishing() throws InterruptedException {
    publishing = false;
    ticker.shutdown();
    ticker.awaitTermination(5, TimeUnit.SECONDS);
  }

  /** Waits until every fix sent has been acknowledged, refused or given up; false on timeout. */
  public boolean awaitSettled(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (counts().pending() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  /** Stops publishing and disconnects every agent. */
  @Override
  public void close() {
    try {
      stopPublishing();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ticker.shutdownNow();
    CompletableFuture<?>[] disconnects = members.stream()
        .map(m -> m.client().disconnect().exceptionally(e -> null))
        .toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(disconnects).get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.debug("not every agent disconnected cleanly: {}", e.toString());
    }
  }
}
