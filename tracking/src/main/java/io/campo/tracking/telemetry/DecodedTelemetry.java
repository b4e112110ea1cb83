package io.campo.tracking.telemetry;

import java.util.List;

/**
 * What one published payload turned into: the fixes worth storing and, for every other fix, why
 * not. Both lists may be non-empty: in a batch the good fixes are kept.
 */
public record DecodedTelemetry(List<Fix> fixes, List<FixRejection> rejections) {

  public DecodedTelemetry {
    fixes = List.copyOf(fixes);
    rejections = List.copyOf(rejections);
  }

  public static DecodedTelemetry refused(RejectionReason reason, String message) {
    return new DecodedTelemetry(List.of(), List.of(FixRejection.wholePayload(reason, message)));
  }

  public boolean hasRejections() {
    return !rejections.isEmpty();
  }
}
