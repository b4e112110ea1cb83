package io.campo.load.fleet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An agent driving its planned day along the plan's road path: it leaves at the planned
 * departure, covers each leg between the planned departure and the next planned arrival at the
 * speed that takes (standing still through the break when it falls on the way), stays at each
 * door until the planned departure, drives the last leg to its end place, and stays there.
 *
 * <p>Each stop lies on the path where the planned road distances put it: after the sum of the
 * legs' metres so far, scaled to the path's length (the plan's distances come from the matrix,
 * its path from a route query through the same snapped points, so they agree to a few metres).
 *
 * <p>The plan's clock runs {@code speedup} times faster than the time the agent is advanced by,
 * so that a demo shows a working day in an hour; speeds reported are the plan's own, as a phone
 * in that car would measure them. A {@link Pace} slows that clock where the compressed day would
 * not be believed from the phone's wall-clock track (too fast on a leg, too short at a door), so
 * the agent then falls behind the plan's instants and keeps its order. Reported positions are exact points of the path: the GPS
 * scatter is the {@link SimulatedAgent}'s. Not thread-safe (see {@link Mover}).
 */
public final class PlannedRouteMover implements Mover {

  /** Above any speed a plan can mean; only a leg planned with no time to drive it would reach it. */
  private static final double MAX_REPORTED_SPEED_MPS = 60;

  /** Driving from {@code fromMetres} to {@code toMetres} along the path between two instants, epoch seconds. */
  private record Leg(double startSecond, double endSecond, double fromMetres, double toMetres) {}

  /** Plan seconds [start, end) that pass at {@code rate} plan seconds per wall-clock second; {@code stop} ≥ 0 at a door. */
  private record Stretch(double startSecond, double endSecond, double rate, int stop) {}

  private final DevicePlan plan;
  private final RoadPath path;
  private final List<Leg> legs = new ArrayList<>();
  private final double pauseStart;
  private final double pauseEnd;
  private final double speedup;
  private final Pace pace;
  /** Stretches of the plan's clock that run slower than the speed-up (legs too fast, doors too short), in order. */
  private final List<Stretch> stretches = new ArrayList<>();
  private double planSecond;
  private double lastHeading;

  /**
   * @param startAt the plan instant the agent is at now; the route's clock goes on from there
   * @param speedup plan seconds per second of {@link #advance}, at least 1 (1 = real time)
   * @throws IllegalArgumentException when the plan has no road path to follow
   */
  public PlannedRouteMover(DevicePlan plan, Instant startAt, double speedup) {
    this(plan, startAt, speedup, Pace.UNLIMITED);
  }

  /**
   * @param pace where the plan's clock must run slower than {@code speedup} for the track to stay
   *     believable (see {@link Pace})
   */
  public PlannedRouteMover(DevicePlan plan, Instant startAt, double speedup, Pace pace) {
    if (!(speedup >= 1)) {
      throw new IllegalArgumentException("speed-up must be at least 1, got " + speedup);
    }
    this.plan = plan;
    this.path = new RoadPath(plan.geometry());
    this.speedup = speedup;
    this.pace = pace;
    this.planSecond = seconds(startAt);
    this.pauseStart = plan.lunch().map(p -> seconds(p.start())).orElse(Double.NaN);
    this.pauseEnd = plan.lunch().map(p -> seconds(p.end())).orElse(Double.NaN);
    buildLegs();
    buildStretches();
    this.lastHeading = path.headingAt(0);
  }

  /**
   * The mover for a plan that reached the phone at {@code receivedAt}. A plan that arrives after
   * its departure (the shift started while it was being computed) is driven from its start
   * rather than from where the plan says the agent should be by now, which would be a jump.
   */
  public static PlannedRouteMover receivedAt(DevicePlan plan, Instant receivedAt, double speedup) {
    return receivedAt(plan, receivedAt, speedup, Pace.UNLIMITED);
  }

  /** As {@link #receivedAt(DevicePlan, Instant, double)}, at {@code pace}. */
  public static PlannedRouteMover receivedAt(DevicePlan plan, Instant receivedAt, double speedup, Pace pace) {
    Instant startAt = receivedAt.isBefore(plan.departure()) ? receivedAt : plan.departure();
    return new PlannedRouteMover(plan, startAt, speedup, pace);
  }

  /**
   * The stop whose door the agent is at now (from its planned arrival to its planned
   * departure, waiting for the window included), from 0; -1 on the road, before the day or after it.
   */
  public int doorAt() {
    List<DevicePlan.Stop> stops = plan.stops();
    for (int i = 0; i < stops.size(); i++) {
      if (planSecond >= seconds(stops.get(i).arrival()) && planSecond < seconds(stops.get(i).departure())) {
        return i;
      }
    }
    return -1;
  }

  /** The plan instant the agent has reached (its own clock: behind the plan's when the pace slowed it). */
  public Instant planTime() {
    return Instant.ofEpochMilli(Math.round(planSecond * 1000));
  }

  public DevicePlan plan() {
    return plan;
  }

  private void buildLegs() {
    double length = path.lengthMetres();
    double planned = plan.travelMeters();
    if (planned <= 0) {
      planned = plan.stops().stream().mapToDouble(DevicePlan.Stop::travelMeters).sum();
    }
    double scale = planned > 0 ? length / planned : 0;
    double leftAt = seconds(plan.departure());
    double fromMetres = 0;
    double plannedSoFar = 0;
    for (DevicePlan.Stop stop : plan.stops()) {
      plannedSoFar += stop.travelMeters();
      double toMetres = Math.min(length, plannedSoFar * scale);
      legs.add(new Leg(leftAt, seconds(stop.arrival()), fromMetres, toMetres));
      leftAt = seconds(stop.departure());
      fromMetres = toMetres;
    }
    // The path goes on to the end place when there is one; without, it ends at the last stop.
    if (fromMetres < length) {
      legs.add(new Leg(leftAt, Math.max(leftAt, seconds(plan.finish())), fromMetres, length));
    }
  }

  /** The legs driven faster than the pace allows, and the doors left sooner than it allows, at the rate that keeps to it. */
  private void buildStretches() {
    for (Leg leg : legs) {
      double drivingSeconds = leg.endSecond() - leg.startSecond() - pausedSeconds(leg.startSecond(), leg.endSecond());
      double metres = leg.toMetres() - leg.fromMetres();
      if (drivingSeconds > 0 && metres > 0) {
        double rate = Math.min(speedup, pace.maxRoadSpeedMps() * drivingSeconds / metres);
        if (rate < speedup) {
          stretches.add(new Stretch(leg.startSecond(), leg.endSecond(), rate, -1));
        }
      }
    }
    List<DevicePlan.Stop> stops = plan.stops();
    for (int i = 0; i < stops.size(); i++) {
      double arrival = seconds(stops.get(i).arrival());
      double departure = seconds(stops.get(i).departure());
      if (departure > arrival && pace.minDoorSeconds() > 0) {
        // Slower than real time when the plan itself allows less than the floor.
        double rate = Math.min(speedup, (departure - arrival) / pace.minDoorSeconds());
        if (rate < speedup) {
          stretches.add(new Stretch(arrival, departure, rate, i));
        }
      }
    }
    stretches.sort((a, b) -> Double.compare(a.startSecond(), b.startSecond()));
  }

  @Override
  public Motion advance(double elapsedSeconds) {
    double wall = elapsedSeconds;
    // The plan's clock runs at the speed-up, and slower through each stretch the pace slows.
    while (wall > 0) {
      double rate = speedup;
      double until = Double.POSITIVE_INFINITY;
      for (Stretch s : stretches) {
        if (planSecond < s.startSecond()) {
          until = s.startSecond();
          break;
        }
        if (planSecond < s.endSecond()) {
          rate = s.rate();
          until = s.endSecond();
          break;
        }
      }
      double step = wall * rate;
      if (planSecond + step < until) {
        planSecond += step;
        break;
      }
      wall -= (until - planSecond) / rate;
      planSecond = until;
    }
    return motionAt(planSecond);
  }

  private Motion motionAt(double t) {
    double metres = 0;
    double speed = 0;
    for (Leg leg : legs) {
      if (t < leg.startSecond()) {
        break;
      }
      if (t >= leg.endSecond()) {
        metres = leg.toMetres();
        continue;
      }
      double drivingSeconds = leg.endSecond() - leg.startSecond() - pausedSeconds(leg.startSecond(), leg.endSecond());
      double drivenSeconds = t - leg.startSecond() - pausedSeconds(leg.startSecond(), t);
      double legMetres = leg.toMetres() - leg.fromMetres();
      if (drivingSeconds <= 0) {
        metres = leg.toMetres();
        break;
      }
      metres = leg.fromMetres() + legMetres * Math.min(1, drivenSeconds / drivingSeconds);
      boolean onBreak = t >= pauseStart && t < pauseEnd;
      speed = onBreak ? 0 : Math.min(MAX_REPORTED_SPEED_MPS, legMetres / drivingSeconds);
      break;
    }
    // Standing still, a phone keeps the last course it measured.
    if (speed > 0) {
      lastHeading = path.headingAt(metres);
    }
    return new Motion(path.pointAt(metres), speed, lastHeading);
  }

  /** How much of [from, to) the break takes. */
  private double pausedSeconds(double from, double to) {
    if (Double.isNaN(pauseStart)) {
      return 0;
    }
    return Math.max(0, Math.min(to, pauseEnd) - Math.max(from, pauseStart));
  }

  private static double seconds(Instant t) {
    return t.getEpochSecond() + t.getNano() / 1e9;
  }
}
