package io.campo.server.watch;

import io.campo.server.cluster.PeriodicJobs;
import io.campo.server.config.WatchSettings;
import io.campo.server.live.LiveEvents;
import io.campo.server.notification.EmailSender;
import io.campo.server.planning.PlanningEngine;
import io.campo.server.team.TeamScope;
import io.campo.tracking.ingest.LatestPositions;
import io.campo.tracking.telemetry.Fix;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watching the day, wired: arrivals and departures at ingest ({@link DoorEvents}, unless {@code CAMPO_GEOFENCE_EVENTS=off}),
 * and every {@code CAMPO_WATCH_INTERVAL_SECONDS} one node of the cluster computes ETAs and alerts ({@link DayWatch}) and
 * publishes them on the live feed. What {@code CampoServer} holds of this feature is this one object.
 */
public final class WatchTheDay implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WatchTheDay.class);
  static final String JOB = "watching the day";

  private final Vertx vertx;
  private final WatchSettings settings;
  private final DoorEvents doors;
  private final DayWatch dayWatch;
  private final AlertHandlers handlers;
  private volatile boolean closed;

  /** @param emailEnabled an SMTP server is configured (alerts are e-mailed only if also {@code CAMPO_ALERT_EMAIL=on}) */
  public WatchTheDay(Vertx vertx, DataSource dataSource, WatchSettings settings, ZoneId zone, Clock clock, LatestPositions latest,
      PlanningEngine planning, TeamScope scope, boolean emailEnabled) {
    this.vertx = vertx;
    this.settings = settings;
    this.doors = settings.geofenceEvents() ? new DoorEvents(vertx, dataSource, settings.geofenceExitMarginMeters()) : null;
    DayAlerts alerts = new DayAlerts(dataSource, zone);
    this.dayWatch = new DayWatch(dataSource, new RunningRoutes(dataSource, zone), new LegTimes(planning),
        new AlertConditions(settings), alerts, latest, zone, clock, settings.emailSupervisors() && emailEnabled);
    this.handlers = new AlertHandlers(vertx, alerts, scope, zone, clock);
  }

  /** Reads the geofences (blocking) and registers the periodic watch, which runs on one node per period. */
  public void start(PeriodicJobs jobs) throws Exception {
    if (doors != null) {
      log.info("arrivals and departures computed at ingest over {} geofences", doors.reload());
      // Every node: each checks the fixes it ingests.
      jobs.repeatBlocking("reading the geofences", DoorEvents.RELOAD_INTERVAL, false, doors::reload);
    }
    jobs.repeatOnceAcrossCluster(JOB, settings.interval(), false, this::watchOnce);
  }

  /** On the ingest thread: the fixes of one publish that moved their agent forward. Never blocks. */
  public void onFixes(List<Fix> moved) {
    DoorEvents d = doors;
    if (d != null && !closed) {
      d.onFixes(moved);
    }
  }

  /** Reads the geofences again now (blocking): for tests and benchmarks that just wrote addresses. */
  public int reloadGeofences() throws Exception {
    return doors == null ? 0 : doors.reload();
  }

  /** Mean ingest-thread time per fix of the arrival/departure check, in ns; NaN when off or before any fix. */
  public double geofenceNanosPerFix() {
    return doors == null ? Double.NaN : doors.nanosPerFix();
  }

  /** One pass of the watch now, on this node (blocking). */
  public Void watchOnce() throws Exception {
    DayWatch.Pass pass = dayWatch.run();
    pass.events().forEach(e -> vertx.eventBus().publish(LiveEvents.WATCH, e));
    if (pass.emailQueued()) {
      vertx.eventBus().publish(EmailSender.WAKE_ADDRESS, null);
    }
    return null;
  }

  public AlertHandlers handlers() {
    return handlers;
  }

  @Override
  public void close() {
    closed = true;
  }
}
