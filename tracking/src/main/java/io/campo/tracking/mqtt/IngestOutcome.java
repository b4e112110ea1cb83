package io.campo.tracking.mqtt;

import io.campo.tracking.telemetry.FixRejection;
import io.campo.tracking.telemetry.RejectionReason;
import java.util.List;

/**
 * What became of one telemetry publish once it is safe to acknowledge.
 *
 * @param stored fixes committed (or already stored: redeliveries count as stored)
 * @param rejections each fix or whole-payload refusal, with its reason
 * @param refusal set when the publish as a whole was refused (topic or payload), else null
 */
public record IngestOutcome(int stored, List<FixRejection> rejections, RejectionReason refusal) {

  public static IngestOutcome refused(RejectionReason reason, String message) {
    return new IngestOutcome(0, List.of(FixRejection.wholePayload(reason, message)), reason);
  }

  public boolean fullyStored() {
    return rejections.isEmpty();
  }
}
