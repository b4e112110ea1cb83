package io.campo.tracking;

import io.campo.tracking.ingest.IngestMetrics;
import io.campo.tracking.ingest.OnDuty;
import io.campo.tracking.ingest.TelemetryWriter;
import io.campo.tracking.mqtt.ConnectionsPerAddress;
import io.campo.tracking.mqtt.DeviceAuthenticator;
import io.campo.tracking.mqtt.DeviceServices;
import io.campo.tracking.mqtt.DeviceSessions;
import io.campo.tracking.mqtt.DownlinkDelivery;
import io.campo.tracking.mqtt.MqttIngestVerticle;
import io.campo.tracking.mqtt.SessionTakeover;
import io.campo.tracking.mqtt.TelemetryIngest;
import io.campo.tracking.storage.DownlinkStore;
import io.campo.tracking.storage.SessionStore;
import io.campo.tracking.storage.TelemetryStore;
import io.campo.tracking.telemetry.Fix;
import io.campo.tracking.telemetry.TelemetryDecoder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Telemetry from the phones, start to stop: the durable writer, the devices' sessions, the downlink, and the MQTT
 * endpoint with its session takeover and connection caps. {@link #create} builds the parts (nothing listens yet),
 * {@link #startMqtt} opens the MQTT ports, {@link #close} stops in the one order that loses nothing acknowledged.
 *
 * <p>The server reaches tracking only through this class and the parts it exposes.
 */
public final class Tracking implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Tracking.class);
  /** Queued fixes get this long to reach PostgreSQL at stop; the rest were never acknowledged, and phones resend them. */
  private static final Duration WRITER_DRAIN = Duration.ofSeconds(15);
  private static final Duration CONNECTIONS_CLOSE = Duration.ofSeconds(5);

  private final Vertx vertx;
  private final TrackingSettings settings;
  private final DataSource dataSource;
  private final DeviceSessions sessions = new DeviceSessions();
  private final TelemetryStore store;
  private final TelemetryWriter writer;
  private final DownlinkDelivery downlink;
  private final TelemetryIngest ingest;
  /** Null until set: fixes committed before that have nobody waiting for them. */
  private volatile TelemetryWriter.CommitListener committed;
  private String mqttDeployment;

  private Tracking(Vertx vertx, TrackingSettings settings, DataSource dataSource, DataSource telemetryDataSource,
      MeterRegistry registry, Clock clock, Consumer<List<Fix>> accepted, OnDuty onDuty) {
    this.vertx = vertx;
    this.settings = settings;
    this.dataSource = dataSource;
    IngestMetrics metrics = new IngestMetrics(registry);
    this.store = new TelemetryStore(dataSource);
    this.writer = new TelemetryWriter(new TelemetryStore(telemetryDataSource), settings.writer(), metrics, fixes -> {
      TelemetryWriter.CommitListener l = committed;
      if (l != null) {
        l.committed(fixes);
      }
    });
    this.downlink = new DownlinkDelivery(vertx, new DownlinkStore(dataSource), sessions);
    this.ingest = new TelemetryIngest(new TelemetryDecoder(settings.limits(), clock), writer, metrics, accepted, onDuty);
    Gauge.builder("campo.devices.connected", sessions, DeviceSessions::connected).register(registry);
    Gauge.builder("campo.telemetry.queued", writer, TelemetryWriter::queuedFixes).register(registry);
  }

  /**
   * Builds the parts; nothing listens yet.
   *
   * @param dataSource the main pool: sessions, downlink, reads of stored fixes
   * @param telemetryDataSource the writers' own pool: logins, reports and API calls cannot hold up a PUBACK
   * @param accepted on an ingest thread, the fixes of each publish as soon as they are decoded and valid (before they are
   *     stored); must never block
   * @param onDuty whether a fix was taken on duty; those off duty are acknowledged, never stored
   */
  public static Tracking create(Vertx vertx, TrackingSettings settings, DataSource dataSource, DataSource telemetryDataSource,
      MeterRegistry registry, Clock clock, Consumer<List<Fix>> accepted, OnDuty onDuty) {
    return new Tracking(vertx, settings, dataSource, telemetryDataSource, registry, clock, accepted, onDuty);
  }

  /** Tells {@code listener} of every batch of fixes once committed (for the visits that await their late track). */
  public void onCommitted(TelemetryWriter.CommitListener listener) {
    this.committed = listener;
  }

  /** Opens the MQTT ports (one verticle per event loop); devices prove who they are to {@code authenticator}. */
  public void startMqtt(DeviceAuthenticator authenticator) throws Exception {
    DeviceServices devices = new DeviceServices(authenticator, ingest, sessions, new SessionStore(dataSource), downlink,
        new SessionTakeover(vertx, sessions), settings.failedConnects());
    ConnectionsPerAddress connections = new ConnectionsPerAddress(settings.maxConnectionsPerAddress());
    mqttDeployment = vertx.deployVerticle(() -> new MqttIngestVerticle(settings.mqtt(), devices, connections),
            new DeploymentOptions().setInstances(settings.mqttInstances()))
        .await(30, TimeUnit.SECONDS);
  }

  /** The devices connected to this node, and the listener told when an agent's first connects or last goes. */
  public DeviceSessions sessions() {
    return sessions;
  }

  /** Decodes, checks and queues fixes from any transport (MQTT here; OwnTracks HTTP and OsmAnd in the server). */
  public TelemetryIngest ingest() {
    return ingest;
  }

  /** Stored fixes, read on the main pool. */
  public TelemetryStore store() {
    return store;
  }

  /** Sends plans and messages to devices (stored first, delivered by whichever node holds the device). */
  public DownlinkDelivery downlink() {
    return downlink;
  }

  /** Whether the last write reached PostgreSQL (for /health). */
  public boolean databaseUp() {
    return writer.databaseUp();
  }

  public int queuedFixes() {
    return writer.queuedFixes();
  }

  /**
   * Stops taking fixes, then lets what was taken reach the database: the MQTT endpoint goes first, its connections close
   * and record their sessions while the pool is still open, then the writer drains its queue.
   */
  @Override
  public void close() {
    if (mqttDeployment != null) {
      try {
        vertx.undeploy(mqttDeployment).await(10, TimeUnit.SECONDS);
        if (!sessions.awaitConnectionsClosed(CONNECTIONS_CLOSE)) {
          log.warn("stopping with MQTT connections not yet closed");
        }
        if (!sessions.awaitSessionWrites(CONNECTIONS_CLOSE)) {
          log.warn("stopping with MQTT session writes still running");
        }
      } catch (Exception e) {
        log.warn("stopping the MQTT endpoint: {}", e.toString());
      }
    }
    writer.close(WRITER_DRAIN);
  }
}
