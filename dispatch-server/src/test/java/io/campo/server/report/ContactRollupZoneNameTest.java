package io.campo.server.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** PostgreSQL reads '+05:00' as five hours west; fixed offsets get their Etc/GMT names, whose sign is POSIX too. */
class ContactRollupZoneNameTest {

  @Test
  void regionIdsPassAndWholeHourOffsetsBecomeEtcGmtNames() {
    assertEquals("America/Santiago", ContactRollup.postgresName(ZoneId.of("America/Santiago")));
    assertEquals("Etc/GMT-5", ContactRollup.postgresName(ZoneId.of("+05:00")));
    assertEquals("Etc/GMT+6", ContactRollup.postgresName(ZoneId.of("-06:00")));
    assertEquals("UTC", ContactRollup.postgresName(ZoneId.of("Z")));
    assertEquals("UTC", ContactRollup.postgresName(ZoneId.of("UTC")));
  }

  @Test
  void otherFixedOffsetsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> ContactRollup.postgresName(ZoneId.of("+05:30")));
  }
}
