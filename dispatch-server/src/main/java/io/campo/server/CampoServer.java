package io.campo.server;

import io.campo.server.agent.AgentHandlers;
import io.campo.server.agent.AgentRegistry;
import io.campo.server.agent.AgentStandings;
import io.campo.server.agent.DeviceCutoff;
import io.campo.server.agentday.AgentDayHandlers;
import io.campo.server.agentday.AgentDays;
import io.campo.server.agentapp.AgentAppDay;
import io.campo.server.agentapp.AgentAppHandlers;
import io.campo.server.agentapp.AgentAppSettings;
import io.campo.server.agentapp.VisitPhotos;
import io.campo.server.evidence.EvidenceHandlers;
import io.campo.server.evidence.VisitEvidence;
import io.campo.server.agentday.DayVisits;
import io.campo.server.agentday.PlannedRoutes;
import io.campo.server.portfolio.OpenPromises;
import io.campo.server.map.MapHandlers;
import io.campo.server.message.AgentMessages;
import io.campo.server.message.MessageHandlers;
import io.campo.server.auth.LoginHandler;
import io.campo.server.auth.KeptDeviceTokens;
import io.campo.server.auth.LoginThrottle;
import io.campo.server.auth.SigningKey;
import io.campo.server.enrolment.EnrolmentHandlers;
import io.campo.server.pin.PinCorrectionHandlers;
import io.campo.server.pin.PinCorrections;
import io.campo.server.auth.UserAccounts;
import io.campo.server.cluster.AgentPresence;
import io.campo.server.cluster.ClusterVertx;
import io.campo.server.cluster.ConnectedAgents;
import io.campo.server.cluster.OnceAcrossCluster;
import io.campo.server.config.CampoConfig;
import io.campo.server.database.Database;
import io.campo.server.database.PartitionMaintenance;
import io.campo.server.http.AccountCheck;
import io.campo.server.http.ApiHandlers;
import io.campo.server.http.ApiRoute;
import io.campo.server.http.ApiRoutes;
import io.campo.server.notification.EmailOutbox;
import io.campo.server.observability.HealthEndpoints;
import io.campo.server.observability.LogOutput;
import io.campo.server.observability.ServerMetrics;
import io.campo.server.notification.EmailSender;
import io.campo.server.notification.VisitNotices;
import io.campo.server.outreach.Outreach;
import io.campo.server.http.HttpApiVerticle;
import io.campo.server.http.SecurityHeaders;
import io.campo.server.live.LiveEvents;
import io.campo.server.live.LiveFeedVerticle;
import io.campo.server.live.LiveSocketHandler;
import io.campo.server.live.LiveSocketsByUser;
import io.campo.server.live.PositionBatch;
import io.campo.server.live.PositionBatchCodec;
import io.campo.server.portfolio.ClientLog;
import io.campo.server.portfolio.ClientLogHandler;
import io.campo.server.portfolio.DebtorLookup;
import io.campo.server.portfolio.DebtorTeamHandlers;
import io.campo.server.portfolio.DebtorTeams;
import io.campo.server.portfolio.PortfolioHandlers;
import io.campo.server.portfolio.PortfolioImport;
import io.campo.server.portfolio.PortfolioVisits;
import io.campo.server.portfolio.Segmentation;
import io.campo.server.portfolio.SegmentationRules;
import io.campo.server.questionnaire.QuestionnaireCheck;
import io.campo.server.questionnaire.QuestionnaireHandlers;
import io.campo.server.questionnaire.QuestionnaireStore;
import io.campo.server.report.ContactHourQuery;
import io.campo.server.report.ContactRollup;
import io.campo.server.report.DebtorContactHistory;
import io.campo.server.report.DistanceRollup;
import io.campo.server.report.KpiQuery;
import io.campo.server.report.ReportHandlers;
import io.campo.server.shift.ShiftFeature;
import io.campo.server.visitrule.VisitRuleHandlers;
import io.campo.server.visitrule.VisitRuleSets;
import io.campo.server.team.TeamHandlers;
import io.campo.server.team.TeamScope;
import io.campo.server.team.UserChanges;
import io.campo.server.team.Teams;
import io.campo.server.team.UserHandlers;
import io.campo.server.visit.AwaitingTrack;
import io.campo.server.visit.LateTrackRejudging;
import io.campo.server.visit.VisitHandlers;
import io.campo.server.visit.VisitService;
import io.campo.server.watch.WatchTheDay;
import io.campo.tracking.visit.ValidationRules;
import io.campo.tracking.visit.VisitValidator;
import io.campo.server.planning.ContactWindowing;
import io.campo.server.planning.PlanHandlers;
import io.campo.server.planning.PlanJobs;
import io.campo.server.planning.PlanningEngine;
import io.campo.tracking.ingest.IngestMetrics;
import io.campo.tracking.ingest.LatestPositions;
import io.campo.tracking.ingest.TelemetryWriter;
import io.campo.tracking.ingest.WriterSettings;
import io.campo.tracking.mqtt.ConnectionsPerAddress;
import io.campo.tracking.mqtt.DeviceServices;
import io.campo.tracking.mqtt.DeviceSessions;
import io.campo.tracking.mqtt.DownlinkDelivery;
import io.campo.tracking.mqtt.MqttIngestVerticle;
import io.campo.tracking.mqtt.MqttSettings;
import io.campo.tracking.mqtt.SessionTakeover;
import io.campo.tracking.mqtt.TelemetryIngest;
import io.campo.server.phone.OsmAndVerticle;
import io.campo.server.phone.OwnTracksHttpHandler;
import io.campo.tracking.storage.DownlinkStore;
import io.campo.tracking.storage.SessionStore;
import io.campo.tracking.storage.TelemetryStore;
import io.campo.tracking.telemetry.Fix;
import io.campo.tracking.telemetry.TelemetryDecoder;
import io.campo.tracking.telemetry.TelemetryLimits;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole server, wired: database, telemetry writer, MQTT endpoint, HTTP API. {@link #start}
 * returns when every port is listening; {@link #close} stops taking input first, then lets the
 * writer drain, then closes the database.
 */
public final class CampoServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CampoServer.class);

  /** How often the cluster looks for planning jobs whose node is gone. */
  private static final Duration PLAN_ORPHAN_CHECK = Duration.ofSeconds(30);

  private final CampoConfig config;
  private Database database;
  private ClusterVertx node;
  private Vertx vertx;
  private TelemetryWriter writer;
  private PrometheusMeterRegistry metrics;
  private final LatestPositions latest = new LatestPositions();
  private final DeviceSessions sessions = new DeviceSessions();
  private volatile Vertx liveBus;
  /** Set once visits can be judged; fixes committed before that have no visit awaiting them on this node yet. */
  private volatile LateTrackRejudging rejudging;
  private DownlinkDelivery downlink;
  private String mqttDeployment;
  private PlanningEngine planning;
  private PlanJobs planJobs;
  private EmailSender emailSender;
  private int httpPort;
  private volatile boolean closing;
  private List<ApiRoute> apiRoutes = List.of();
  private List<String> publicRoutes = List.of();
  private int mqttPort;
  private int mqttWebSocketPort;
  private int osmandPort = -1;
  private int mqttsPort = -1;
  private Optional<String> generatedAdminPassword = Optional.empty();
  private TeamScope teamScope;
  private String nodeId;
  private OnceAcrossCluster once;
  private AgentPresence presence;
  private Outreach outreach;
  /** ETAs, alerts, and arrivals/departures at ingest; null until wired (fixes before that are not checked). */
  private volatile WatchTheDay watch;

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
    httpPort = concretePort(config.httpPort());
    nodeId = config.cluster().nodeId() != null ? config.cluster().nodeId() : config.cluster().host() + ":" + httpPort;
    LogOutput.use(config.logFormat(), nodeId);
    // Before the first meter (the pools'): series carry the node tag in cluster mode.
    ServerMetrics serverMetrics = new ServerMetrics(config.cluster().enabled() ? nodeId : null);
    metrics = serverMetrics.registry();
    planning = PlanningEngine.start(config);
    database = new Database(config).meteredBy(metrics).start();
    var ds = database.dataSource();

    PartitionMaintenance partitions = new PartitionMaintenance(ds, config.telemetryRetentionDays(), clock);
    partitions.run();
    // Before any visit can arrive: the contact-hour rollup buckets in this server's zone.
    ContactRollup.useZone(ds, config.timeZone());

    UserAccounts users = new UserAccounts(ds);
    generatedAdminPassword = users.bootstrapAdmin(config.adminPassword());
    byte[] signingKey = SigningKey.loadOrCreate(ds);

    IngestMetrics ingestMetrics = new IngestMetrics(metrics);
    TelemetryStore store = new TelemetryStore(ds);

    node = ClusterVertx.start(config.cluster(), serverMetrics);
    vertx = node.vertx();
    PositionBatchCodec.register(vertx.eventBus());
    if (node.clustered()) {
      // Fixes accepted by the other nodes move this node's latest positions too (GET /api/agents, a new map's
      // first frame); this node's own were offered before they were published, and offering them again is a no-op.
      vertx.eventBus().<PositionBatch>consumer(LiveEvents.POSITIONS, m -> m.body().fixes().forEach(latest::offer));
    }
    // From the database after listening to the other nodes, so that no fix accepted meanwhile is missed (offers keep
    // the newest by device time, in whatever order they come).
    latest.offerAll(store.latestPositions());
    liveBus = vertx;
    // The live map hears "agent offline" once no node holds the agent's devices, also when the node holding them dies.
    presence = new AgentPresence(node, sessions, this::onAgentOffline).start();
    sessions.listen(presence);
    // The writers' store borrows from the telemetry pool only: logins, reports and API calls cannot hold up a PUBACK.
    writer = new TelemetryWriter(new TelemetryStore(database.telemetryDataSource()),
        new WriterSettings(config.writerThreads(), WriterSettings.DEFAULT.maxBatchFixes(),
            WriterSettings.DEFAULT.maxQueuedFixes(), WriterSettings.DEFAULT.maxRetryBackoff(), config.writerLinger(),
            WriterSettings.DEFAULT.lingerUntilFixes()),
        ingestMetrics, committed -> {
          LateTrackRejudging r = rejudging;
          if (r != null) {
            r.committed(committed);
          }
        });
    Gauge.builder("campo.devices.connected", sessions, DeviceSessions::connected).register(metrics);
    Gauge.builder("campo.telemetry.queued", writer, TelemetryWriter::queuedFixes).register(metrics);

    AgentRegistry agents = new AgentRegistry(ds);
    Teams teams = new Teams(ds);
    teamScope = new TeamScope(teams::memberships);
    teamScope.refresh();
    // Before the MQTT endpoint takes fixes: those taken off duty are acknowledged, never stored (issue #17).
    ShiftFeature shifts = ShiftFeature.start(vertx, ds, config.timeZone(), config.evidence().maxBacklogAge(), clock);
    TelemetryIngest ingest = new TelemetryIngest(new TelemetryDecoder(TelemetryLimits.DEFAULT.withMaxBacklogAge(config.evidence().maxBacklogAge()), clock), writer, ingestMetrics,
        this::onAccepted, shifts.roster());

    mqttPort = config.tls().plainMqtt() ? concretePort(config.mqttPort()) : -1;
    mqttWebSocketPort = config.mqttWebSocketPort() < 0 ? -1 : concretePort(config.mqttWebSocketPort());
    mqttsPort = config.tls().mqttsPort() < 0 ? -1 : concretePort(config.tls().mqttsPort());
    MqttSettings mqtt = new MqttSettings(config.bindHost(), mqttPort, mqttWebSocketPort, 1024 * 1024, 1000, mqttsPort,
        config.tls().enabled() ? new PemKeyCertOptions().setCertPath(config.tls().certFile().toString())
            .setKeyPath(config.tls().keyFile().toString()) : null);
    int eventLoops = Math.max(1, Runtime.getRuntime().availableProcessors());
    downlink = new DownlinkDelivery(vertx, new DownlinkStore(ds), sessions);
    DeviceServices devices = new DeviceServices(agents, ingest, sessions, new SessionStore(ds), downlink,
        new SessionTakeover(vertx, sessions), config.mqttFailedConnects());
    // Token rotations and disablings reach this node's MQTT connections, phone sessions and maps (agent.DeviceCutoff).
    AgentStandings agentStandings = new AgentStandings(agents::standings);
    agentStandings.reload();
    DeviceCutoff deviceCutoff = new DeviceCutoff(vertx, agentStandings, sessions).listen();
    ConnectionsPerAddress mqttConnections = new ConnectionsPerAddress(config.mqttMaxConnectionsPerAddress());
    mqttDeployment = vertx.deployVerticle(() -> new MqttIngestVerticle(mqtt, devices, mqttConnections),
            new DeploymentOptions().setInstances(eventLoops))
        .await(30, TimeUnit.SECONDS);

    // Everyone sees every agent for now; team scopes replace this function when teams exist.
    LiveFeedVerticle liveFeed = new LiveFeedVerticle(latest::all, teamScope::visibleAgents, clock);
    vertx.deployVerticle(liveFeed).await(30, TimeUnit.SECONDS);
    // A user removed, or whose teams changed, on any node: their live sockets here close now, not at token expiry.
    LiveSocketsByUser liveSockets = new LiveSocketsByUser();
    // ... and their next API request looks their account up again (AccountCheck: a token outlives a removed user).
    Function<String, Future<Optional<UserAccounts.Account>>> currentAccount =
        username -> vertx.executeBlocking(() -> users.account(username), false);
    AccountCheck accounts = new AccountCheck(currentAccount, clock, agentStandings::revoked);
    // Changes no announcement tells of (a password reset from the command line) close the sockets within this.
    vertx.setPeriodic(AccountCheck.CONFIRMED_FOR.toMillis(), id -> liveSockets.recheck(currentAccount));
    UserChanges.listen(vertx, teamScope, accounts::forget, (username, change) -> {
      switch (change) {
        case REMOVED -> liveSockets.close(username, LiveSocketsByUser.USER_REMOVED, "this user was removed; log in again");
        // Only the sockets whose token the change ended: one the user opened since, with the new token, stays.
        case CREDENTIALS -> liveSockets.recheck(username, currentAccount);
        case ACCESS -> liveSockets.close(username, LiveSocketsByUser.ACCESS_CHANGED, "your teams changed; reconnect");
      }
    });

    JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(signingKey))));
    // This node forgets the account before the answer goes out (the caller's next request must see the change); the
    // other nodes when the announcement reaches them.
    BiConsumer<String, UserChanges.Change> announceUserChange = (username, change) -> {
      accounts.forget(username);
      UserChanges.publish(vertx, username, change);
    };
    KeptDeviceTokens keptTokens = new KeptDeviceTokens(ds);
    // One throttle for every way a phone proves its device token (device login, OwnTracks HTTP, OsmAnd).
    LoginThrottle deviceThrottle = new LoginThrottle(config.deviceLoginLimits());
    LoginHandler login = new LoginHandler(vertx, users, agents, jwt, config.timeZone(),
        username -> announceUserChange.accept(username, UserChanges.Change.CREDENTIALS),
        new LoginThrottle(config.loginLimits()), deviceThrottle, keptTokens);
    planJobs = new PlanJobs(vertx, ds, planning, downlink, node.nodeId(), node::members);
    AgentHandlers agentHandlers = new AgentHandlers(vertx, agents, latest, new ConnectedAgents(node, sessions), store, clock,
        teamScope, deviceCutoff, shifts.roster());
    QuestionnaireStore questionnaires = new QuestionnaireStore(ds);
    AwaitingTrack awaitingTrack = new AwaitingTrack(clock);
    VisitService visits = new VisitService(ds, store, new VisitValidator(ValidationRules.DEFAULT.withLateEvidence(
        config.evidence().lateFixAfter(), config.evidence().rejudgeFor())),
        new VisitNotices(config.smtp().enabled(), config.timeZone()), new QuestionnaireCheck(ds, questionnaires), awaitingTrack, clock,
        new VisitRuleSets(ds));
    LateTrackRejudging lateTracks = new LateTrackRejudging(vertx, visits, awaitingTrack, config.evidence().rejudgeFor(), clock);
    // Before fixes can wake it: the visits still awaiting their track from before this start, or from other nodes.
    lateTracks.reload();
    rejudging = lateTracks;
    if (config.smtp().enabled()) {
      emailSender = new EmailSender(vertx, new EmailOutbox(ds), config.smtp());
    }
    AgentMessages messages = new AgentMessages(ds);
    var reportDs = database.reportDataSource();
    DebtorLookup debtorLookup = new DebtorLookup(ds, segmentation, clock, config.timeZone());
    AgentAppHandlers agentApp = new AgentAppHandlers(vertx,
        new AgentAppDay(new PlannedRoutes(ds), new DayVisits(ds), debtorLookup, new OpenPromises(ds), questionnaires,
            config.timeZone(), clock),
        messages, new VisitPhotos(ds), new AgentAppSettings(mqttWebSocketPort, config.photoMaxBytes(),
            config.tiles().url(), config.tiles().attribution()), config.timeZone(), clock,
        new EvidenceHandlers(vertx, new VisitEvidence(ds), teamScope));
    io.campo.server.payments.PaymentsApi payments = io.campo.server.payments.PaymentsApi.create(vertx, ds, teamScope, clock, config);
    watch = new WatchTheDay(vertx, ds, config.watch(), config.timeZone(), clock, latest, planning, teamScope, config.smtp().enabled());
    ApiHandlers api = new ApiHandlers(login, agentHandlers, new PlanHandlers(vertx, planJobs, new PortfolioVisits(ds, segmentation),
        new ContactWindowing(new DebtorContactHistory(ds, ContactRollup.postgresName(config.timeZone())), config.timeZone()),
        config.timeZone(), teamScope, PlanHandlers.PlanningStores.of(ds, config.cadence(), config.timeZone(), latest, clock)),
        new VisitHandlers(vertx, visits, clock, teamScope), new ClientLogHandler(vertx, new ClientLog(ds)),
        new PortfolioHandlers(vertx, new PortfolioImport(ds, new io.campo.server.portfolio.E164Phones(config.outreach().country())), debtorLookup,
            teamScope, new io.campo.server.portfolio.DebtorSearch(ds)),
        new QuestionnaireHandlers(vertx, questionnaires, clock),
        new AgentDayHandlers(vertx, agents, new AgentDays(ds, store, messages), config.timeZone(), clock),
        new MessageHandlers(vertx, agents, messages, downlink, config.timeZone(), clock),
        new MapHandlers(vertx, planning, config.tiles()),
        new TeamHandlers(vertx, teams, teamScope), new UserHandlers(vertx, users, teamScope, announceUserChange),
        new ReportHandlers(vertx, new ContactHourQuery(reportDs, ContactRollup.postgresName(config.timeZone())),
            new DebtorContactHistory(reportDs, ContactRollup.postgresName(config.timeZone())),
            new KpiQuery(reportDs, config.timeZone(), clock), teamScope, config.timeZone(), config.reportStatementTimeout()),
        teamScope,
        new LiveSocketHandler(liveFeed, liveSockets, currentAccount, jwt, ApiRoutes.OFFICE),
        new DebtorTeamHandlers(vertx, new DebtorTeams(ds), teamScope),
        agentApp,
        new OwnTracksHttpHandler(vertx, agents, ingest, deviceThrottle),
        new EnrolmentHandlers(vertx, agents, keptTokens, config.publicUrl()),
        new PinCorrectionHandlers(vertx, new PinCorrections(ds, clock, config.timeZone()), teamScope),
        shifts.handlers(),
        new VisitRuleHandlers(vertx, new VisitRuleSets(ds)),
        payments,
        (outreach = Outreach.start(vertx, ds, config, teamScope, config.publicUrl() == null ? Optional.empty() : Optional.of(payments.links()), clock)).handlers(),
        watch.handlers());
    HttpApiVerticle http = new HttpApiVerticle(config.bindHost(), httpPort, config.maxBodyBytes(), config.httpIdleTimeoutSeconds(), jwt, accounts, api,
        metrics, new HealthEndpoints.Sources(ds, writer::databaseUp, writer::queuedFixes, planning::unavailableReason,
            !"none".equals(config.roads()), node.clustered(), node::members), config.tls(),
        new SecurityHeaders(config.tiles().url(), config.tls().enabled(), mqttWebSocketPort));
    vertx.deployVerticle(http).await(30, TimeUnit.SECONDS);
    httpPort = http.actualPort();
    apiRoutes = http.routes();
    publicRoutes = http.publicRoutes();
    if (config.osmandPort() >= 0) {
      OsmAndVerticle osmand = new OsmAndVerticle(config.bindHost(), config.osmandPort(), config.httpIdleTimeoutSeconds(),
          agents::agentWithToken, ingest, deviceThrottle);
      vertx.deployVerticle(osmand).await(30, TimeUnit.SECONDS);
      osmandPort = osmand.actualPort();
    }

    // Jobs whose work is in the shared database run on one node per period (whichever comes first); the rest of
    // the nodes skip that period.
    once = new OnceAcrossCluster(vertx, clock);
    watch.start(once);
    repeatOnceAcrossCluster("telemetry partition maintenance", Duration.ofHours(1), false, () -> {
      partitions.run();
      return null;
    });
    // Sealed device tokens past their enrolment window are wiped, not merely refused.
    repeatOnceAcrossCluster("wiping expired enrolment tokens", Duration.ofHours(1), false, keptTokens::wipeExpired);
    // A node that died while planning left its job running: its date stays blocked until this notices.
    repeatOnceAcrossCluster("failing plan jobs of stopped nodes", PLAN_ORPHAN_CHECK, false, planJobs::failOrphaned);
    // Distances per agent-day for the KPI report: at boot (in the background: a first run reads every stored
    // fix) and then every few minutes.
    DistanceRollup distances = new DistanceRollup(ds, config.timeZone());
    repeatOnceAcrossCluster("distance rollup refresh", DistanceRollup.INTERVAL, true, distances::refresh);
    // Visits recorded by the other nodes that await their late track: this node hears their fixes too.
    repeatBlocking("reloading visits awaiting their track", LateTrackRejudging.RELOAD_INTERVAL, false, lateTracks::reload);
    // Agents disabled or whose token was rotated from the command line: cut off on this node within the interval.
    repeatBlocking("re-reading the agents' standing", AgentStandings.RECHECK_INTERVAL, false, () -> {
      deviceCutoff.recheckBlocking();
      return null;
    });
    // Memberships changed by another node or the command line reach this node's scope within the interval.
    repeatBlocking("reloading team memberships", TeamScope.RELOAD_INTERVAL, false, () -> {
      teamScope.refresh();
      return null;
    });
    log.info("Campo listening: {} {}, MQTT {}, MQTT/{} {}, MQTT/TLS {}{}", config.tls().enabled() ? "HTTPS" : "HTTP", httpPort,
        mqttPort, config.tls().enabled() ? "WSS" : "WebSocket", mqttWebSocketPort, mqttsPort,
        node.clustered() ? ", node " + nodeId + " in cluster '" + config.cluster().name() + "' of " + node.members().size() : "");
  }

  /**
   * On an MQTT event loop, as soon as a publish is decoded and validated (before it is stored: see TelemetryIngest): the
   * fixes that moved their agent forward go to the live feed, one message per publish.
   */
  private void onAccepted(List<Fix> fixes) {
    List<Fix> moved = new ArrayList<>(fixes.size());
    for (Fix fix : fixes) {
      // A phone's backlog arriving after its live fixes is stored but must not move the marker back in time.
      if (latest.offer(fix)) {
        moved.add(fix);
      }
    }
    Vertx bus = liveBus;
    if (!moved.isEmpty() && bus != null) {
      bus.eventBus().publish(LiveEvents.POSITIONS, new PositionBatch(moved));
      WatchTheDay w = watch;
      if (w != null) {
        w.onFixes(moved);
      }
    }
  }

  private void onAgentOffline(String agentId) {
    Vertx bus = liveBus;
    if (bus != null) {
      bus.eventBus().publish(LiveEvents.AGENTS, LiveEvents.agentStatus(agentId, false));
    }
  }

  /**
   * Runs a blocking job (now, if asked) and again {@code interval} after each run has ended — never two at once. A
   * periodic timer would start a run while the last one is still going (the distance rollup's first pass reads every
   * stored fix), and the waiting runs would pile up holding worker threads and database connections.
   */
  private void repeatBlocking(String what, Duration interval, boolean runNow, Callable<?> job) {
    repeat(what, interval, runNow, () -> vertx.executeBlocking(job, false));
  }

  /** Like {@link #repeatBlocking}, but each period only one node of the cluster runs the job. */
  private void repeatOnceAcrossCluster(String what, Duration interval, boolean runNow, Callable<?> job) {
    repeat(what, interval, runNow, () -> once.run(what, interval, job));
  }

  private void repeat(String what, Duration interval, boolean runNow, Supplier<Future<?>> run) {
    if (runNow) {
      runThenRepeat(what, interval, run);
    } else {
      vertx.setTimer(interval.toMillis(), id -> runThenRepeat(what, interval, run));
    }
  }

  private void runThenRepeat(String what, Duration interval, Supplier<Future<?>> run) {
    if (closing) {
      return;
    }
    run.get()
        .onFailure(e -> log.error("{} failed: {}", what, e.toString()))
        .onComplete(done -> {
          if (!closing) {
            vertx.setTimer(interval.toMillis(), id -> runThenRepeat(what, interval, run));
          }
        });
  }

  /** Port 0 means "any free port"; it is resolved here so that every event loop shares one. */
  private static int concretePort(int configured) throws IOException {
    if (configured != 0) {
      return configured;
    }
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  public int httpPort() {
    return httpPort;
  }

  public int mqttPort() {
    return mqttPort;
  }

  public int mqttWebSocketPort() {
    return mqttWebSocketPort;
  }

  /** Whether HTTP, MQTT over WebSocket and {@link #mqttsPort} speak TLS ({@code CAMPO_TLS_CERT}). */
  public boolean tlsEnabled() {
    return config.tls().enabled();
  }

  /** MQTT over TLS; -1 when TLS is off or {@code CAMPO_MQTTS_PORT=-1}. */
  public int mqttsPort() {
    return mqttsPort;
  }

  /** The OsmAnd (Traccar Client) port actually bound, -1 when off. */
  public int osmandPort() {
    return osmandPort;
  }

  public Optional<String> generatedAdminPassword() {
    return generatedAdminPassword;
  }

  /** Every authenticated HTTP route with the roles it admits. */
  public List<ApiRoute> apiRoutes() {
    return apiRoutes;
  }

  /** Every other route with a fixed path ({@code "GET /health"}): login, health, the contract, the live socket… */
  public List<String> publicRoutes() {
    return publicRoutes;
  }

  /** Which agents each caller may see (admins all; dispatchers and managers their teams'); for the live feed too. */
  public TeamScope teamScope() {
    return teamScope;
  }

  public Database database() {
    return database;
  }

  public Vertx vertx() {
    return vertx;
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
    return latest;
  }

  /** Planning jobs (submitted, running, and those of stopped nodes). */
  public PlanJobs planJobs() {
    return planJobs;
  }

  /** Debtor outreach: its dispatcher (tests drain it) and the compliance gate. */
  public Outreach outreach() {
    return outreach;
  }

  /** Sends plans and messages to devices (stored first, delivered by whichever node holds the device). */
  public DownlinkDelivery downlink() {
    return downlink;
  }

  /** Watching the day: ETAs, alerts, arrivals and departures. */
  public WatchTheDay watch() {
    return watch;
  }

  @Override
  public void close() {
    closing = true;
    if (outreach != null) {
      outreach.close();
    }
    if (watch != null) {
      watch.close();
    }
    if (emailSender != null) {
      emailSender.close();
    }
    if (vertx != null && mqttDeployment != null) {
      // Devices first: their connections close and record their sessions while the pool is open.
      try {
        vertx.undeploy(mqttDeployment).await(10, TimeUnit.SECONDS);
        if (!sessions.awaitConnectionsClosed(Duration.ofSeconds(5))) {
          log.warn("stopping with MQTT connections not yet closed");
        }
        if (!sessions.awaitSessionWrites(Duration.ofSeconds(5))) {
          log.warn("stopping with MQTT session writes still running");
        }
        if (presence != null) {
          presence.drained().await(5, TimeUnit.SECONDS);
        }
      } catch (Exception e) {
        log.warn("stopping the MQTT endpoint: {}", e.toString());
      }
    }
    if (node != null) {
      liveBus = null;
      try {
        // Leaves the cluster when clustered: the other members drop this node's consumers at once.
        node.close();
      } catch (Exception e) {
        log.warn("stopping Vert.x: {}", e.toString());
      }
    }
    if (planJobs != null) {
      planJobs.close();
    }

    if (planning != null) {
      planning.close();
    }
    if (writer != null) {
      writer.close(Duration.ofSeconds(15));
    }
    if (database != null) {
      try {
        database.close();
      } catch (IOException e) {
        log.warn("stopping the database: {}", e.toString());
      }
    }
  }
}
