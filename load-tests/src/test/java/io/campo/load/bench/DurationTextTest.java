package io.campo.load.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

  @Test
  void readsTheFormsPeopleType() {
    assertEquals(Duration.ofSeconds(30), DurationText.parse("--duration", "30s"));
    assertEquals(Duration.ofMinutes(2), DurationText.parse("--duration", "2m"));
    assertEquals(Duration.ofSeconds(90), DurationText.parse("--duration", "1m30s"));
    assertEquals(Duration.ofMillis(500), DurationText.parse("--duration", "500ms"));
    assertEquals(Duration.ofHours(1), DurationText.parse("--duration", "1h"));
    assertEquals(Duration.ofSeconds(45), DurationText.parse("--duration", "45"));
    assertEquals(Duration.ofSeconds(20), DurationText.parse("--duration", " 20S "));
    assertEquals(Duration.ZERO, DurationText.parseAllowingZero("--warmup", "0s"));
  }

  @Test
  void badDurationsSayWhatToType() {
    assertEquals("--duration '30x' is not a duration: use e.g. 30s, 2m, 1m30s or 500ms",
        assertThrows(BenchArgumentException.class, () -> DurationText.parse("--duration", "30x")).getMessage());
    assertEquals("--duration '' is not a duration: use e.g. 30s, 2m, 1m30s or 500ms",
        assertThrows(BenchArgumentException.class, () -> DurationText.parse("--duration", "")).getMessage());
    assertEquals("--duration '-5s' is not a duration: use e.g. 30s, 2m, 1m30s or 500ms",
        assertThrows(BenchArgumentException.class, () -> DurationText.parse("--duration", "-5s")).getMessage());
    assertEquals("--duration must be longer than zero, got '0s'",
        assertThrows(BenchArgumentException.class, () -> DurationText.parse("--duration", "0s")).getMessage());
    assertEquals("--duration '99999999999999999999s' is too long",
        assertThrows(BenchArgumentException.class, () -> DurationText.parse("--duration", "99999999999999999999s")).getMessage());
  }

  @Test
  void formatsShort() {
    assertEquals("1m30s", DurationText.format(Duration.ofSeconds(90)));
    assertEquals("20s", DurationText.format(Duration.ofSeconds(20)));
    assertEquals("500ms", DurationText.format(Duration.ofMillis(500)));
    assertEquals("2h", DurationText.format(Duration.ofHours(2)));
  }
}
