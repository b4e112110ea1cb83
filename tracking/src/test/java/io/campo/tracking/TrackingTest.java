package io.campo.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.tracking.ingest.OnDuty;
import io.campo.tracking.ingest.WriterSettings;
import io.campo.tracking.mqtt.AgentTopic;
import io.campo.tracking.mqtt.FailedConnectLimit;
import io.campo.tracking.mqtt.IngestOutcome;
import io.campo.tracking.mqtt.MqttSettings;
import io.campo.tracking.storage.PostgresFixture;
import io.campo.tracking.telemetry.Fix;
import io.campo.tracking.telemetry.TelemetryLimits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tracking's start and stop: what it was given before {@link Tracking#close} is stored, and its ports close. */
class TrackingTest {

  private final Vertx vertx = Vertx.vertx();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<Fix> accepted = Collections.synchronizedList(new ArrayList<>());
  private final List<Fix> committed = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void closeVertx() {
    vertx.close().await();
  }

  private static TrackingSettings settings(int mqttPort) {
    return new TrackingSettings(new MqttSettings("127.0.0.1", mqttPort, -1, 64 * 1024, 100), WriterSettings.DEFAULT,
        TelemetryLimits.DEFAULT, FailedConnectLimit.NONE, 0, 1);
  }

  private Tracking tracking(DataSource ds, int mqttPort) {
    Tracking tracking = Tracking.create(vertx, settings(mqttPort), ds, ds, registry, Clock.systemUTC(), accepted::addAll,
        OnDuty.ALWAYS);
    tracking.onCommitted(committed::addAll);
    return tracking;
  }

  private static byte[] fixAt(Instant t) {
    return ("{\"ts\": \"" + t + "\", \"lat\": 19.4326, \"lon\": -99.1332}").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void everyFixTakenBeforeCloseIsStoredBeforeCloseReturns() throws Exception {
    DataSource ds = PostgresFixture.freshTelemetryDatabase();
    Tracking tracking = tracking(ds, -1);
    Instant t0 = Instant.now().minusSeconds(600);
    List<CompletableFuture<IngestOutcome>> taken = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      String agent = "a" + (i % 5);
      taken.add(tracking.ingest().ingest(agent, AgentTopic.of(agent, AgentTopic.TELEMETRY), fixAt(t0.plusMillis(i))));
    }
    tracking.close();

    for (CompletableFuture<IngestOutcome> f : taken) {
      assertTrue(f.isDone(), "close returned with a publish still unanswered");
      assertTrue(f.get().fullyStored(), "a publish taken before close was not stored: " + f.get());
    }
    assertEquals(500, PostgresFixture.count(ds, "SELECT count(*) FROM telemetry"));
    assertEquals(500, accepted.size(), "the live fan-out hears each fix once");
    assertEquals(500, committed.size(), "whoever waits for commits hears each fix once");
    assertEquals(0, tracking.queuedFixes());
    assertEquals(500.0, registry.get("campo.fixes.stored").counter().count());
  }

  @Test
  void aFixAfterCloseIsRefusedNotLost() throws Exception {
    DataSource ds = PostgresFixture.freshTelemetryDatabase();
    Tracking tracking = tracking(ds, -1);
    tracking.close();
    CompletableFuture<IngestOutcome> late = tracking.ingest().ingest("a1", AgentTopic.of("a1", AgentTopic.TELEMETRY),
        fixAt(Instant.now().minusSeconds(5)));
    boolean acknowledged;
    try {
      acknowledged = late.get(10, TimeUnit.SECONDS).fullyStored();
    } catch (Exception refused) {
      acknowledged = false;
    }
    assertFalse(acknowledged, "a fix after close was acknowledged: the phone would not resend it");
    assertEquals(0, PostgresFixture.count(ds, "SELECT count(*) FROM telemetry"), "the writer took a fix after close");
  }

  @Test
  void itsGaugesAreRegistered() throws Exception {
    Tracking tracking = tracking(PostgresFixture.freshTelemetryDatabase(), -1);
    assertEquals(0.0, registry.get("campo.devices.connected").gauge().value());
    assertEquals(0.0, registry.get("campo.telemetry.queued").gauge().value());
    tracking.close();
  }

  @Test
  void theMqttPortListensFromStartMqttUntilClose() throws Exception {
    DataSource ds = PostgresFixture.freshTelemetryDatabase();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Tracking tracking = tracking(ds, port);
    assertThrows(ConnectException.class, () -> connect(port), "listening before startMqtt");
    tracking.startMqtt((agentId, token) -> OptionalLong.empty());
    connect(port);
    tracking.close();
    // Looked at for a moment: one connection attempt right after close succeeded once in a CI run (a loopback connect
    // can even pick the just-freed port as its own source port and connect to itself); a listener left open stays.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    boolean refused = false;
    while (!refused && System.nanoTime() < deadline) {
      try {
        connect(port);
        Thread.sleep(100);
      } catch (ConnectException expected) {
        refused = true;
      }
    }
    assertTrue(refused, "still listening 5 s after close");
  }

  @Test
  void settingsNeedAtLeastOneMqttInstance() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrackingSettings(
        new MqttSettings("127.0.0.1", 0, -1, 1024, 10), WriterSettings.DEFAULT, TelemetryLimits.DEFAULT,
        FailedConnectLimit.NONE, 0, 0));
    assertTrue(e.getMessage().contains("at least one MQTT verticle instance"), e.getMessage());
  }

  private static void connect(int port) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
    }
  }
}
