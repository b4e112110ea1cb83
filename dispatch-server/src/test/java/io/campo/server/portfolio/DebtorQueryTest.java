package io.campo.server.portfolio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.api.ApiException;
import org.junit.jupiter.api.Test;

class DebtorQueryTest {

  @Test
  void defaultsToTheFirstPageOfTwenty() {
    DebtorQuery q = DebtorQuery.of("  Lucía ", null, "");
    assertEquals("Lucía", q.text());
    assertEquals(20, q.limit());
    assertEquals(0, q.offset());
  }

  @Test
  void wildcardsInTheTextAreTakenLiterally() {
    assertEquals("%50\\%\\_a\\\\b%", DebtorQuery.of("50%_a\\b", null, null).likePattern());
  }

  @Test
  void aPhoneFragmentNeedsFourDigitsWrittenAnyWay() {
    assertEquals("551234", DebtorQuery.of("(55) 12-34", null, null).phoneDigits());
    assertNull(DebtorQuery.of("Ana 12", null, null).phoneDigits());
  }

  @Test
  void badInputIsRefusedWithTheReason() {
    assertTrue(message(() -> DebtorQuery.of(null, null, null)).contains("at least 2 characters"));
    assertTrue(message(() -> DebtorQuery.of(" a ", null, null)).contains("at least 2 characters"));
    assertTrue(message(() -> DebtorQuery.of("x".repeat(101), null, null)).contains("at most 100"));
    assertTrue(message(() -> DebtorQuery.of("ana", "0", null)).contains("limit must be 1-100"));
    assertTrue(message(() -> DebtorQuery.of("ana", "101", null)).contains("limit must be 1-100"));
    assertTrue(message(() -> DebtorQuery.of("ana", "ten", null)).contains("limit must be a whole number"));
    assertTrue(message(() -> DebtorQuery.of("ana", null, "-1")).contains("offset must be 0-100000"));
    assertTrue(message(() -> DebtorQuery.of("ana", null, "99999999999")).contains("offset must be a whole number"));
  }

  private static String message(Runnable r) {
    ApiException e = assertThrows(ApiException.class, r::run);
    assertEquals(400, e.status());
    return e.getMessage();
  }
}
