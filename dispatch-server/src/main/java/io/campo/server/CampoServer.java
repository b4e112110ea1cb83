package io.campo.server;

import io.campo.server.cluster.ClusterVertx;
import io.campo.server.cluster.PeriodicJobs;
import io.campo.server.config.CampoConfig;
import io.campo.server.database.Database;
import io.campo.server.database.PartitionMaintenance;
import io.campo.server.http.ApiRoute;
import io.campo.server.http.HttpApiVerticle;
import io.campo.server.live.LiveFanOut;
import io.campo.server.observability.LogOutput;
import io.campo.server.observability.ServerMetrics;
import io.campo.server.planning.PlanningEngine;
import io.campo.server.portfolio.Segmentation;
import io.campo.server.portfolio.SegmentationRules;
import io.campo.server.shift.ShiftFeature;
import io.campo.tracking.Tracking;
import io.campo.tracking.ingest.LatestPositions;
import io.campo.tracking.mqtt.DownlinkDelivery;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole server, in start and stop order: database, cluster node, tracking, every feature, then the ports.
 * {@link #start} returns when every port is listening; {@link #close} stops taking input first, then lets the writer
 * drain, then closes the database. Each feature assembles itself ({@link CampoFeatures}).
 */
public final class CampoServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CampoServer.class);

  private final CampoConfig config;
  private final LiveFanOut live = new LiveFanOut();
  private final List<String> inputDeployments = new ArrayList<>();
  private Database database;
  private ClusterVertx node;
  private PlanningEngine planning;
  private PeriodicJobs jobs;
  private Tracking tracking;
  private CampoFeatures features;
  private ListenPorts ports;
  private String nodeId;
  private int httpPort;
  private int osmandPort = -1;
  private HttpApiVerticle http;

  private CampoServer(CampoConfig config) {
    this.config = config;
  }

  public static CampoServer start(CampoConfig config) throws Exception {
    CampoServer server = new CampoServer(config);
    try {
      server.boot();
    } catch (Exception | Error e) {
      // Errors too (a NoSuchMethodError from mismatched jars): never leave PostgreSQL running.
      server.close();
      throw e;
    }
    return server;
  }

  private void boot() throws Exception {
    Clock clock = Clock.systemUTC();
    // Before anything starts: a broken rules file should stop the server at once, with its reason.
    Segmentation segmentation = new Segmentation(SegmentationRules.load(config.segmentationRules()));
    // Resolved before anything is named after it: the node id defaults to host:httpPort.
    ports = ListenPorts.resolve(config);
    httpPort = ports.http();
    nodeId = config.cluster().nodeId() != null ? config.cluster().nodeId() : config.cluster().host() + ":" + httpPort;
    LogOutput.use(config.logFormat(), nodeId);
    // Before the first meter (the pools'): series carry the node tag in cluster mode.
    ServerMetrics serverMetrics = new ServerMetrics(config.cluster().enabled() ? nodeId : null);
    PrometheusMeterRegistry metrics = serverMetrics.registry();
    planning = PlanningEngine.start(config);
    database = new Database(config).meteredBy(metrics).start();
    PartitionMaintenance partitions = new PartitionMaintenance(database.dataSource(), config.telemetryRetentionDays(), clock);
    partitions.run();

    node = ClusterVertx.start(config.cluster(), serverMetrics);
    Vertx vertx = node.vertx();
    jobs = new PeriodicJobs(vertx, clock);
    partitions.repeatHourly(jobs);
    // Before the MQTT endpoint takes fixes: those taken off duty are acknowledged, never stored (issue #17).
    ShiftFeature shifts = ShiftFeature.start(vertx, database.dataSource(), config.timeZone(), config.evidence().maxBacklogAge(),
        jobs, clock);
    tracking = Tracking.create(vertx, ports.tracking(config), database.dataSource(), database.telemetryDataSource(), metrics,
        clock, live::onAccepted, shifts.roster());
    live.listen(node, tracking);
    features = CampoFeatures.start(config, clock, node, database, planning, tracking, live, jobs, segmentation, shifts,
        ports.mqttWebSocket());

    tracking.startMqtt(features.agents.registry());
    http = deployInput(features.http(httpPort, metrics));
    httpPort = http.actualPort();
    osmandPort = config.osmandPort() < 0 ? -1 : deployInput(features.osmand()).actualPort();
    log.info("Campo listening: {}", ports.describe(config, httpPort, node, nodeId));
  }

  /** HTTP and OsmAnd: the server's own ports, undeployed first at stop. */
  private <V extends Deployable> V deployInput(V verticle) throws Exception {
    inputDeployments.add(node.vertx().deployVerticle(verticle).await(30, TimeUnit.SECONDS));
    return verticle;
  }

  /** Input first (HTTP, OsmAnd, then MQTT): sessions are recorded and the writer drains while the pool is open. */
  @Override
  public void close() {
    StopOrder.close(jobs, features, this::undeployInputs, tracking, live, node, features == null ? null : features.plans,
        planning, database);
  }

  private void undeployInputs() throws Exception {
    for (String deployment : inputDeployments) {
      node.vertx().undeploy(deployment).await(10, TimeUnit.SECONDS);
    }
  }

  public int httpPort() {
    return httpPort;
  }

  public int mqttPort() {
    return ports.mqtt();
  }

  public int mqttWebSocketPort() {
    return ports.mqttWebSocket();
  }

  /** Whether HTTP, MQTT over WebSocket and {@link #mqttsPort} speak TLS ({@code CAMPO_TLS_CERT}). */
  public boolean tlsEnabled() {
    return config.tls().enabled();
  }

  /** MQTT over TLS; -1 when TLS is off or {@code CAMPO_MQTTS_PORT=-1}. */
  public int mqttsPort() {
    return ports.mqtts();
  }

  /** The OsmAnd (Traccar Client) port actually bound, -1 when off. */
  public int osmandPort() {
    return osmandPort;
  }

  /** Every authenticated HTTP route with the roles it admits. */
  public List<ApiRoute> apiRoutes() {
    return http.routes();
  }

  /** Every other route with a fixed path ({@code "GET /health"}): login, health, the contract, the live socket… */
  public List<String> publicRoutes() {
    return http.publicRoutes();
  }

  /** The features this node runs (their parts, for the command line, tests and benchmarks). */
  public CampoFeatures features() {
    return features;
  }

  public Database database() {
    return database;
  }

  public Vertx vertx() {
    return node.vertx();
  }

  /** This node's name in logs ({@code CAMPO_NODE_ID}, else cluster host and HTTP port). */
  public String nodeId() {
    return nodeId;
  }

  /** This node's Vert.x, clustered or not, and the cluster's members. */
  public ClusterVertx node() {
    return node;
  }

  /** Null when planning is ready, else why not (still loading roads, disabled, failed). */
  public String planningUnavailableReason() {
    return planning.unavailableReason();
  }

  public LatestPositions latestPositions() {
    return live.latest();
  }

  /** Sends plans and messages to devices (stored first, delivered by whichever node holds the device). */
  public DownlinkDelivery downlink() {
    return tracking.downlink();
  }
}
