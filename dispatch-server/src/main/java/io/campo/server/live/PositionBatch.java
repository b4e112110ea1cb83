package io.campo.server.live;

import io.campo.tracking.telemetry.Fix;
import java.util.List;

/**
 * The fixes of one decoded telemetry publish that moved their agent forward, as one event-bus message on
 * {@link LiveEvents#POSITIONS} (a phone's backlog of hundreds of fixes is one message, not hundreds). Immutable, so a
 * local delivery can hand the same instance to every consumer.
 */
public record PositionBatch(List<Fix> fixes) {

  public PositionBatch {
    fixes = List.copyOf(fixes);
  }
}
