package io.campo.load.fleet;

import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops automatic reconnection when the broker refused the device's credentials: retrying a
 * wrong token forever would only fill the server's log. Any other disconnection (server
 * restart, database down, network) is retried.
 */
final class CredentialRefusal {

  private static final Logger log = LoggerFactory.getLogger(CredentialRefusal.class);

  private CredentialRefusal() {}

  static void onDisconnected(String agentId, MqttClientDisconnectedContext context) {
    if (refusedCredentials(context.getCause())) {
      log.warn("agent {}: the broker refused its credentials ({}); not reconnecting", agentId, context.getCause().getMessage());
      context.getReconnector().reconnect(false);
    }
  }

  static boolean refusedCredentials(Throwable cause) {
    if (cause instanceof Mqtt5ConnAckException e) {
      Mqtt5ConnAckReasonCode code = e.getMqttMessage().getReasonCode();
      return code == Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD || code == Mqtt5ConnAckReasonCode.NOT_AUTHORIZED
          || code == Mqtt5ConnAckReasonCode.BANNED || code == Mqtt5ConnAckReasonCode.CLIENT_IDENTIFIER_NOT_VALID;
    }
    if (cause instanceof Mqtt3ConnAckException e) {
      Mqtt3ConnAckReturnCode code = e.getMqttMessage().getReturnCode();
      return code == Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD || code == Mqtt3ConnAckReturnCode.NOT_AUTHORIZED
          || code == Mqtt3ConnAckReturnCode.IDENTIFIER_REJECTED;
    }
    return false;
  }
}
