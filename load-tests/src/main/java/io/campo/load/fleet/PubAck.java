package io.campo.load.fleet;

/**
 * The broker's answer to one QoS 1 publish. MQTT 5 brokers may refuse a publish with a reason
 * code (Campo does so for invalid fixes); MQTT 3.1.1 has no way to say no, so every PUBACK is
 * an acceptance there.
 *
 * @param refusal reason code and reason string of a refusal, null when accepted
 */
public record PubAck(String refusal) {

  public static final PubAck ACCEPTED = new PubAck(null);

  public boolean accepted() {
    return refusal == null;
  }
}
