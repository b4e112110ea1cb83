package io.campo.server.shift;

import io.campo.server.cluster.PeriodicJobs;
import io.vertx.core.Vertx;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import javax.sql.DataSource;

/**
 * Work-hours-only tracking, wired: the roster ingest asks about every fix, its synchronisation across the cluster, and
 * the HTTP handlers. Built once at start, before the MQTT endpoint takes fixes.
 */
public final class ShiftFeature {

  private final DutyRoster roster;
  private final ShiftHandlers handlers;

  private ShiftFeature(DutyRoster roster, ShiftHandlers handlers) {
    this.roster = roster;
    this.handlers = handlers;
  }

  /**
   * Reads every schedule (blocking) and starts following changes; {@code jobs} re-reads them.
   *
   * @param zone the agency's zone: schedules are its wall-clock times
   * @param backlog the oldest fix ingest accepts ({@code CAMPO_TELEMETRY_MAX_BACKLOG_DAYS}): shift actions are kept that long
   */
  public static ShiftFeature start(Vertx vertx, DataSource ds, ZoneId zone, Duration backlog, PeriodicJobs jobs, Clock clock)
      throws SQLException {
    AgentSchedules store = new AgentSchedules(ds);
    DutyRoster roster = new DutyRoster(zone);
    RosterSync sync = new RosterSync(vertx, store, roster, backlog, clock).start(jobs);
    return new ShiftFeature(roster, new ShiftHandlers(vertx, store, roster, sync, clock));
  }

  /** Answers ingest's question for every fix, from memory. */
  public DutyRoster roster() {
    return roster;
  }

  public ShiftHandlers handlers() {
    return handlers;
  }
}
