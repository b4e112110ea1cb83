package io.campo.server.live;

import io.campo.tracking.telemetry.Fix;
import java.util.List;

/**
 * The fixes of one committed telemetry batch that moved their agent forward, as one event-bus message on
 * {@link LiveEvents#POSITIONS}: one message per commit rather than per fix keeps 10,000 fixes/s cheap. Immutable, so a
 * local delivery can hand the same instance to every consumer.
 */
public record PositionBatch(List<Fix> fixes) {

  public PositionBatch {
    fixes = List.copyOf(fixes);
  }
}
