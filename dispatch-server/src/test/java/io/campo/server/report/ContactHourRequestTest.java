package io.campo.server.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.api.ApiException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContactHourRequestTest {

  static ContactHourRequest read(String... pairs) {
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      params.put(pairs[i], pairs[i + 1]);
    }
    return ContactHourRequest.read(params::get);
  }

  static String refused(String... pairs) {
    ApiException e = assertThrows(ApiException.class, () -> read(pairs));
    assertEquals(400, e.status());
    return e.getMessage();
  }

  @Test
  void readsEveryFilterAndDefaultsMinAttemptsToTen() {
    ContactHourRequest r = read("from", "2026-03-01", "to", "2026-03-31", "agent", "ana", "team", "norte", "segment", "A");
    assertEquals(new ContactHourRequest(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31), "ana", "norte", "A", 10, null), r);
    assertEquals(3, read("from", "2026-03-01", "to", "2026-03-01", "minAttempts", "3").minAttempts());
  }

  @Test
  void anEmptyFilterIsNoFilter() {
    ContactHourRequest r = read("from", "2026-03-01", "to", "2026-03-02", "agent", "", "team", " ", "segment", "", "minAttempts", "");
    assertNull(r.agent());
    assertNull(r.team());
    assertNull(r.segment());
    assertEquals(10, r.minAttempts());
  }

  @Test
  void badDatesAreRefusedByName() {
    assertTrue(refused("to", "2026-03-01").contains("'from' is required"));
    assertTrue(refused("from", "2026-03-01").contains("'to' is required"));
    assertTrue(refused("from", "2026-02-30", "to", "2026-03-01").contains("'from' must be a local date like 2026-03-01, got '2026-02-30'"));
    assertTrue(refused("from", "2026-03-01", "to", "01/04/2026").contains("'to' must be a local date"));
    assertTrue(refused("from", "2026-03-01", "to", "2026-03-01T10:00:00Z").contains("'to' must be a local date"));
  }

  @Test
  void fromAfterToAndOverlongRangesAreRefused() {
    assertEquals("from (2026-03-02) is after to (2026-03-01)", refused("from", "2026-03-02", "to", "2026-03-01"));
    assertTrue(refused("from", "2023-03-01", "to", "2026-03-02").contains("longer than 3 years"));
    assertEquals(LocalDate.of(2026, 3, 1), read("from", "2023-03-01", "to", "2026-03-01").to());
  }

  @Test
  void minAttemptsMustBeAPositiveWholeNumber() {
    for (String bad : new String[] {"0", "-3", "2.5", "ten", "99999999999", "1000001"}) {
      assertTrue(refused("from", "2026-03-01", "to", "2026-03-01", "minAttempts", bad).contains("'minAttempts' must be a whole number"), bad);
    }
    assertEquals(1_000_000, read("from", "2026-03-01", "to", "2026-03-01", "minAttempts", "1000000").minAttempts());
  }
}
