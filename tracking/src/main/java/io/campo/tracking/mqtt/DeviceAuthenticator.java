package io.campo.tracking.mqtt;

import java.util.OptionalLong;

/**
 * Checks a device's CONNECT credentials: username = agent id, password = device token. Called
 * off the event loop, so implementations may block on the database.
 */
public interface DeviceAuthenticator {

  /**
   * The generation of the agent's device credentials when {@code deviceToken} is its current token and the agent is
   * enabled; empty otherwise. A connection remembers it: once the agent's generation moves on (token rotated, agent
   * disabled) the connection is closed ({@link DeviceSessions#closeRevoked}).
   */
  OptionalLong credentialsGeneration(String agentId, String deviceToken);

  default boolean authenticate(String agentId, String deviceToken) {
    return credentialsGeneration(agentId, deviceToken).isPresent();
  }
}
