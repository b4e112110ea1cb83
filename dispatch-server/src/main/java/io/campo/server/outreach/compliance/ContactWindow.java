package io.campo.server.outreach.compliance;

import io.campo.server.config.OutreachSettings;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When debtors may be contacted: every day but the rest days, from {@code opens} to {@code closes} in the agency's
 * zone. A DST gap moves an opening to the first instant that exists. Immutable, thread-safe.
 */
public final class ContactWindow {

  private final OutreachSettings.ContactRules rules;
  private final ZoneId zone;

  public ContactWindow(OutreachSettings.ContactRules rules, ZoneId zone) {
    this.rules = rules;
    this.zone = zone;
  }

  /** {@code now} when the window is open, else the instant it next opens. */
  public Instant openAtOrAfter(Instant now) {
    LocalDate day = now.atZone(zone).toLocalDate();
    for (int i = 0; i < 8; i++, day = day.plusDays(1)) {
      if (rules.restDays().contains(day.getDayOfWeek())) {
        continue;
      }
      Instant opens = at(day, rules.opensMinute());
      Instant closes = at(day, rules.closesMinute());
      if (now.isBefore(opens)) {
        return opens;
      }
      if (now.isBefore(closes)) {
        return now;
      }
    }
    // Rest days never cover the whole week (the config refuses it), so a window opens within 8 days.
    throw new IllegalStateException("no contact window in the next 8 days: " + rules);
  }

  /** The contact hours of a local day, or empty on a rest day. */
  public java.util.Optional<ContactHours> hoursOn(LocalDate day) {
    if (rules.restDays().contains(day.getDayOfWeek())) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new ContactHours(at(day, rules.opensMinute()), at(day, rules.closesMinute())));
  }

  /** The first instant of a local day in the agency's zone. */
  Instant startOf(LocalDate day) {
    return day.atStartOfDay(zone).toInstant();
  }

  public boolean isOpen(Instant now) {
    return openAtOrAfter(now).equals(now);
  }

  private Instant at(LocalDate day, int minuteOfDay) {
    if (minuteOfDay >= 24 * 60) {
      return day.plusDays(1).atStartOfDay(zone).toInstant();
    }
    return ZonedDateTime.of(day, LocalTime.of(minuteOfDay / 60, minuteOfDay % 60), zone).toInstant();
  }
}
