package io.campo.load.fleet;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How a {@link SimulatedFleet} runs.
 *
 * @param host the MQTT broker's host
 * @param mqttPort its TCP port
 * @param publishInterval time between two fixes of one agent (wall-clock time of this process)
 * @param centre where the agents wander
 * @param radiusMetres how far from the centre they may go
 * @param seed makes the agents' paths repeatable
 * @param planSpeedup how many times faster than the device clock agents drive their plans (1 =
 *     real time); fixes are still stamped with the device clock
 * @param pace where the plan's clock must run slower than the speed-up for the track to stay
 *     believable ({@link Pace#UNLIMITED}: nowhere)
 * @param deviceClock the phones' clock, epoch milliseconds: what fixes and check-ins are stamped
 *     with and what the plans are driven by; the wall clock but in tests, which may replay a past
 *     stretch of time faster (a phone's backlog reaching the server after the fact)
 */
public record FleetSettings(String host, int mqttPort, MqttVersion mqttVersion, Duration publishInterval, LatLon centre,
    double radiusMetres, long seed, double planSpeedup, Pace pace, LongSupplier deviceClock) {

  public FleetSettings {
    if (publishInterval.isNegative() || publishInterval.isZero()) {
      throw new IllegalArgumentException("publish interval must be positive, got " + publishInterval);
    }
    if (!(planSpeedup >= 1)) {
      throw new IllegalArgumentException("plan speed-up must be at least 1, got " + planSpeedup);
    }
  }

  /** On the wall clock, plans driven at the speed-up throughout. */
  public FleetSettings(String host, int mqttPort, MqttVersion mqttVersion, Duration publishInterval, LatLon centre,
      double radiusMetres, long seed, double planSpeedup) {
    this(host, mqttPort, mqttVersion, publishInterval, centre, radiusMetres, seed, planSpeedup, Pace.UNLIMITED,
        System::currentTimeMillis);
  }

  /** The same, at another pace. */
  public FleetSettings withPace(Pace newPace) {
    return new FleetSettings(host, mqttPort, mqttVersion, publishInterval, centre, radiusMetres, seed, planSpeedup, newPace, deviceClock);
  }

  /** The same, on another device clock. */
  public FleetSettings withDeviceClock(LongSupplier clock) {
    return new FleetSettings(host, mqttPort, mqttVersion, publishInterval, centre, radiusMetres, seed, planSpeedup, pace, clock);
  }
}
