package io.campo.load.fleet;

/**
 * What a fleet has published so far, in fixes (one fix per publish).
 *
 * @param sent handed to the MQTT client
 * @param acknowledged PUBACK received, accepted
 * @param refused PUBACK received with an MQTT 5 error reason code
 * @param failed could not be delivered at all
 */
public record FleetCounts(long sent, long acknowledged, long refused, long failed) {

  /** Sent and still without an answer. */
  public long pending() {
    return sent - acknowledged - refused - failed;
  }
}
