package io.campo.server.shift;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * One on-duty span of the weekly schedule, in the agency's wall-clock time.
 *
 * @param isoDay 1 (Monday) to 7 (Sunday)
 * @param startMinute minutes since the local day's start, 0 to 1439
 * @param endMinute after {@code startMinute}, up to 1440 ("24:00", the end of the day)
 */
record WeeklyHours(int isoDay, int startMinute, int endMinute) {

  boolean covers(int isoDayOfDate, int secondOfDay) {
    return isoDay == isoDayOfDate && secondOfDay >= startMinute * 60 && secondOfDay < endMinute * 60;
  }

  boolean overlaps(WeeklyHours other) {
    return isoDay == other.isoDay && startMinute < other.endMinute && other.startMinute < endMinute;
  }

  @Override
  public String toString() {
    return DayOfWeek.of(isoDay).getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + ClockTime.format(startMinute) + "–"
        + ClockTime.format(endMinute);
  }
}
