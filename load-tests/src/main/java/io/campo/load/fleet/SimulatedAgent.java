package io.campo.load.fleet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * One simulated field agent's phone: it moves ({@link Mover}), its battery drains and charges,
 * and each call to {@link #nextFix} reads its GPS as a {@link DeviceFix}, with the noise and
 * accuracy figures of a phone outdoors. It wanders until it is given a plan ({@link #follow}),
 * then drives that plan until a newer one replaces it.
 *
 * <p>Not thread-safe: one agent, one caller.
 */
public final class SimulatedAgent {

  private static final double WALKING_SHARE = 0.6;

  private final AgentCredentials credentials;
  private Mover mover;
  private OptionalLong planId = OptionalLong.empty();
  private final Battery battery;
  private final SplittableRandom random;
  private final DeviceClock clock = new DeviceClock();
  private long seq;
  private long lastWallMillis = -1;
  private PlannedRouteMover planned;
  /** Where the agent is (before GPS scatter), and how it gets to the start of a plan's path when a pace forbids jumping there. */
  private LatLon position;
  private LatLon approachTo;
  private double approachSpeedMps;
  private int door = -1;
  private DeviceFix checkIn;
  private final List<DoorVisit> finished = new ArrayList<>();

  public SimulatedAgent(AgentCredentials credentials, Mover mover, Battery battery, SplittableRandom random) {
    this.credentials = credentials;
    this.mover = mover;
    this.battery = battery;
    this.random = random;
  }

  /** An agent on foot or on a motorbike, somewhere on the streets within {@code radiusMetres} of {@code centre}. */
  public static SimulatedAgent wandering(AgentCredentials credentials, LatLon centre, double radiusMetres, SplittableRandom random) {
    TravelMode mode = random.nextDouble() < WALKING_SHARE ? TravelMode.WALKING : TravelMode.MOTORBIKE;
    Mover walk = new StreetGridWalk(centre, radiusMetres, StreetGridWalk.DEFAULT_BLOCK_METRES, mode, random.split());
    return new SimulatedAgent(credentials, walk, new Battery(random.split()), random);
  }

  public AgentCredentials credentials() {
    return credentials;
  }

  /**
   * Drives {@code plan} from now on, instead of wandering or of the plan it had. Ignored (false)
   * when it is the plan already followed (a retained plan comes again on every reconnection),
   * when the day it plans is over, or when it has no road path (an agent with nothing to do).
   *
   * @param speedup how much faster than the wall clock the plan's day runs (1 = real time)
   */
  public boolean follow(DevicePlan plan, long wallClockMillis, double speedup) {
    return follow(plan, wallClockMillis, speedup, Pace.UNLIMITED);
  }

  /** As {@link #follow(DevicePlan, long, double)}, at {@code pace}. */
  public boolean follow(DevicePlan plan, long wallClockMillis, double speedup, Pace pace) {
    Instant now = Instant.ofEpochMilli(wallClockMillis);
    if ((planId.isPresent() && planId.getAsLong() == plan.planId()) || plan.finish().isBefore(now) || plan.geometry().size() < 2) {
      return false;
    }
    planned = PlannedRouteMover.receivedAt(plan, now, speedup, pace);
    mover = planned;
    planId = OptionalLong.of(plan.planId());
    // Jumping from where it wandered to the start of the path would be a teleport to the server's
    // visit validation: a paced agent first goes there, no faster than the pace allows, and its
    // plan's clock starts on arrival.
    approachTo = null;
    if (position != null && Double.isFinite(pace.maxRoadSpeedMps())) {
      approachTo = plan.geometry().get(0);
      approachSpeedMps = pace.maxRoadSpeedMps();
    }
    // A stop of the replaced plan left unfinished is not submitted.
    door = -1;
    checkIn = null;
    return true;
  }

  /** The plan the agent drives; empty while it wanders. */
  public OptionalLong planId() {
    return planId;
  }

  /** Moves the agent on to {@code wallClockMillis} and returns the fix its phone reports there. */
  public DeviceFix nextFix(long wallClockMillis) {
    double elapsedSeconds = lastWallMillis < 0 ? 0 : Math.max(0, wallClockMillis - lastWallMillis) / 1000.0;
    lastWallMillis = wallClockMillis;
    Motion motion = approachTo != null ? approach(elapsedSeconds) : mover.advance(elapsedSeconds);
    position = motion.position();
    battery.advance(elapsedSeconds);
    double accuracyMetres = 3 + random.nextDouble() * 12;
    // A reading scatters around the true position by about its reported accuracy.
    LatLon reading = motion.position().offset(
        random.nextGaussian() * accuracyMetres / 2, random.nextGaussian() * accuracyMetres / 2);
    DeviceFix fix = new DeviceFix(clock.stamp(wallClockMillis), reading.lat(), reading.lon(), accuracyMetres,
        motion.speedMps(), motion.headingDeg(), battery.percent(), battery.charging(), ++seq);
    noteDoor(fix);
    return fix;
  }

  /** Towards the start of the plan's path in a straight line; the plan's clock starts with the time left on arrival. */
  private Motion approach(double elapsedSeconds) {
    double left = position.metresTo(approachTo);
    double step = approachSpeedMps * elapsedSeconds;
    double heading = Math.toDegrees(Math.atan2(approachTo.eastMetresFrom(position), approachTo.northMetresFrom(position)));
    if (step < left) {
      double f = step / left;
      return new Motion(position.offset(approachTo.northMetresFrom(position) * f, approachTo.eastMetresFrom(position) * f),
          approachSpeedMps, (heading + 360) % 360);
    }
    approachTo = null;
    return mover.advance(left > 0 ? elapsedSeconds - left / approachSpeedMps : elapsedSeconds);
  }

  /** Checks in with the first fix at a door, and finishes the visit with the first fix after it. */
  private void noteDoor(DeviceFix fix) {
    int now = planned != null && mover == planned && approachTo == null ? planned.doorAt() : -1;
    if (now == door) {
      return;
    }
    if (door >= 0 && checkIn != null) {
      DevicePlan plan = planned.plan();
      finished.add(new DoorVisit(credentials.agentId(), plan.planId(), plan.stops().get(door).visitId(), door, checkIn.ts(),
          checkIn.lat(), checkIn.lon(), checkIn.acc(), fix.ts()));
    }
    door = now;
    checkIn = now >= 0 ? fix : null;
  }

  /** The stops finished since the last call, oldest first (each once). */
  public List<DoorVisit> takeFinishedVisits() {
    if (finished.isEmpty()) {
      return List.of();
    }
    List<DoorVisit> done = List.copyOf(finished);
    finished.clear();
    return done;
  }
}
