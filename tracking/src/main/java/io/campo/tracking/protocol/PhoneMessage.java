package io.campo.tracking.protocol;

import io.campo.tracking.telemetry.FixRejection;
import io.campo.tracking.telemetry.RejectionReason;

/**
 * What a tracking app's message turned into before validation: fixes in Campo's own telemetry
 * format (so that they go through the very same {@link io.campo.tracking.telemetry.TelemetryDecoder}
 * checks, reasons and limits as Campo's payload), or a message type with nothing to store, or a
 * refusal of the whole message. Exactly one of the three is set.
 *
 * @param telemetry a Campo telemetry payload (one JSON fix or an array), or null
 * @param ignoredType the app's message type that carries no fix (OwnTracks {@code card}, {@code lwt}...), or null
 * @param refusal why the message as a whole cannot be stored, or null
 */
public record PhoneMessage(byte[] telemetry, String ignoredType, FixRejection refusal) {

  public static PhoneMessage fixes(byte[] telemetry) {
    return new PhoneMessage(telemetry, null, null);
  }

  public static PhoneMessage ignored(String type) {
    return new PhoneMessage(null, type, null);
  }

  public static PhoneMessage refused(RejectionReason reason, String message) {
    return new PhoneMessage(null, null, FixRejection.wholePayload(reason, message));
  }

  public boolean hasFixes() {
    return telemetry != null;
  }

  public boolean isRefused() {
    return refusal != null;
  }
}
