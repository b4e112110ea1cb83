package io.campo.load.fleet;

import java.util.Objects;

/**
 * What a device logs in with: its agent id (MQTT username and client id) and its device token
 * (MQTT password). A null token connects anonymously, for brokers that do not authenticate
 * (the Mosquitto baseline).
 */
public record AgentCredentials(String agentId, String deviceToken) {

  public AgentCredentials {
    Objects.requireNonNull(agentId, "agentId");
  }

  public static AgentCredentials anonymous(String agentId) {
    return new AgentCredentials(agentId, null);
  }

  public boolean isAnonymous() {
    return deviceToken == null;
  }

  @Override
  public String toString() {
    // Tokens are secrets: never in logs.
    return "AgentCredentials[" + agentId + (isAnonymous() ? ", anonymous]" : ", token]");
  }
}
