package io.campo.server.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class AgencyTimeTextTest {

  @Test
  void anEveningCheckInInMexicoCityReadsAsThatEveningNotTheNextMorning() {
    AgencyTimeText text = new AgencyTimeText(ZoneId.of("America/Mexico_City"));
    assertEquals("jueves 3 de diciembre de 2026, 21:29 (America/Mexico_City)", text.of("2026-12-04T03:29:00Z"));
  }

  @Test
  void aZoneWithDaylightSavingUsesTheOffsetOfThatDay() {
    AgencyTimeText text = new AgencyTimeText(ZoneId.of("America/Santiago"));
    // Santiago is UTC-3 in January (summer) and UTC-4 in July.
    assertEquals("jueves 15 de enero de 2026, 09:00 (America/Santiago)", text.of("2026-01-15T12:00:00Z"));
    assertEquals("miércoles 15 de julio de 2026, 08:00 (America/Santiago)", text.of("2026-07-15T12:00:00Z"));
  }

  @Test
  void anUnreadableTimeIsKeptAsItCameRatherThanLost() {
    assertEquals("ayer", new AgencyTimeText(ZoneId.of("UTC")).of("ayer"));
  }
}
