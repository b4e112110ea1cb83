package io.campo.server.watch;

import io.campo.server.config.WatchSettings;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which alert conditions hold for one agent now, from the running route, the ETAs and the recent track. Stateless on
 * purpose: a condition "for Y minutes" is read from the stored track (the fix at or before now − Y and every fix since),
 * not from a timer in one node's memory, so whichever node of a cluster runs the next check reaches the same answer.
 */
final class AlertConditions {

  /** Within this of a planned stop the agent is serving a visit, not idling. */
  static final double AT_A_STOP_METERS = 150;
  /** A low-battery alert clears only this many points above the threshold: a battery hovering on it raises one alert. */
  static final int BATTERY_HYSTERESIS_PERCENT = 5;

  /** A condition that holds: {@code subject} is the stop of a late alert, "" otherwise. */
  record Condition(AlertKind kind, String subject, JsonObject detail) {
    String key() {
      return kind.code + "/" + subject;
    }
  }

  /** What is known of the agent now. {@code battery} and {@code charging} are null when the phone does not say. */
  record AgentNow(Integer battery, Boolean charging, List<TrackPoint> recentTrack) {}

  private final WatchSettings settings;

  AlertConditions(WatchSettings settings) {
    this.settings = settings;
  }

  /** How far back the track must reach for {@link #holding}. */
  Duration lookBack() {
    return settings.offRouteFor().compareTo(settings.idleFor()) > 0 ? settings.offRouteFor() : settings.idleFor();
  }

  /**
   * @param remaining the route's stops not yet visited, in planned order
   * @param etas their ETAs, or empty when they could not be computed
   * @param open keys ({@link Condition#key}) of this agent's alerts open now
   */
  List<Condition> holding(Instant now, RunningRoute route, List<RunningRoute.Stop> remaining, List<StopEtas.Eta> etas,
      AgentNow agent, Set<String> open) {
    List<Condition> holding = new ArrayList<>();
    for (StopEtas.Eta eta : etas) {
      if (eta.lateBeyond(settings.lateGrace())) {
        holding.add(new Condition(AlertKind.LATE, eta.visitId(), new JsonObject()
            .put("visitId", eta.visitId())
            .put("eta", eta.arrival().toString())
            .put("windowEnd", eta.arrival().minus(eta.lateBy()).toString())
            .put("lateMinutes", eta.lateBy().toMinutes())));
      }
    }
    boolean underway = !remaining.isEmpty() && (route.departure() == null || !now.isBefore(route.departure()));
    if (underway && settings.offRouteMeters() > 0) {
      offRoute(now, route, agent.recentTrack()).ifPresent(holding::add);
    }
    if (underway && !settings.idleFor().isZero()) {
      idle(now, route, agent.recentTrack()).ifPresent(holding::add);
    }
    if (settings.lowBatteryPercent() > 0 && agent.battery() != null && !Boolean.TRUE.equals(agent.charging())) {
      boolean wasLow = open.contains(AlertKind.LOW_BATTERY.code + "/");
      int limit = settings.lowBatteryPercent() + (wasLow ? BATTERY_HYSTERESIS_PERCENT : 0);
      if (agent.battery() < limit) {
        holding.add(new Condition(AlertKind.LOW_BATTERY, "", new JsonObject().put("percent", agent.battery())
            .put("threshold", settings.lowBatteryPercent())));
      }
    }
    return holding;
  }

  private Optional<Condition> offRoute(Instant now, RunningRoute route, List<TrackPoint> track) {
    if (route.geometry().isEmpty()) {
      return Optional.empty();
    }
    int anchor = anchor(track, now.minus(settings.offRouteFor()));
    if (anchor < 0) {
      return Optional.empty();
    }
    double nearest = Double.POSITIVE_INFINITY;
    for (int i = anchor; i < track.size(); i++) {
      TrackPoint p = track.get(i);
      double meters = RouteDistance.meters(route.geometry(), p.lat(), p.lon());
      if (meters <= settings.offRouteMeters()) {
        return Optional.empty();
      }
      nearest = Math.min(nearest, meters);
    }
    TrackPoint last = track.get(track.size() - 1);
    return Optional.of(new Condition(AlertKind.OFF_ROUTE, "", new JsonObject()
        .put("meters", Math.round(RouteDistance.meters(route.geometry(), last.lat(), last.lon())))
        .put("nearestMeters", Math.round(nearest))
        .put("since", track.get(anchor).at().toString())
        .put("thresholdMeters", settings.offRouteMeters())));
  }

  private Optional<Condition> idle(Instant now, RunningRoute route, List<TrackPoint> track) {
    int anchor = anchor(track, now.minus(settings.idleFor()));
    if (anchor < 0) {
      return Optional.empty();
    }
    TrackPoint from = track.get(anchor);
    for (int i = anchor + 1; i < track.size(); i++) {
      if (metersBetween(from, track.get(i)) > settings.idleMeters()) {
        return Optional.empty();
      }
    }
    // Still before the anchor too, as far as the track reaches: the dispatcher reads since when, not the threshold.
    TrackPoint stillSince = from;
    for (int i = anchor - 1; i >= 0 && metersBetween(from, track.get(i)) <= settings.idleMeters(); i--) {
      stillSince = track.get(i);
    }
    TrackPoint last = track.get(track.size() - 1);
    for (RunningRoute.Stop stop : route.stops()) {
      if (metersBetween(last, new TrackPoint(last.at(), stop.lat(), stop.lon())) <= AT_A_STOP_METERS) {
        return Optional.empty();
      }
    }
    return Optional.of(new Condition(AlertKind.IDLE, "", new JsonObject()
        .put("since", stillSince.at().toString())
        .put("minutes", Duration.between(stillSince.at(), now).toMinutes())
        .put("lat", last.lat())
        .put("lon", last.lon())));
  }

  /** The index of the last fix taken at or before {@code boundary}: the condition must already hold then. -1 if none. */
  private static int anchor(List<TrackPoint> track, Instant boundary) {
    int anchor = -1;
    for (int i = 0; i < track.size() && !track.get(i).at().isAfter(boundary); i++) {
      anchor = i;
    }
    return anchor;
  }

  static double metersBetween(TrackPoint a, TrackPoint b) {
    double kx = 111_320.0 * Math.cos(Math.toRadians((a.lat() + b.lat()) / 2));
    return Math.hypot((a.lon() - b.lon()) * kx, (a.lat() - b.lat()) * 110_574.0);
  }
}
