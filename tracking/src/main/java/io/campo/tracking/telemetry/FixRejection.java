package io.campo.tracking.telemetry;

/**
 * A reason a person can act on for not storing a fix.
 *
 * @param index position of the fix in the published array (0 for a single object), or -1 when
 *     the whole payload was refused
 */
public record FixRejection(int index, RejectionReason reason, String message) {

  public static FixRejection wholePayload(RejectionReason reason, String message) {
    return new FixRejection(-1, reason, message);
  }

  @Override
  public String toString() {
    return (index < 0 ? "payload" : "fix " + index) + ": " + reason.code() + ": " + message;
  }
}
