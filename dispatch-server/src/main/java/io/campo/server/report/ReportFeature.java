package io.campo.server.report;

import io.campo.server.cluster.PeriodicJobs;
import io.campo.server.team.TeamScope;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import javax.sql.DataSource;

/** The reports' API, on the reports' own pool, and the distance rollup that the KPI report reads. */
public final class ReportFeature {

  private ReportFeature() {}

  /**
   * @param reportDs the pool whose statements time out after {@code statementTimeout}
   */
  public static ReportHandlers start(Vertx vertx, DataSource ds, DataSource reportDs, ZoneId zone, Duration statementTimeout,
      TeamScope scope, PeriodicJobs jobs, Clock clock) {
    String rollupZone = ContactRollup.postgresName(zone);
    // Distances per agent-day for the KPI report: at boot (in the background: a first run reads every stored fix) and
    // then every few minutes.
    DistanceRollup distances = new DistanceRollup(ds, zone);
    jobs.repeatOnceAcrossCluster("distance rollup refresh", DistanceRollup.INTERVAL, true, distances::refresh);
    return new ReportHandlers(vertx, new ContactHourQuery(reportDs, rollupZone), new DebtorContactHistory(reportDs, rollupZone),
        new KpiQuery(reportDs, zone, clock), scope, zone, statementTimeout);
  }
}
