package io.campo.server.shift;

import io.campo.server.api.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and checks the body of {@code PUT /api/agents/{id}/schedule}: {@code {"weekly": [{"day": 1-7, "start": "HH:MM",
 * "end": "HH:MM"}], "exceptions": [{"date" | "from","to", "onDuty": false|true, "start"?, "end"?, "reason"?}]}}. Every
 * refusal names the entry and what to send instead (400); nothing of a refused body is kept.
 */
final class ScheduleReader {

  static final String EXAMPLE = "{\"weekly\": [{\"day\": 1, \"start\": \"09:00\", \"end\": \"18:00\"}],"
      + " \"exceptions\": [{\"date\": \"2026-12-25\", \"onDuty\": false, \"reason\": \"Navidad\"}]}";
  /** Ten spans a day is more than any real roster; the cap keeps a hostile body from costing every fix's check. */
  static final int MAX_WEEKLY = 70;
  static final int MAX_EXCEPTIONS = 400;
  static final int MAX_EXCEPTION_DAYS = 366;
  static final int MAX_REASON_CHARS = 200;

  private ScheduleReader() {}

  static WorkSchedule read(JsonObject body) {
    if (!(body.getValue("weekly") instanceof JsonArray weeklyJson)) {
      throw ApiException.badRequest("'weekly' must be a list of {\"day\", \"start\", \"end\"} (an empty list: never on"
          + " duty; DELETE the schedule to track at all hours), like " + EXAMPLE);
    }
    Object exceptionsValue = body.getValue("exceptions");
    if (exceptionsValue != null && !(exceptionsValue instanceof JsonArray)) {
      throw ApiException.badRequest("'exceptions' must be a list of {\"date\" or \"from\"/\"to\", \"onDuty\"}, like " + EXAMPLE);
    }
    if (weeklyJson.size() > MAX_WEEKLY) {
      throw ApiException.badRequest("'weekly' may have at most " + MAX_WEEKLY + " entries, got " + weeklyJson.size());
    }
    JsonArray exceptionsJson = exceptionsValue == null ? new JsonArray() : (JsonArray) exceptionsValue;
    if (exceptionsJson.size() > MAX_EXCEPTIONS) {
      throw ApiException.badRequest("'exceptions' may have at most " + MAX_EXCEPTIONS + " entries, got " + exceptionsJson.size());
    }
    List<WeeklyHours> weekly = new ArrayList<>();
    for (int i = 0; i < weeklyJson.size(); i++) {
      WeeklyHours h = weeklyHours("weekly[" + i + "]", weeklyJson.getValue(i));
      for (int j = 0; j < weekly.size(); j++) {
        if (weekly.get(j).overlaps(h)) {
          throw ApiException.badRequest("weekly[" + i + "] (" + h + ") overlaps weekly[" + j + "] (" + weekly.get(j)
              + "); merge them into one entry");
        }
      }
      weekly.add(h);
    }
    List<DateException> exceptions = new ArrayList<>();
    for (int i = 0; i < exceptionsJson.size(); i++) {
      DateException e = exception("exceptions[" + i + "]", exceptionsJson.getValue(i));
      for (int j = 0; j < exceptions.size(); j++) {
        if (exceptions.get(j).overlaps(e)) {
          throw ApiException.badRequest("exceptions[" + i + "] (" + e + ") overlaps exceptions[" + j + "] ("
              + exceptions.get(j) + "); a date may have one exception");
        }
      }
      exceptions.add(e);
    }
    return new WorkSchedule(weekly, exceptions);
  }

  private static WeeklyHours weeklyHours(String where, Object value) {
    if (!(value instanceof JsonObject o)) {
      throw ApiException.badRequest(where + " must be an object like {\"day\": 1, \"start\": \"09:00\", \"end\": \"18:00\"}");
    }
    if (!(o.getValue("day") instanceof Integer day) || day < 1 || day > 7) {
      throw ApiException.badRequest(where + ".day must be an ISO weekday, 1 (Monday) to 7 (Sunday), got " + o.getValue("day"));
    }
    int[] span = span(where, o, true);
    return new WeeklyHours(day, span[0], span[1]);
  }

  /** Start and end minutes of {@code o}; when not {@code required} and both are absent, null. */
  private static int[] span(String where, JsonObject o, boolean required) {
    if (!required && o.getValue("start") == null && o.getValue("end") == null) {
      return null;
    }
    int start = ClockTime.parse(o.getValue("start") instanceof String s ? s : null);
    if (start < 0 || start == ClockTime.END_OF_DAY) {
      throw ApiException.badRequest(where + ".start must be a time \"HH:MM\" from 00:00 to 23:59, got " + quoted(o.getValue("start")));
    }
    int end = ClockTime.parse(o.getValue("end") instanceof String s ? s : null);
    if (end < 0) {
      throw ApiException.badRequest(where + ".end must be a time \"HH:MM\" from 00:01 to 24:00 (the end of the day), got "
          + quoted(o.getValue("end")));
    }
    if (end <= start) {
      throw ApiException.badRequest(where + ": end " + ClockTime.format(end) + " is not after start " + ClockTime.format(start)
          + "; a shift across midnight is two entries, e.g. day 5 22:00–24:00 and day 6 00:00–06:00");
    }
    return new int[] {start, end};
  }

  private static DateException exception(String where, Object value) {
    if (!(value instanceof JsonObject o)) {
      throw ApiException.badRequest(where + " must be an object like {\"date\": \"2026-12-25\", \"onDuty\": false}");
    }
    LocalDate from;
    LocalDate to;
    if (o.getValue("date") != null) {
      if (o.getValue("from") != null || o.getValue("to") != null) {
        throw ApiException.badRequest(where + ": give either \"date\" or \"from\" and \"to\", not both");
      }
      from = date(where + ".date", o.getValue("date"));
      to = from;
    } else {
      from = date(where + ".from", o.getValue("from"));
      to = date(where + ".to", o.getValue("to"));
      if (to.isBefore(from)) {
        throw ApiException.badRequest(where + ": 'to' " + to + " is before 'from' " + from);
      }
      if (ChronoUnit.DAYS.between(from, to) >= MAX_EXCEPTION_DAYS) {
        throw ApiException.badRequest(where + " spans more than " + MAX_EXCEPTION_DAYS + " days; split it or change the weekly schedule");
      }
    }
    if (!(o.getValue("onDuty") instanceof Boolean onDuty)) {
      throw ApiException.badRequest(where + ".onDuty must be true (a working day) or false (holiday, leave)");
    }
    int[] span = span(where, o, false);
    if (span != null && !onDuty) {
      throw ApiException.badRequest(where + ": a day off has no hours; drop \"start\" and \"end\" or set \"onDuty\": true");
    }
    Object reason = o.getValue("reason");
    if (reason != null && (!(reason instanceof String r) || r.length() > MAX_REASON_CHARS)) {
      throw ApiException.badRequest(where + ".reason must be text of at most " + MAX_REASON_CHARS + " characters");
    }
    return new DateException(from, to, onDuty, span == null ? null : span[0], span == null ? null : span[1], (String) reason);
  }

  private static LocalDate date(String where, Object value) {
    if (value instanceof String s) {
      try {
        return LocalDate.parse(s);
      } catch (DateTimeParseException e) {
        // answered below
      }
    }
    throw ApiException.badRequest(where + " must be a date \"YYYY-MM-DD\", got " + quoted(value));
  }

  private static String quoted(Object value) {
    return value instanceof String s ? "'" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'" : String.valueOf(value);
  }
}
