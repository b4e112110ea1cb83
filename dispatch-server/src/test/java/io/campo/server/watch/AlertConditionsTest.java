package io.campo.server.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.config.WatchSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The alert conditions on hand-made routes and tracks: each one's edges, without a server. */
class AlertConditionsTest {

  static final double LAT = 19.4326;
  static final double LON = -99.1332;
  static final Instant NOW = Instant.parse("2026-12-04T17:00:00Z");
  static final WatchSettings SETTINGS = WatchSettings.DEFAULT;
  static final AlertConditions CONDITIONS = new AlertConditions(SETTINGS);

  static double east(double meters) {
    return LON + meters / (111_320.0 * Math.cos(Math.toRadians(LAT)));
  }

  static double north(double meters) {
    return LAT + meters / 110_574.0;
  }

  static RunningRoute.Stop stop(String id, double eastMeters, Instant windowEnd) {
    List<RunningRoute.Window> windows = windowEnd == null ? List.of()
        : List.of(new RunningRoute.Window(NOW.minus(Duration.ofHours(2)), windowEnd));
    return new RunningRoute.Stop(id, LAT, east(eastMeters), NOW, NOW, Duration.ofMinutes(10), windows);
  }

  /** A route due east along the parallel, 5 km long, with stops at 2 and 4 km. */
  static RunningRoute route(List<RunningRoute.Stop> stops) {
    return new RunningRoute("a1", 1, "car", NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(4)), stops,
        List.of(new double[] {LON, LAT}, new double[] {east(5000), LAT}));
  }

  /** One fix a minute for {@code minutes} up to now, placed by {@code where(minute)} as {lat, lon}. */
  static List<TrackPoint> track(int minutes, java.util.function.IntFunction<double[]> where) {
    List<TrackPoint> track = new ArrayList<>();
    for (int m = minutes; m >= 0; m--) {
      double[] p = where.apply(m);
      track.add(new TrackPoint(NOW.minus(Duration.ofMinutes(m)), p[0], p[1]));
    }
    return track;
  }

  static Set<String> kinds(List<AlertConditions.Condition> conditions) {
    Set<String> kinds = new java.util.TreeSet<>();
    conditions.forEach(c -> kinds.add(c.key()));
    return kinds;
  }

  List<AlertConditions.Condition> check(List<TrackPoint> track, Integer battery, Boolean charging, Set<String> open) {
    RunningRoute r = route(List.of(stop("S1", 2000, null), stop("S2", 4000, null)));
    return CONDITIONS.holding(NOW, r, r.stops(), List.of(), new AlertConditions.AgentNow(battery, charging, track), open);
  }

  @Test
  void drivingAlongTheRouteRaisesNothing() {
    assertEquals(Set.of(), kinds(check(track(30, m -> new double[] {north(20), east(1000 - 30 * m)}), 80, false, Set.of())));
  }

  @Test
  void offRouteOnlyOnceFartherThanTheLimitForTheWholeDuration() {
    // 400 m north of the route for 11 minutes: off route (300 m for 10 minutes).
    assertEquals(Set.of("off_route/"), kinds(check(track(11, m -> new double[] {north(400), east(500 + 40 * m)}), 80, false, Set.of())));
    // For 9 minutes only, the fix 10 minutes ago was on the route: not yet.
    assertEquals(Set.of(), kinds(check(track(20, m -> new double[] {north(m >= 10 ? 100 : 400), east(500 + 40 * m)}), 80, false,
        Set.of())));
    // Back within 300 m on the latest fix: the condition ends.
    assertEquals(Set.of(), kinds(check(track(20, m -> new double[] {north(m == 0 ? 250 : 400), east(500 + 40 * m)}), 80, false,
        Set.of("off_route/"))));
  }

  @Test
  void idleWhenNotMovingAwayFromAnyStopForTheWholeDuration() {
    List<TrackPoint> still = track(25, m -> new double[] {north(m % 2 == 0 ? 5 : 0), east(1000 + (m % 3))});
    var conditions = check(still, 80, false, Set.of());
    assertEquals(Set.of("idle/"), kinds(conditions));
    assertEquals(25, conditions.get(0).detail().getLong("minutes"));
    // Moved 200 m five minutes ago: not idle for 20 minutes.
    assertEquals(Set.of(), kinds(check(track(25, m -> new double[] {LAT, east(m > 5 ? 800 : 1000)}), 80, false, Set.of())));
    // Standing at a planned stop is serving a visit, not idling.
    assertEquals(Set.of(), kinds(check(track(25, m -> new double[] {LAT, east(2000 + 30)}), 80, false, Set.of())));
    // A track shorter than the idle duration says nothing yet.
    assertEquals(Set.of(), kinds(check(track(15, m -> new double[] {LAT, east(1000)}), 80, false, Set.of())));
  }

  @Test
  void idleAndOffRouteWaitForTheRouteToStartAndStopWhenNoStopRemains() {
    RunningRoute r = route(List.of(stop("S1", 2000, null)));
    List<TrackPoint> still = track(30, m -> new double[] {north(900), east(1000)});
    var agent = new AlertConditions.AgentNow(80, false, still);
    assertEquals(Set.of("idle/", "off_route/"), kinds(CONDITIONS.holding(NOW, r, r.stops(), List.of(), agent, Set.of())));
    assertEquals(Set.of(), kinds(CONDITIONS.holding(NOW, r, List.of(), List.of(), agent, Set.of())), "every stop visited");
    RunningRoute later = new RunningRoute("a1", 1, "car", NOW.plus(Duration.ofMinutes(30)), null, r.stops(), r.geometry());
    assertEquals(Set.of(), kinds(CONDITIONS.holding(NOW, later, later.stops(), List.of(), agent, Set.of())), "before the route starts");
  }

  @Test
  void lowBatteryRaisesBelowTheThresholdAndClearsOnlyAboveItsHysteresisOrWhenCharging() {
    List<TrackPoint> moving = track(30, m -> new double[] {LAT, east(100 * m)});
    assertEquals(Set.of(), kinds(check(moving, 15, false, Set.of())));
    assertEquals(Set.of("low_battery/"), kinds(check(moving, 14, false, Set.of())));
    assertEquals(Set.of("low_battery/"), kinds(check(moving, 19, false, Set.of("low_battery/"))), "hovering: stays open");
    assertEquals(Set.of(), kinds(check(moving, 20, false, Set.of("low_battery/"))), "recharged enough: clears");
    assertEquals(Set.of(), kinds(check(moving, 5, true, Set.of("low_battery/"))), "on the charger: clears");
    assertEquals(Set.of(), kinds(check(moving, null, null, Set.of())), "a phone that does not report its battery");
  }

  @Test
  void everyAlertCanBeTurnedOff() {
    AlertConditions off = new AlertConditions(WatchSettings.read(Map.of("CAMPO_ALERT_OFF_ROUTE_METERS", "0",
        "CAMPO_ALERT_IDLE_MINUTES", "0", "CAMPO_ALERT_LOW_BATTERY_PERCENT", "0")));
    RunningRoute r = route(List.of(stop("S1", 2000, null)));
    var agent = new AlertConditions.AgentNow(3, false, track(30, m -> new double[] {north(900), east(1000)}));
    assertEquals(Set.of(), kinds(off.holding(NOW, r, r.stops(), List.of(), agent, Set.of())));
  }

  @Test
  void lateWhenTheEtaPassesTheWindowsEndByMoreThanTheGrace() {
    List<RunningRoute.Stop> stops = List.of(stop("S1", 2000, NOW.plus(Duration.ofMinutes(30))),
        stop("S2", 4000, NOW.plus(Duration.ofMinutes(40))), stop("S3", 4500, null));
    // 10 minutes to S1, 10 minutes of service, 30 minutes to S2 (ETA +50 min: 10 late), 5 to S3.
    List<StopEtas.Eta> etas = StopEtas.of(NOW, stops, new double[] {600, 1800, 300});
    assertEquals(NOW.plus(Duration.ofMinutes(10)), etas.get(0).arrival());
    assertEquals(NOW.plus(Duration.ofMinutes(50)), etas.get(1).arrival());
    assertEquals(NOW.plus(Duration.ofMinutes(65)), etas.get(2).arrival());
    RunningRoute r = route(stops);
    var agent = new AlertConditions.AgentNow(80, false, track(30, m -> new double[] {LAT, east(1000 - 30 * m)}));
    var conditions = CONDITIONS.holding(NOW, r, stops, etas, agent, Set.of());
    assertEquals(Set.of("late/S2"), kinds(conditions));
    assertEquals(10, conditions.get(0).detail().getLong("lateMinutes"));
    // Within the 5-minute grace: not late.
    List<StopEtas.Eta> nearly = StopEtas.of(NOW, stops, new double[] {600, 1500, 300});
    assertEquals(Set.of(), kinds(CONDITIONS.holding(NOW, r, stops, nearly, agent, Set.of())));
  }

  @Test
  void anEarlyAgentWaitsForTheWindowToOpen() {
    RunningRoute.Stop early = new RunningRoute.Stop("S1", LAT, LON, NOW, NOW, Duration.ofMinutes(15),
        List.of(new RunningRoute.Window(NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(2)))));
    RunningRoute.Stop next = stop("S2", 100, null);
    List<StopEtas.Eta> etas = StopEtas.of(NOW, List.of(early, next), new double[] {60, 60});
    assertEquals(NOW.plus(Duration.ofMinutes(1)), etas.get(0).arrival());
    assertEquals(NOW.plus(Duration.ofMinutes(60 + 15 + 1)), etas.get(1).arrival(), "waits, serves, drives on");
    assertTrue(etas.get(0).lateBy().isNegative());
    assertThrows(IllegalArgumentException.class, () -> StopEtas.of(NOW, List.of(early), new double[0]));
  }

  @Test
  void routeDistanceIsMetresToTheNearestSegment() {
    List<double[]> line = List.of(new double[] {LON, LAT}, new double[] {east(1000), LAT}, new double[] {east(1000), north(1000)});
    assertEquals(200, RouteDistance.meters(line, north(200), east(500)), 1.0);
    assertEquals(300, RouteDistance.meters(line, north(500), east(1300)), 1.5);
    assertEquals(100, RouteDistance.meters(line, LAT, east(-100)), 1.0, "beyond the first vertex: to the vertex");
    assertEquals(Double.POSITIVE_INFINITY, RouteDistance.meters(List.of(), LAT, LON));
  }
}
