package io.campo.server.visit;

import io.campo.tracking.telemetry.Fix;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The visits rejected only for want of track that a late backlog may still prove, by agent, each
 * until its re-judging period ends. Asked on every telemetry commit, so the answer for an agent
 * with nothing pending (nearly every fix) is one map lookup.
 *
 * <p>Thread-safe: the writer threads ask while the visit handlers and the reload add and remove.
 */
public final class AwaitingTrack {

  /**
   * @param fromMillis start of the device-time window whose fixes bear on the visit
   * @param toMillis end of that window (exclusive)
   * @param untilMillis wall-clock time after which fixes no longer re-judge it
   */
  public record Visit(long id, String agentId, long fromMillis, long toMillis, long untilMillis) {}

  private final Map<String, Map<Long, Visit>> byAgent = new ConcurrentHashMap<>();
  private final Clock clock;

  public AwaitingTrack(Clock clock) {
    this.clock = clock;
  }

  /** @return true when the visit was not awaited yet */
  public boolean add(Visit v) {
    if (v.untilMillis() <= clock.millis()) {
      return false;
    }
    return byAgent.computeIfAbsent(v.agentId(), a -> new ConcurrentHashMap<>()).put(v.id(), v) == null;
  }

  public void remove(String agentId, long visitId) {
    byAgent.computeIfPresent(agentId, (a, visits) -> {
      visits.remove(visitId);
      return visits.isEmpty() ? null : visits;
    });
  }

  /** Forgets a visit whose agent the caller does not know (settled elsewhere). */
  public void removeId(long visitId) {
    byAgent.forEach((agent, visits) -> {
      if (visits.containsKey(visitId)) {
        remove(agent, visitId);
      }
    });
  }

  public boolean contains(long visitId) {
    return byAgent.values().stream().anyMatch(m -> m.containsKey(visitId));
  }

  public Set<Long> ids() {
    Set<Long> ids = new HashSet<>();
    byAgent.values().forEach(m -> ids.addAll(m.keySet()));
    return ids;
  }

  /** The awaited visits whose window holds one of these committed fixes; visits past their period are dropped. */
  public Set<Visit> touchedBy(List<Fix> committed) {
    if (byAgent.isEmpty()) {
      return Set.of();
    }
    Set<Visit> touched = new HashSet<>();
    long now = clock.millis();
    for (Fix f : committed) {
      Map<Long, Visit> visits = byAgent.get(f.agentId());
      if (visits == null) {
        continue;
      }
      for (Visit v : visits.values()) {
        if (v.untilMillis() <= now) {
          remove(v.agentId(), v.id());
        } else if (f.deviceTimeMillis() >= v.fromMillis() && f.deviceTimeMillis() < v.toMillis()) {
          touched.add(v);
        }
      }
    }
    return touched;
  }
}
