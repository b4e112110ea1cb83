package io.campo.load.fleet;

import java.time.Instant;
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
    Instant now = Instant.ofEpochMilli(wallClockMillis);
    if ((planId.isPresent() && planId.getAsLong() == plan.planId()) || plan.finish().isBefore(now) || plan.geometry().size() < 2) {
      return false;
    }
    mover = PlannedRouteMover.receivedAt(plan, now, speedup);
    planId = OptionalLong.of(plan.planId());
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
    Motion motion = mover.advance(elapsedSeconds);
    battery.advance(elapsedSeconds);
    double accuracyMetres = 3 + random.nextDouble() * 12;
    // A reading scatters around the true position by about its reported accuracy.
    LatLon reading = motion.position().offset(
        random.nextGaussian() * accuracyMetres / 2, random.nextGaussian() * accuracyMetres / 2);
    return new DeviceFix(clock.stamp(wallClockMillis), reading.lat(), reading.lon(), accuracyMetres,
        motion.speedMps(), motion.headingDeg(), battery.percent(), battery.charging(), ++seq);
  }
}
