package io.campo.load.fleet;

import java.util.SplittableRandom;

/**
 * One simulated field agent's phone: it moves ({@link Mover}), its battery drains and charges,
 * and each call to {@link #nextFix} reads its GPS as a {@link DeviceFix}, with the noise and
 * accuracy figures of a phone outdoors.
 *
 * <p>Not thread-safe: one agent, one caller.
 */
public final class SimulatedAgent {

  private static final double WALKING_SHARE = 0.6;

  private final AgentCredentials credentials;
  private final Mover mover;
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
