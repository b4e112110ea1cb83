package io.campo.load.fleet;

import java.time.Duration;

/**
 * How a {@link SimulatedFleet} runs.
 *
 * @param host the MQTT broker's host
 * @param mqttPort its TCP port
 * @param publishInterval time between two fixes of one agent
 * @param centre where the agents wander
 * @param radiusMetres how far from the centre they may go
 * @param seed makes the agents' paths repeatable
 * @param planSpeedup how many times faster than the wall clock agents drive their plans (1 =
 *     real time); fixes are still stamped with the wall clock
 */
public record FleetSettings(String host, int mqttPort, MqttVersion mqttVersion, Duration publishInterval, LatLon centre,
    double radiusMetres, long seed, double planSpeedup) {

  public FleetSettings {
    if (publishInterval.isNegative() || publishInterval.isZero()) {
      throw new IllegalArgumentException("publish interval must be positive, got " + publishInterval);
    }
    if (!(planSpeedup >= 1)) {
      throw new IllegalArgumentException("plan speed-up must be at least 1, got " + planSpeedup);
    }
  }
}
