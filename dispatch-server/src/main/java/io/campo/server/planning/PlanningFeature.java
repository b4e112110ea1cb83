package io.campo.server.planning;

import io.campo.server.cluster.ClusterVertx;
import io.campo.server.cluster.PeriodicJobs;
import io.campo.server.config.CampoConfig;
import io.campo.server.portfolio.PortfolioVisits;
import io.campo.server.portfolio.Segmentation;
import io.campo.server.report.ContactRollup;
import io.campo.server.report.DebtorContactHistory;
import io.campo.server.team.TeamScope;
import io.campo.tracking.ingest.LatestPositions;
import io.campo.tracking.mqtt.DownlinkDelivery;
import io.vertx.core.Vertx;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/** Planning days: the jobs that plan on this node, their API, and the watch for jobs whose node is gone. */
public final class PlanningFeature implements AutoCloseable {

  /** How often the cluster looks for planning jobs whose node is gone. */
  private static final Duration ORPHAN_CHECK = Duration.ofSeconds(30);

  private final PlanJobs jobs;
  private final PlanHandlers handlers;

  private PlanningFeature(PlanJobs jobs, PlanHandlers handlers) {
    this.jobs = jobs;
    this.handlers = handlers;
  }

  public static PlanningFeature start(Vertx vertx, DataSource ds, PlanningEngine engine, DownlinkDelivery downlink,
      ClusterVertx node, Segmentation segmentation, LatestPositions latest, TeamScope scope, CampoConfig config,
      PeriodicJobs periodic, Clock clock) throws SQLException {
    PlanJobs jobs = new PlanJobs(vertx, ds, engine, downlink, node.nodeId(), node::members);
    String rollupZone = ContactRollup.postgresName(config.timeZone());
    PlanHandlers handlers = new PlanHandlers(vertx, jobs, new PortfolioVisits(ds, segmentation),
        new ContactWindowing(new DebtorContactHistory(ds, rollupZone), config.timeZone()),
        config.timeZone(), scope, PlanHandlers.PlanningStores.of(ds, config, latest, clock));
    // A node that died while planning left its job running: its date stays blocked until this notices.
    periodic.repeatOnceAcrossCluster("failing plan jobs of stopped nodes", ORPHAN_CHECK, false, jobs::failOrphaned);
    return new PlanningFeature(jobs, handlers);
  }

  /** Planning jobs (submitted, running, and those of stopped nodes). */
  public PlanJobs jobs() {
    return jobs;
  }

  public PlanHandlers handlers() {
    return handlers;
  }

  @Override
  public void close() {
    jobs.close();
  }
}
