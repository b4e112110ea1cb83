package io.campo.server.shift;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A wall-clock time of a schedule as minutes since the start of the local day: "09:30" is 570, and "24:00" (1440)
 * ends a day, so that a shift until midnight needs no "00:00 of the next day".
 */
final class ClockTime {

  static final int END_OF_DAY = 24 * 60;
  private static final Pattern HH_MM = Pattern.compile("(\\d{2}):(\\d{2})");

  private ClockTime() {}

  /** Minutes of "HH:MM" from 00:00 to 24:00, or -1 when the text is no such time. */
  static int parse(String text) {
    if (text == null) {
      return -1;
    }
    Matcher m = HH_MM.matcher(text);
    if (!m.matches()) {
      return -1;
    }
    int hours = Integer.parseInt(m.group(1));
    int minutes = Integer.parseInt(m.group(2));
    if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) {
      return -1;
    }
    return hours * 60 + minutes;
  }

  static String format(int minuteOfDay) {
    return String.format("%02d:%02d", minuteOfDay / 60, minuteOfDay % 60);
  }
}
