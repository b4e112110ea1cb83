package io.campo.server.shift;

import io.campo.tracking.ingest.OnDuty;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * This node's copy of every agent's schedule and recent shift starts and ends, judged from memory for every fix (the
 * ingest path calls {@link #at} on its event loops). An agent with neither is on duty at all hours. The newest shift
 * action covering an instant wins over the schedule; the schedule decides otherwise.
 *
 * <p>Thread-safe: {@link #replace} swaps both maps at once; readers see the last complete copy.
 */
public final class DutyRoster implements OnDuty {

  private record Copy(Map<String, WorkSchedule> schedules, Map<String, List<ShiftOverride>> overrides) {}

  private final ZoneId zone;
  private volatile Copy copy = new Copy(Map.of(), Map.of());

  public DutyRoster(ZoneId zone) {
    this.zone = zone;
  }

  /** @param overrides per agent, oldest first */
  void replace(Map<String, WorkSchedule> schedules, Map<String, List<ShiftOverride>> overrides) {
    copy = new Copy(Map.copyOf(schedules), Map.copyOf(overrides));
  }

  @Override
  public boolean at(String agentId, long deviceTimeMillis) {
    return onDuty(agentId, Instant.ofEpochMilli(deviceTimeMillis));
  }

  public boolean onDuty(String agentId, Instant t) {
    Copy c = copy;
    List<ShiftOverride> overrides = c.overrides.get(agentId);
    if (overrides != null) {
      for (int i = overrides.size() - 1; i >= 0; i--) {
        if (overrides.get(i).covers(t)) {
          return overrides.get(i).onDuty();
        }
      }
    }
    return scheduledOnDuty(c, agentId, t);
  }

  private boolean scheduledOnDuty(Copy c, String agentId, Instant t) {
    WorkSchedule s = c.schedules.get(agentId);
    return s == null || s.onDutyAt(t, zone);
  }

  /** Whether the agent has a schedule at all (else it is tracked at all hours). */
  public boolean hasSchedule(String agentId) {
    return copy.schedules.containsKey(agentId);
  }

  /** Agents this copy knows anything about: the only ones who can be off duty. */
  Set<String> agentsWithRules() {
    Copy c = copy;
    Set<String> ids = new TreeSet<>(c.schedules.keySet());
    ids.addAll(c.overrides.keySet());
    return ids;
  }

  /**
   * Until when a shift started or ended at {@code at} holds: the next time the schedule alone changes the agent's
   * state, and at the latest the next local midnight.
   */
  Instant overrideUntil(String agentId, Instant at) {
    Instant midnight = nextMidnight(at);
    Copy c = copy;
    boolean now = scheduledOnDuty(c, agentId, at);
    for (Instant t = nextMinute(at); t.isBefore(midnight); t = t.plus(1, ChronoUnit.MINUTES)) {
      if (scheduledOnDuty(c, agentId, t) != now) {
        return t;
      }
    }
    return midnight;
  }

  /**
   * The on-duty periods between {@code from} and {@code to}, for the agent app to decide offline when to record fixes.
   * Schedules change state only at whole local minutes and shift actions at their own instants; both are looked at.
   */
  List<Instant[]> periods(String agentId, Instant from, Instant to) {
    Copy c = copy;
    TreeSet<Instant> edges = new TreeSet<>();
    for (Instant t = nextMinute(from); t.isBefore(to); t = t.plus(1, ChronoUnit.MINUTES)) {
      edges.add(t);
    }
    for (ShiftOverride o : c.overrides.getOrDefault(agentId, List.of())) {
      for (Instant edge : new Instant[] {o.from(), o.until()}) {
        if (edge.isAfter(from) && edge.isBefore(to)) {
          edges.add(edge);
        }
      }
    }
    List<Instant[]> out = new ArrayList<>();
    Instant start = onDuty(agentId, from) ? from : null;
    for (Instant edge : edges) {
      boolean on = onDuty(agentId, edge);
      if (on && start == null) {
        start = edge;
      } else if (!on && start != null) {
        out.add(new Instant[] {start, edge});
        start = null;
      }
    }
    if (start != null) {
      out.add(new Instant[] {start, to});
    }
    return out;
  }

  private Instant nextMidnight(Instant at) {
    LocalDate tomorrow = at.atZone(zone).toLocalDate().plusDays(1);
    return tomorrow.atStartOfDay(zone).toInstant();
  }

  private static Instant nextMinute(Instant t) {
    return t.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
  }

  ZoneId zone() {
    return zone;
  }
}
