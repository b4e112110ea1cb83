package io.campo.server.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The ETA at each remaining stop, in planned order, from now and the travel times of the legs: the agent drives to the
 * next stop, waits for its window to open if early, serves it, and drives on — the plan's own timeline, restarted from
 * where the agent is.
 */
final class StopEtas {

  /**
   * When the agent should reach a stop, and how late that is for the window the plan chose ({@code lateBy} zero or
   * negative when in time; null when the stop has no window).
   */
  record Eta(String visitId, Instant arrival, Duration lateBy) {

    boolean lateBeyond(Duration grace) {
      return lateBy != null && lateBy.compareTo(grace) > 0;
    }
  }

  private StopEtas() {}

  /**
   * @param legSeconds {@code legSeconds[0]} from the agent to the first remaining stop, {@code legSeconds[k]} from
   *     remaining stop k - 1 to k; one per stop
   */
  static List<Eta> of(Instant now, List<RunningRoute.Stop> remaining, double[] legSeconds) {
    if (legSeconds.length != remaining.size()) {
      throw new IllegalArgumentException(remaining.size() + " stops need as many legs, got " + legSeconds.length);
    }
    List<Eta> etas = new ArrayList<>(remaining.size());
    Instant t = now;
    for (int k = 0; k < remaining.size(); k++) {
      RunningRoute.Stop stop = remaining.get(k);
      Instant arrival = t.plusMillis(Math.round(legSeconds[k] * 1000));
      RunningRoute.Window window = stop.plannedWindow();
      Instant serviceStart = window != null && arrival.isBefore(window.start()) ? window.start() : arrival;
      etas.add(new Eta(stop.visitId(), arrival, window == null ? null : Duration.between(window.end(), arrival)));
      t = serviceStart.plus(stop.service());
    }
    return etas;
  }
}
