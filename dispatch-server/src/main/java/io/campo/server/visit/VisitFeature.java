package io.campo.server.visit;

import io.campo.server.cluster.PeriodicJobs;
import io.campo.server.config.CampoConfig;
import io.campo.server.notification.VisitNotices;
import io.campo.server.questionnaire.QuestionnaireCheck;
import io.campo.server.questionnaire.QuestionnaireStore;
import io.campo.server.team.TeamScope;
import io.campo.server.visitrule.VisitRuleSets;
import io.campo.tracking.storage.TelemetryStore;
import io.campo.tracking.visit.ValidationRules;
import io.campo.tracking.visit.VisitValidator;
import io.vertx.core.Vertx;
import java.time.Clock;
import javax.sql.DataSource;

/** Recording and judging visits: the API's handlers, and the late tracks that can still change a verdict. */
public final class VisitFeature {

  private final VisitHandlers handlers;
  private final LateTrackRejudging lateTracks;

  private VisitFeature(VisitHandlers handlers, LateTrackRejudging lateTracks) {
    this.handlers = handlers;
    this.lateTracks = lateTracks;
  }

  /** Reads the visits still awaiting their track (blocking) and re-reads them every {@link LateTrackRejudging#RELOAD_INTERVAL}. */
  public static VisitFeature start(Vertx vertx, DataSource ds, TelemetryStore store, CampoConfig config,
      QuestionnaireStore questionnaires, TeamScope scope, PeriodicJobs jobs, Clock clock) throws Exception {
    AwaitingTrack awaitingTrack = new AwaitingTrack(clock);
    VisitService visits = new VisitService(ds, store, new VisitValidator(ValidationRules.DEFAULT.withLateEvidence(
        config.evidence().lateFixAfter(), config.evidence().rejudgeFor())),
        new VisitNotices(config.smtp().enabled(), config.timeZone()), new QuestionnaireCheck(ds, questionnaires), awaitingTrack, clock,
        new VisitRuleSets(ds));
    LateTrackRejudging lateTracks = new LateTrackRejudging(vertx, visits, awaitingTrack, config.evidence().rejudgeFor(), clock);
    // Before fixes can wake it: the visits still awaiting their track from before this start, or from other nodes.
    lateTracks.reload();
    // Visits recorded by the other nodes that await their late track: this node hears their fixes too.
    jobs.repeatBlocking("reloading visits awaiting their track", LateTrackRejudging.RELOAD_INTERVAL, false, lateTracks::reload);
    return new VisitFeature(new VisitHandlers(vertx, visits, clock, scope), lateTracks);
  }

  public VisitHandlers handlers() {
    return handlers;
  }

  /** To be told of each batch of committed fixes. */
  public LateTrackRejudging lateTracks() {
    return lateTracks;
  }
}
