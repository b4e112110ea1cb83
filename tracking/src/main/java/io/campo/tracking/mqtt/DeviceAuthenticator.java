package io.campo.tracking.mqtt;

/**
 * Checks a device's CONNECT credentials: username = agent id, password = device token. Called
 * off the event loop, so implementations may block on the database.
 */
public interface DeviceAuthenticator {
  boolean authenticate(String agentId, String deviceToken);
}
