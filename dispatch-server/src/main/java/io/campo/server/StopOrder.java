package io.campo.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stops the server's parts one after another, each even when one before it failed: PostgreSQL must not be left running. */
final class StopOrder {

  private static final Logger log = LoggerFactory.getLogger(StopOrder.class);

  private StopOrder() {}

  /** Closes each step in turn; null steps (never started: a start that failed half-way) are skipped. */
  static void close(AutoCloseable... steps) {
    for (AutoCloseable step : steps) {
      try {
        if (step != null) {
          step.close();
        }
      } catch (Exception e) {
        log.warn("stopping {}: {}", step.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
