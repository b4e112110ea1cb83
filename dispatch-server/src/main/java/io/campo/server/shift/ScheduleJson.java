package io.campo.server.shift;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A schedule as the API shows it and the database keeps it: the same shape {@link ScheduleReader} reads. */
final class ScheduleJson {

  private ScheduleJson() {}

  static JsonArray weekly(WorkSchedule s) {
    JsonArray out = new JsonArray();
    for (WeeklyHours h : s.weekly()) {
      out.add(new JsonObject().put("day", h.isoDay()).put("start", ClockTime.format(h.startMinute()))
          .put("end", ClockTime.format(h.endMinute())));
    }
    return out;
  }

  static JsonArray exceptions(WorkSchedule s) {
    JsonArray out = new JsonArray();
    for (DateException e : s.exceptions()) {
      JsonObject o = new JsonObject().put("from", e.from().toString()).put("to", e.to().toString()).put("onDuty", e.onDuty());
      if (e.startMinute() != null) {
        o.put("start", ClockTime.format(e.startMinute())).put("end", ClockTime.format(e.endMinute()));
      }
      if (e.reason() != null) {
        o.put("reason", e.reason());
      }
      out.add(o);
    }
    return out;
  }

  static WorkSchedule parse(String weeklyJson, String exceptionsJson) {
    return ScheduleReader.read(new JsonObject().put("weekly", new JsonArray(weeklyJson))
        .put("exceptions", new JsonArray(exceptionsJson)));
  }
}
