package io.campo.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OutreachSettingsTest {

  @Test
  void defaultsAreMexicoEightToEightThreeAWeekAndNoChannel() {
    OutreachSettings s = CampoConfig.from(Map.of()).outreach();
    assertEquals("MX", s.country());
    assertEquals(new OutreachSettings.ContactRules(480, 1200, Set.of(), 3), s.contact());
    assertFalse(s.whatsApp().enabled());
    assertFalse(s.sms().enabled());
    assertEquals("https://graph.facebook.com", s.whatsApp().apiUrl());
  }

  @Test
  void contactHoursAndRestDaysAreRead() {
    OutreachSettings s = CampoConfig.from(Map.of("CAMPO_CONTACT_HOURS", "07:30-24:00", "CAMPO_CONTACT_REST_DAYS", "6, 7",
        "CAMPO_WHATSAPP_TOKEN", "t", "CAMPO_WHATSAPP_PHONE_NUMBER_ID", "1", "CAMPO_COUNTRY", "co")).outreach();
    assertEquals(450, s.contact().opensMinute());
    assertEquals(1440, s.contact().closesMinute());
    assertEquals(Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), s.contact().restDays());
    assertTrue(s.whatsApp().enabled());
    assertEquals("CO", s.country());
  }

  @Test
  void badValuesAreRefusedWithTheVariableName() {
    for (String hours : new String[] {"8-20", "20:00-08:00", "08:00-08:00", "24:00-24:00", "08:60-20:00", "08:00-24:30", "25:00-26:00"}) {
      ConfigException e = assertThrows(ConfigException.class, () -> CampoConfig.from(Map.of("CAMPO_CONTACT_HOURS", hours)), hours);
      assertTrue(e.getMessage().startsWith("CAMPO_CONTACT_HOURS must be HH:MM-HH:MM"), e.getMessage());
    }
    assertThrows(ConfigException.class, () -> CampoConfig.from(Map.of("CAMPO_CONTACT_REST_DAYS", "8")));
    assertThrows(ConfigException.class, () -> CampoConfig.from(Map.of("CAMPO_CONTACT_REST_DAYS", "1,2,3,4,5,6,7")));
    assertThrows(ConfigException.class, () -> CampoConfig.from(Map.of("CAMPO_CONTACT_MAX_PER_WEEK", "0")));
    assertThrows(ConfigException.class, () -> CampoConfig.from(Map.of("CAMPO_COUNTRY", "Mexico")));
    assertThrows(ConfigException.class, () -> CampoConfig.from(Map.of("CAMPO_WHATSAPP_API_URL", "graph.facebook.com")));
    assertThrows(ConfigException.class, () -> CampoConfig.from(Map.of("CAMPO_WHATSAPP_API_VERSION", "v21")));
  }
}
