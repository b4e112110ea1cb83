package io.campo.server.shift;

import java.time.LocalDate;

/**
 * Dates on which the weekly schedule does not apply: a holiday or leave ({@code onDuty} false: off all day), or a
 * special working day ({@code onDuty} true: on duty all day, or only from {@code startMinute} to {@code endMinute}).
 *
 * @param from first date, in the agency's zone
 * @param to last date, inclusive
 * @param startMinute null with {@code endMinute} for the whole day
 * @param reason free text for the office ("Navidad", "vacaciones"); may be null
 */
record DateException(LocalDate from, LocalDate to, boolean onDuty, Integer startMinute, Integer endMinute, String reason) {

  boolean covers(LocalDate date) {
    return !date.isBefore(from) && !date.isAfter(to);
  }

  boolean overlaps(DateException other) {
    return !from.isAfter(other.to) && !other.from.isAfter(to);
  }

  /** Whether the agent is on duty at this second of one of the exception's dates. */
  boolean onDutyAt(int secondOfDay) {
    if (!onDuty) {
      return false;
    }
    return startMinute == null || (secondOfDay >= startMinute * 60 && secondOfDay < endMinute * 60);
  }

  @Override
  public String toString() {
    return from.equals(to) ? from.toString() : from + " to " + to;
  }
}
