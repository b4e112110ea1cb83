package io.campo.tracking.geofence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which geofences each agent is at, fix after fix, and the arrivals and departures that follow: an
 * arrival when a fix is first inside a geofence; a departure when a later fix is more than
 * {@code exitMarginMeters} beyond its edge. The margin is why a phone jittering on the edge of a
 * 75 m circle does not arrive and leave every few seconds.
 *
 * <p>Per fix the work is one {@link GeofenceIndex} probe (~100 ns) plus, only while the agent is at
 * some geofence, one distance per geofence it is at; the common case (nowhere, and was nowhere)
 * allocates nothing. It never blocks, so it runs on the ingest thread.
 *
 * <p>Fixes must be offered in device-time order per agent (the ingest offers only those that moved the
 * agent forward); fixes whose accuracy is worse than {@link #MAX_ACCURACY_METERS} are ignored, as
 * a 500 m circle says nothing about a doorstep.
 *
 * <p>Thread-safe: the index is swapped atomically, each agent's state is updated atomically.
 */
public final class GeofencePresence {

  /** Fixes less precise than this neither arrive nor depart. */
  public static final double MAX_ACCURACY_METERS = 100;

  private static final long[] NOWHERE = new long[0];

  public enum Kind {
    ARRIVAL, DEPARTURE
  }

  /** An agent reached or left geofence {@code geofenceId} with the fix taken at {@code deviceTimeMillis}. */
  public record Transition(String agentId, long geofenceId, Kind kind, long deviceTimeMillis, double lat, double lon) {}

  private final double exitMarginMeters;
  private final ConcurrentHashMap<String, long[]> insideByAgent = new ConcurrentHashMap<>();
  private volatile GeofenceIndex index = GeofenceIndex.build(List.of());

  /** @param exitMarginMeters how far beyond a geofence's edge a fix must be to count as leaving it; at least 0 */
  public GeofencePresence(double exitMarginMeters) {
    if (!(exitMarginMeters >= 0)) {
      throw new IllegalArgumentException("exit margin must be at least 0 m, was " + exitMarginMeters);
    }
    this.exitMarginMeters = exitMarginMeters;
  }

  /**
   * Replaces the geofences. An agent at a geofence that no longer exists simply stops being there (no
   * departure: nobody left it, the portfolio changed).
   */
  public void use(GeofenceIndex newIndex) {
    index = newIndex;
  }

  public GeofenceIndex index() {
    return index;
  }

  /** The transitions this fix causes, in no particular order; usually none (an immutable empty list). */
  public List<Transition> observe(String agentId, long deviceTimeMillis, double lat, double lon, Double accuracyMeters) {
    if (accuracyMeters != null && accuracyMeters > MAX_ACCURACY_METERS) {
      return List.of();
    }
    GeofenceIndex current = index;
    long[] before = insideByAgent.get(agentId);
    if (before == null && current.countContaining(lat, lon, 0) == 0) {
      return List.of();
    }
    List<Transition> transitions = new ArrayList<>(2);
    insideByAgent.compute(agentId, (id, was) -> {
      transitions.clear();
      long[] previous = was == null ? NOWHERE : was;
      // Overlapping geofences (one building, many debtors) may report any number.
      long[][] hits = {new long[4]};
      int[] count = {0};
      current.containing(lat, lon, 0, fence -> {
        if (count[0] == hits[0].length) {
          hits[0] = Arrays.copyOf(hits[0], count[0] * 2);
        }
        hits[0][count[0]++] = fence;
      });
      long[] now = count[0] == 0 ? NOWHERE : Arrays.copyOf(hits[0], count[0]);
      for (long fence : now) {
        if (!contains(previous, fence)) {
          transitions.add(new Transition(agentId, fence, Kind.ARRIVAL, deviceTimeMillis, lat, lon));
        }
      }
      List<Long> stillNear = new ArrayList<>(0);
      for (long fence : previous) {
        if (contains(now, fence)) {
          continue;
        }
        var geofence = current.get(fence);
        if (geofence.isEmpty()) {
          continue;
        }
        if (geofence.get().distanceMeters(lat, lon) > exitMarginMeters) {
          transitions.add(new Transition(agentId, fence, Kind.DEPARTURE, deviceTimeMillis, lat, lon));
        } else {
          stillNear.add(fence);
        }
      }
      if (now.length == 0 && stillNear.isEmpty()) {
        return null;
      }
      long[] next = Arrays.copyOf(now, now.length + stillNear.size());
      for (int i = 0; i < stillNear.size(); i++) {
        next[now.length + i] = stillNear.get(i);
      }
      return next;
    });
    return transitions;
  }

  /** The geofences the agent is at now (in no order). */
  public long[] at(String agentId) {
    long[] inside = insideByAgent.get(agentId);
    return inside == null ? NOWHERE : inside.clone();
  }

  private static boolean contains(long[] fences, long fence) {
    for (long f : fences) {
      if (f == fence) {
        return true;
      }
    }
    return false;
  }
}
