package io.campo.server.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ExifFactsTest {

  static final ZoneId MEXICO = ZoneId.of("America/Mexico_City");

  @Test
  void theShutterTimeAndGpsPositionAreKept() {
    byte[] photo = TestImages.jpegWithExif(64, 48, "2026:12:04 10:15:30", "-06:00", 19.4326, -99.1332, 1);
    ExifFacts facts = ExifFacts.read(photo, ZoneId.of("UTC"));
    assertEquals(Instant.parse("2026-12-04T16:15:30Z"), facts.takenAt(), "the photo's own offset wins over the agency's zone");
    assertEquals(19.4326, facts.lat(), 1e-6);
    assertEquals(-99.1332, facts.lon(), 1e-6);
    assertEquals(1, facts.orientation());
  }

  @Test
  void aTimeWithoutOffsetIsReadInTheAgencysZone() {
    byte[] photo = TestImages.jpegWithExif(64, 48, "2026:12:04 10:15:30", null, -12.05, -77.04, 6);
    ExifFacts facts = ExifFacts.read(photo, MEXICO);
    assertEquals(Instant.parse("2026-12-04T16:15:30Z"), facts.takenAt());
    assertEquals(-12.05, facts.lat(), 1e-6);
    assertEquals(6, facts.orientation());
  }

  @Test
  void aPhotoWithoutExifHasNoFacts() {
    assertEquals(ExifFacts.NONE, ExifFacts.read(TestImages.jpeg(40, 30), MEXICO));
    assertEquals(ExifFacts.NONE, ExifFacts.read(TestImages.png(40, 30), MEXICO));
  }

  @Test
  void garbageAndAZeroPositionGiveNothing() {
    assertEquals(ExifFacts.NONE, ExifFacts.read(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 1, 2, 3}, MEXICO));
    ExifFacts zero = ExifFacts.read(TestImages.jpegWithExif(16, 16, "2026:12:04 10:15:30", "+00:00", 0, 0, 1), MEXICO);
    assertNull(zero.lat(), "0,0 is a phone's placeholder, not a place");
    assertNull(zero.lon());
  }
}
