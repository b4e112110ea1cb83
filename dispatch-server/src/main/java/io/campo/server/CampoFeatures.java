package io.campo.server;

import io.campo.server.agent.AgentFeature;
import io.campo.server.agent.AgentHandlers;
import io.campo.server.agentapp.AgentAppDay;
import io.campo.server.agentapp.AgentAppHandlers;
import io.campo.server.agentapp.AgentAppSettings;
import io.campo.server.agentapp.VisitPhotos;
import io.campo.server.agentday.AgentDayHandlers;
import io.campo.server.agentday.AgentDays;
import io.campo.server.agentday.DayVisits;
import io.campo.server.agentday.PlannedRoutes;
import io.campo.server.auth.KeptDeviceTokens;
import io.campo.server.auth.LoginHandler;
import io.campo.server.auth.LoginThrottle;
import io.campo.server.auth.SigningKey;
import io.campo.server.auth.UserAccounts;
import io.campo.server.cluster.ClusterVertx;
import io.campo.server.cluster.ConnectedAgents;
import io.campo.server.cluster.PeriodicJobs;
import io.campo.server.config.CampoConfig;
import io.campo.server.database.Database;
import io.campo.server.enrolment.EnrolmentFeature;
import io.campo.server.evidence.EvidenceHandlers;
import io.campo.server.evidence.VisitEvidence;
import io.campo.server.http.ApiHandlers;
import io.campo.server.http.ApiRoutes;
import io.campo.server.http.HttpApiVerticle;
import io.campo.server.http.SecurityHeaders;
import io.campo.server.live.LiveFanOut;
import io.campo.server.live.LiveFeedVerticle;
import io.campo.server.live.LiveSocketHandler;
import io.campo.server.live.LiveSocketsByUser;
import io.campo.server.map.MapHandlers;
import io.campo.server.message.AgentMessages;
import io.campo.server.message.MessageHandlers;
import io.campo.server.notification.EmailOutbox;
import io.campo.server.notification.EmailSender;
import io.campo.server.observability.HealthEndpoints;
import io.campo.server.outreach.Outreach;
import io.campo.server.planning.PlanJobs;
import io.campo.server.payments.PaymentsApi;
import io.campo.server.phone.OsmAndVerticle;
import io.campo.server.phone.OwnTracksHttpHandler;
import io.campo.server.pin.PinCorrectionHandlers;
import io.campo.server.pin.PinCorrections;
import io.campo.server.planning.PlanningEngine;
import io.campo.server.planning.PlanningFeature;
import io.campo.server.portfolio.ClientLog;
import io.campo.server.portfolio.ClientLogHandler;
import io.campo.server.portfolio.DebtorLookup;
import io.campo.server.portfolio.DebtorSearch;
import io.campo.server.portfolio.DebtorTeamHandlers;
import io.campo.server.portfolio.DebtorTeams;
import io.campo.server.portfolio.E164Phones;
import io.campo.server.portfolio.OpenPromises;
import io.campo.server.portfolio.PortfolioHandlers;
import io.campo.server.portfolio.PortfolioImport;
import io.campo.server.portfolio.Segmentation;
import io.campo.server.questionnaire.QuestionnaireHandlers;
import io.campo.server.questionnaire.QuestionnaireStore;
import io.campo.server.report.ContactRollup;
import io.campo.server.report.ReportFeature;
import io.campo.server.shift.ShiftFeature;
import io.campo.server.team.AccountChanges;
import io.campo.server.team.TeamFeature;
import io.campo.server.team.TeamHandlers;
import io.campo.server.team.TeamScope;
import io.campo.server.team.UserChanges;
import io.campo.server.team.UserHandlers;
import io.campo.server.visit.VisitFeature;
import io.campo.server.visitrule.VisitRuleHandlers;
import io.campo.server.visitrule.VisitRuleSets;
import io.campo.server.watch.WatchTheDay;
import io.campo.tracking.Tracking;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Every feature, built on the core {@link CampoServer} started (database, cluster node, tracking, live fan-out,
 * scheduler): each feature package assembles its own parts and registers its periodic jobs; this class hands each
 * the features it needs and collects their handlers for the HTTP API. Nothing here listens on a port.
 */
public final class CampoFeatures implements AutoCloseable {

  final Optional<String> generatedAdminPassword;
  final TeamFeature teams;
  final AgentFeature agents;
  final PlanningFeature plans;
  final Outreach outreach;
  final WatchTheDay watch;
  /** Null when SMTP is not configured. */
  private final EmailSender emailSender;
  private final ApiHandlers api;
  private final AccountChanges accountChanges;
  private final JWTAuth jwt;
  private final LoginThrottle deviceThrottle;
  private final CampoConfig config;
  private final Database database;
  private final ClusterVertx node;
  private final PlanningEngine planning;
  private final Tracking tracking;
  private final int mqttWebSocketPort;

  /** The first admin's password when this start created it (printed once by the command line). */
  public Optional<String> generatedAdminPassword() {
    return generatedAdminPassword;
  }

  /** Which agents each caller may see (admins all; dispatchers and managers their teams'); for the live feed too. */
  public TeamScope teamScope() {
    return teams.scope();
  }

  /** Planning jobs (submitted, running, and those of stopped nodes). */
  public PlanJobs planJobs() {
    return plans.jobs();
  }

  /** Debtor outreach: its dispatcher and the compliance gate. */
  public Outreach outreach() {
    return outreach;
  }

  /** Watching the day: ETAs, alerts, arrivals and departures. */
  public WatchTheDay watch() {
    return watch;
  }

  private CampoFeatures(CampoConfig config, Clock clock, ClusterVertx node, Database database, PlanningEngine planning,
      Tracking tracking, LiveFanOut live, PeriodicJobs jobs, Segmentation segmentation, ShiftFeature shifts,
      int mqttWebSocketPort) throws Exception {
    this.config = config;
    this.database = database;
    this.node = node;
    this.planning = planning;
    this.tracking = tracking;
    this.mqttWebSocketPort = mqttWebSocketPort;
    Vertx vertx = node.vertx();
    var ds = database.dataSource();
    // Before any visit can arrive: the contact-hour rollup buckets in this server's zone.
    ContactRollup.useZone(ds, config.timeZone());
    UserAccounts users = new UserAccounts(ds);
    generatedAdminPassword = users.bootstrapAdmin(config.adminPassword());
    jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(SigningKey.loadOrCreate(ds)))));
    teams = TeamFeature.start(ds, jobs);
    var scope = teams.scope();
    agents = AgentFeature.start(vertx, ds, tracking.sessions(), jobs);

    LiveFeedVerticle liveFeed = new LiveFeedVerticle(live.latest()::all, scope::visibleAgents, clock);
    vertx.deployVerticle(liveFeed).await(30, TimeUnit.SECONDS);
    LiveSocketsByUser liveSockets = new LiveSocketsByUser();
    accountChanges = AccountChanges.start(vertx, users, scope, liveSockets, agents.standings()::revoked, jobs, clock);
    KeptDeviceTokens keptTokens = new KeptDeviceTokens(ds);
    // One throttle for every way a phone proves its device token (device login, OwnTracks HTTP, OsmAnd).
    deviceThrottle = new LoginThrottle(config.deviceLoginLimits());
    LoginHandler login = new LoginHandler(vertx, users, agents.registry(), jwt, config.timeZone(),
        username -> accountChanges.announce(username, UserChanges.Change.CREDENTIALS),
        new LoginThrottle(config.loginLimits()), deviceThrottle, keptTokens);
    plans = PlanningFeature.start(vertx, ds, planning, tracking.downlink(), node, segmentation, live.latest(), scope, config, jobs, clock);
    AgentHandlers agentHandlers = new AgentHandlers(vertx, agents.registry(), live.latest(),
        new ConnectedAgents(node, tracking.sessions()), tracking.store(), clock, scope, agents.cutoff(), shifts.roster());
    QuestionnaireStore questionnaires = new QuestionnaireStore(ds);
    VisitFeature visits = VisitFeature.start(vertx, ds, tracking.store(), config, questionnaires, scope, jobs, clock);
    tracking.onCommitted(visits.lateTracks()::committed);
    emailSender = config.smtp().enabled() ? new EmailSender(vertx, new EmailOutbox(ds), config.smtp()) : null;
    AgentMessages messages = new AgentMessages(ds);
    DebtorLookup debtorLookup = new DebtorLookup(ds, segmentation, clock, config.timeZone());
    AgentAppHandlers agentApp = new AgentAppHandlers(vertx,
        new AgentAppDay(new PlannedRoutes(ds), new DayVisits(ds), debtorLookup, new OpenPromises(ds), questionnaires,
            config.timeZone(), clock),
        messages, new VisitPhotos(ds), new AgentAppSettings(mqttWebSocketPort, config.photoMaxBytes(),
            config.tiles().url(), config.tiles().attribution()), config.timeZone(), clock,
        new EvidenceHandlers(vertx, new VisitEvidence(ds), scope));
    PaymentsApi payments = PaymentsApi.create(vertx, ds, scope, clock, config);
    watch = new WatchTheDay(vertx, ds, config.watch(), config.timeZone(), clock, live.latest(), planning, scope, config.smtp().enabled());
    live.watchFixes(watch::onFixes);
    outreach = Outreach.start(vertx, ds, config, scope, config.publicUrl() == null ? Optional.empty() : Optional.of(payments.links()), jobs,
        clock);
    api = new ApiHandlers(login, agentHandlers, plans.handlers(), visits.handlers(), new ClientLogHandler(vertx, new ClientLog(ds)),
        new PortfolioHandlers(vertx, new PortfolioImport(ds, new E164Phones(config.outreach().country())), debtorLookup,
            scope, new DebtorSearch(ds)),
        new QuestionnaireHandlers(vertx, questionnaires, clock),
        new AgentDayHandlers(vertx, agents.registry(), new AgentDays(ds, tracking.store(), messages), config.timeZone(), clock),
        new MessageHandlers(vertx, agents.registry(), messages, tracking.downlink(), config.timeZone(), clock),
        new MapHandlers(vertx, planning, config.tiles()),
        new TeamHandlers(vertx, teams.teams(), scope),
        new UserHandlers(vertx, users, scope, accountChanges::announce),
        ReportFeature.start(vertx, ds, database.reportDataSource(), config.timeZone(), config.reportStatementTimeout(), scope, jobs, clock),
        scope,
        new LiveSocketHandler(liveFeed, liveSockets, accountChanges.currentAccount(), jwt, ApiRoutes.OFFICE),
        new DebtorTeamHandlers(vertx, new DebtorTeams(ds), scope),
        agentApp,
        new OwnTracksHttpHandler(vertx, agents.registry(), tracking.ingest(), deviceThrottle),
        EnrolmentFeature.start(vertx, agents.registry(), keptTokens, config.publicUrl(), jobs),
        new PinCorrectionHandlers(vertx, new PinCorrections(ds, clock, config.timeZone()), scope),
        shifts.handlers(),
        new VisitRuleHandlers(vertx, new VisitRuleSets(ds)),
        payments,
        outreach.handlers(),
        watch.handlers());
    watch.start(jobs);
  }

  static CampoFeatures start(CampoConfig config, Clock clock, ClusterVertx node, Database database, PlanningEngine planning,
      Tracking tracking, LiveFanOut live, PeriodicJobs jobs, Segmentation segmentation, ShiftFeature shifts,
      int mqttWebSocketPort) throws Exception {
    return new CampoFeatures(config, clock, node, database, planning, tracking, live, jobs, segmentation, shifts, mqttWebSocketPort);
  }

  /** The HTTP API and the web pages, on {@code port}; not yet deployed. */
  HttpApiVerticle http(int port, PrometheusMeterRegistry metrics) {
    HealthEndpoints.Sources health = new HealthEndpoints.Sources(database.dataSource(), tracking::databaseUp,
        tracking::queuedFixes, planning::unavailableReason, !"none".equals(config.roads()), node.clustered(), node::members);
    return new HttpApiVerticle(config.bindHost(), port, config.maxBodyBytes(), config.httpIdleTimeoutSeconds(), jwt,
        accountChanges.check(), api, metrics, health, config.tls(),
        new SecurityHeaders(config.tiles().url(), config.tls().enabled(), mqttWebSocketPort));
  }

  /** The OsmAnd (Traccar Client) endpoint on {@code CAMPO_OSMAND_PORT}; not yet deployed. */
  OsmAndVerticle osmand() {
    return new OsmAndVerticle(config.bindHost(), config.osmandPort(), config.httpIdleTimeoutSeconds(),
        agents.registry()::agentWithToken, tracking.ingest(), deviceThrottle);
  }

  /** Stops what sends on its own (messages, e-mail, the watch) before the input stops. */
  @Override
  public void close() {
    if (outreach != null) {
      outreach.close();
    }
    if (watch != null) {
      watch.close();
    }
    if (emailSender != null) {
      emailSender.close();
    }
  }
}
