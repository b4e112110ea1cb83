package io.campo.server.shift;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * An agent's working hours: weekly spans in the agency's wall-clock time, and dated exceptions that replace them.
 * Judged on the wall clock of the instant's local date, so a shift "09:00–18:00" is nine hours on the day the clocks
 * move too (eight or ten hours of real time): people work by the clock on the wall. An empty weekly list with no
 * exception means never on duty.
 *
 * <p>Immutable and thread-safe; already validated ({@link ScheduleReader}).
 */
record WorkSchedule(List<WeeklyHours> weekly, List<DateException> exceptions) {

  WorkSchedule {
    weekly = List.copyOf(weekly);
    exceptions = List.copyOf(exceptions);
  }

  boolean onDutyAt(Instant t, ZoneId zone) {
    ZonedDateTime local = t.atZone(zone);
    LocalDate date = local.toLocalDate();
    int secondOfDay = local.toLocalTime().toSecondOfDay();
    for (DateException e : exceptions) {
      if (e.covers(date)) {
        return e.onDutyAt(secondOfDay);
      }
    }
    int isoDay = date.getDayOfWeek().getValue();
    for (WeeklyHours h : weekly) {
      if (h.covers(isoDay, secondOfDay)) {
        return true;
      }
    }
    return false;
  }
}
