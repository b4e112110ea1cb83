package io.campo.server.notification;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * An instant as a supervisor reads it in an e-mail: the agency's local date and time in Spanish, with the zone named
 * ("jueves 3 de diciembre de 2026, 21:29 (America/Mexico_City)"). The UTC the visit is stored in read as "03:29" for
 * an evening check-in in Mexico City, the next day. Immutable and thread-safe.
 */
public final class AgencyTimeText {

  private static final DateTimeFormatter SPANISH =
      DateTimeFormatter.ofPattern("EEEE d 'de' MMMM 'de' yyyy, HH:mm", Locale.forLanguageTag("es-MX"));

  private final ZoneId zone;

  public AgencyTimeText(ZoneId zone) {
    this.zone = zone;
  }

  /** The instant in the agency's zone; an unreadable ISO-8601 text is returned as it came, never dropped. */
  public String of(String isoInstant) {
    try {
      return of(Instant.parse(isoInstant));
    } catch (RuntimeException unreadable) {
      return isoInstant;
    }
  }

  public String of(Instant instant) {
    return SPANISH.format(instant.atZone(zone)) + " (" + zone.getId() + ")";
  }
}
