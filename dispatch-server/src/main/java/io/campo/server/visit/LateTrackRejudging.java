package io.campo.server.visit;

import io.campo.server.live.LiveEvents;
import io.campo.tracking.telemetry.Fix;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges a visit rejected only for want of track again when fixes for its window are committed
 * ({@link #committed}, the telemetry writer's commit hook), and tells the live map when its
 * verdict changes ({@code visit.rejudged}).
 *
 * <p>A burst of commits for one visit (a backlog in batches of 1,000) queues it once: the visit
 * leaves the queue just before it is judged, so a commit during the judgement queues it again and
 * no fix is left unread.
 *
 * <p>In a cluster each node awaits the visits it recorded at once and those of the other nodes
 * after {@link #reload}, which judges each newly found visit once: fixes committed on this node
 * before it knew of the visit are read then.
 */
public final class LateTrackRejudging {

  private static final Logger log = LoggerFactory.getLogger(LateTrackRejudging.class);

  /** How often a node catches up with the visits the other nodes recorded. */
  public static final Duration RELOAD_INTERVAL = Duration.ofSeconds(30);

  private final Vertx vertx;
  private final VisitService visits;
  private final AwaitingTrack awaiting;
  private final Duration rejudgeFor;
  private final Clock clock;
  private final Set<Long> queued = ConcurrentHashMap.newKeySet();

  public LateTrackRejudging(Vertx vertx, VisitService visits, AwaitingTrack awaiting, Duration rejudgeFor, Clock clock) {
    this.vertx = vertx;
    this.visits = visits;
    this.awaiting = awaiting;
    this.rejudgeFor = rejudgeFor;
    this.clock = clock;
  }

  /** On a writer thread, after a commit: costs one map lookup per fix of an agent with nothing awaited. */
  public void committed(List<Fix> fixes) {
    for (AwaitingTrack.Visit v : awaiting.touchedBy(fixes)) {
      queue(v.id());
    }
  }

  private void queue(long visitId) {
    if (!queued.add(visitId)) {
      return;
    }
    vertx.executeBlocking(() -> {
      queued.remove(visitId);
      return visits.rejudge(visitId);
    }, false).onSuccess(this::announce)
        .onFailure(e -> log.warn("Could not judge visit {} again on its late track; the next fixes for it will retry: {}",
            visitId, e.toString()));
  }

  private void announce(Optional<VisitService.Rejudged> rejudged) {
    rejudged.ifPresent(r -> vertx.eventBus().publish(LiveEvents.VISITS,
        new JsonObject().put("type", "visit.rejudged").put("visit", r.visit())));
  }

  /**
   * Blocking: awaits the visits recorded within the re-judging period that this node did not know
   * of (recorded by another node, or before a restart), judging each once, and forgets those that
   * another node or a dispatcher settled meanwhile.
   */
  public int reload() throws Exception {
    // Only what was awaited before the query may be forgotten: a visit recorded meanwhile is not in its answer.
    Set<Long> before = awaiting.ids();
    List<AwaitingTrack.Visit> current = visits.awaitingTrackSince(Instant.ofEpochMilli(clock.millis()).minus(rejudgeFor));
    Set<Long> stillAwaited = ConcurrentHashMap.newKeySet();
    int found = 0;
    for (AwaitingTrack.Visit v : current) {
      stillAwaited.add(v.id());
      if (awaiting.add(v)) {
        found++;
        queue(v.id());
      }
    }
    for (Long id : before) {
      if (!stillAwaited.contains(id)) {
        awaiting.removeId(id);
      }
    }
    return found;
  }
}
