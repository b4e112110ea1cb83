package io.campo.server.planning;

import io.campo.routing.api.TimeWindow;
import io.campo.routing.api.Visit;
import io.campo.server.outreach.compliance.ContactHours;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a day's visits drawn from the portfolio inside the agency's contact hours (the contact gate's
 * {@code CAMPO_CONTACT_HOURS}, {@link io.campo.server.outreach.compliance.PlannedVisitGate#hoursOn}): service starts
 * no earlier than the hours open and early enough to end before they close. A visit without windows gets the hours as
 * its window; learned windows are cut to them; a visit whose learned windows all lie outside them keeps the hours (the
 * debtor is then less likely to be found, which its learned value already says, but may still be visited lawfully).
 *
 * <p>Plain Java; stateless.
 */
final class ContactHoursClip {

  private ContactHoursClip() {}

  static List<Visit> clip(List<Visit> visits, ContactHours hours) {
    List<Visit> out = new ArrayList<>(visits.size());
    for (Visit v : visits) {
      Instant lastStart = hours.closes().minus(v.serviceTime());
      // A service longer than the hours still gets a window of one instant rather than one that ends before it starts.
      TimeWindow day = new TimeWindow(hours.opens(), lastStart.isBefore(hours.opens()) ? hours.opens() : lastStart);
      List<TimeWindow> windows = new ArrayList<>();
      for (TimeWindow w : v.windows()) {
        Instant start = w.start().isAfter(day.start()) ? w.start() : day.start();
        Instant end = w.end().isBefore(day.end()) ? w.end() : day.end();
        // A window that only touches the hours (07:00-08:00 against hours from 08:00) leaves no time to visit in it.
        boolean instant = w.start().equals(w.end());
        if (end.isAfter(start) || (instant && end.equals(start))) {
          windows.add(new TimeWindow(start, end));
        }
      }
      if (windows.isEmpty()) {
        windows.add(day);
      }
      out.add(new Visit(v.id(), v.location(), v.serviceTime(), windows, v.value(), v.requiredSkills(), v.mustVisit()));
    }
    return out;
  }
}
