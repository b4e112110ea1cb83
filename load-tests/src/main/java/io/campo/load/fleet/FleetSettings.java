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
 */
public record FleetSettings(
    String host, int mqttPort, MqttVersion mqttVersion, Duration publishInterval, LatLon centre, double radiusMetres, long seed) {

  public FleetSettings {
    if (publishInterval.isNegative() || publishInterval.isZero()) {
      throw new IllegalArgumentException("publish interval must be positive, got " + publishInterval);
    }
  }
}
