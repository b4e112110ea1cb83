package io.campo.tracking.mqtt;

/**
 * Says whether the device credentials a connection authenticated with were revoked since: the agent's token was rotated
 * or the agent disabled (its credentials generation moved on). Called on any thread; must not block.
 */
@FunctionalInterface
public interface RevokedCredentials {
  boolean revoked(String agentId, long credentialsGeneration);
}
