package io.campo.tracking.ingest;

import io.campo.tracking.telemetry.Fix;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each agent's most recent position by device time, in memory, for the agents list and the
 * live map. It is a cache of {@code agent_position}: rebuilt from the database at start, then
 * fed with each fix once it is validated, just before it is written (a fix whose write fails is
 * sent again by its device, which does not acknowledge it). An older fix never replaces a newer one, so a phone's backlog
 * arriving after its live fixes does not move the agent back in time.
 *
 * <p>Thread-safe.
 */
public final class LatestPositions {

  private final ConcurrentHashMap<String, Fix> byAgent = new ConcurrentHashMap<>();

  /** Keeps {@code fix} if it is newer than what is known for its agent; returns true if it was. */
  public boolean offer(Fix fix) {
    boolean[] moved = {false};
    byAgent.compute(fix.agentId(), (id, current) -> {
      if (fix.isNewerThan(current)) {
        moved[0] = true;
        return fix;
      }
      return current;
    });
    return moved[0];
  }

  public void offerAll(Map<String, Fix> fixes) {
    fixes.values().forEach(this::offer);
  }

  public Optional<Fix> of(String agentId) {
    return Optional.ofNullable(byAgent.get(agentId));
  }

  public Collection<Fix> all() {
    return byAgent.values();
  }
}
