package io.campo.server.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An agent's route of today's newest finished plan, as the watch needs it: the stops in planned order with their service
 * time and windows, and the road geometry ({@code [lon, lat]} pairs, as GeoJSON).
 *
 * @param profile the travel profile the plan used for this agent ("car", "motorcycle", "foot")
 */
record RunningRoute(String agentId, long planId, String profile, Instant departure, Instant finish, List<Stop> stops,
    List<double[]> geometry) {

  /** When service may start: UTC instants. */
  record Window(Instant start, Instant end) {}

  /**
   * One planned stop. {@code windows} is empty when the plan said nothing about them (any time of the shift).
   *
   * @param visitId the debtor's external id (what a plan drawn from the portfolio names its visits by)
   */
  record Stop(String visitId, double lat, double lon, Instant plannedArrival, Instant plannedServiceStart, Duration service,
      List<Window> windows) {

    /** The window the plan chose: the one holding the planned service start, else the last one. */
    Window plannedWindow() {
      for (Window w : windows) {
        if (!plannedServiceStart.isBefore(w.start()) && !plannedServiceStart.isAfter(w.end())) {
          return w;
        }
      }
      return windows.isEmpty() ? null : windows.get(windows.size() - 1);
    }
  }
}
