package io.campo.server.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.ZoneId;

/** The answer of {@code GET /api/reports/contact-hours}: the full 7 x 24 matrix, totals and best windows. */
final class ContactHourJson {

  static final int WINDOWS = 5;

  private ContactHourJson() {}

  static JsonObject of(ContactHourRequest request, ZoneId zone, ContactCounts counts) {
    JsonArray cells = new JsonArray();
    for (int day = 1; day <= 7; day++) {
      for (int hour = 0; hour < 24; hour++) {
        long attempts = counts.attempts(day, hour);
        long contacts = counts.contacts(day, hour);
        JsonObject cell = new JsonObject().put("weekday", day).put("hour", hour).put("attempts", attempts).put("contacts", contacts);
        // A sparse cell shows no rate at all: 0 of 2 is not "0 %", it is "we don't know yet".
        boolean sparse = attempts < request.minAttempts() || attempts == 0;
        cell.put("sparse", sparse);
        if (sparse) {
          cell.putNull("rate").putNull("lower").putNull("upper");
        } else {
          put(cell, WilsonInterval.of(contacts, attempts));
        }
        cells.add(cell);
      }
    }
    JsonArray windows = new JsonArray();
    for (BestWindows.Window w : BestWindows.rank(counts, request.minAttempts(), WINDOWS)) {
      windows.add(put(new JsonObject().put("weekday", w.weekday()).put("startHour", w.startHour()).put("endHour", w.endHour())
          .put("attempts", w.attempts()).put("contacts", w.contacts()), w.interval()));
    }
    JsonObject filter = new JsonObject().put("from", request.from().toString()).put("to", request.to().toString())
        .put("agent", request.agent()).put("team", request.team()).put("segment", request.segment())
        .put("minAttempts", request.minAttempts());
    return new JsonObject().put("timeZone", zone.getId()).put("filter", filter)
        .put("totals", new JsonObject().put("attempts", counts.totalAttempts()).put("contacts", counts.totalContacts()))
        .put("cells", cells).put("bestWindows", windows);
  }

  private static JsonObject put(JsonObject o, WilsonInterval i) {
    return o.put("rate", i.rate()).put("lower", i.lower()).put("upper", i.upper());
  }
}
