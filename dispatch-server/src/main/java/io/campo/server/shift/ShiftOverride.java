package io.campo.server.shift;

import java.time.Instant;

/**
 * An agent started or ended a shift from the app: on duty ({@code onDuty} true) or off from {@code from} until
 * {@code until}, whatever the schedule says. It lasts only until the schedule itself would next change, and never past
 * the local midnight ({@link DutyRoster#overrideUntil}), so a forgotten "start" cannot track anyone through the night.
 */
record ShiftOverride(boolean onDuty, Instant from, Instant until) {

  boolean covers(Instant t) {
    return !t.isBefore(from) && t.isBefore(until);
  }
}
