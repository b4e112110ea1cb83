package io.campo.tracking.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TelemetryDecoderTest {

  static final Instant NOW = Instant.parse("2026-11-22T14:10:00Z");
  final TelemetryDecoder decoder = new TelemetryDecoder(TelemetryLimits.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));

  DecodedTelemetry decode(String json) {
    return decoder.decode("a1", json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void decodesAFullFixWithIsoTime() {
    DecodedTelemetry d = decode("""
        {"ts": "2026-11-22T14:03:05.120Z", "lat": 19.4326, "lon": -99.1332, "acc": 8.5, "spd": 3.1,
         "hdg": 270, "bat": 82, "chg": false, "seq": 1234, "extra": {"ignored": [1, 2]}}""");
    assertEquals(0, d.rejections().size(), d.rejections().toString());
    Fix f = d.fixes().get(0);
    assertEquals("a1", f.agentId());
    assertEquals(Instant.parse("2026-11-22T14:03:05.120Z").toEpochMilli(), f.deviceTimeMillis());
    assertEquals(NOW.toEpochMilli(), f.receivedAtMillis());
    assertEquals(19.4326, f.lat());
    assertEquals(-99.1332, f.lon());
    assertEquals(8.5, f.accuracyMeters());
    assertEquals(3.1, f.speedMetersPerSecond());
    assertEquals(270.0, f.headingDegrees());
    assertEquals(82, f.batteryPercent());
    assertEquals(Boolean.FALSE, f.charging());
    assertEquals(1234L, f.seq());
  }

  @Test
  void decodesEpochMillisAndOffsetTimesAndLeavesOptionalFieldsNull() {
    DecodedTelemetry d = decode("""
        [{"ts": 1795356185120, "lat": 1, "lon": 2}, {"ts": "2026-11-22T08:03:05-06:00", "lat": -1.5, "lon": -2.5, "bat": null}]""");
    assertEquals(2, d.fixes().size());
    assertEquals(1795356185120L, d.fixes().get(0).deviceTimeMillis());
    assertEquals(Instant.parse("2026-11-22T14:03:05Z").toEpochMilli(), d.fixes().get(1).deviceTimeMillis());
    assertNull(d.fixes().get(0).accuracyMeters());
    assertNull(d.fixes().get(1).batteryPercent());
    assertNull(d.fixes().get(1).charging());
  }

  @Test
  void keepsTheValidFixesOfABatchAndReportsEachInvalidOneByIndex() {
    DecodedTelemetry d = decode("""
        [{"ts": 1795356185120, "lat": 1, "lon": 2},
         {"ts": 1795356185121, "lat": 91, "lon": 2},
         {"ts": 1795356185122, "lat": 1, "lon": 2, "bat": 101},
         "not an object",
         {"ts": 1795356185123, "lat": 1, "lon": 3}]""");
    assertEquals(2, d.fixes().size());
    assertEquals(3, d.rejections().size());
    assertEquals(1, d.rejections().get(0).index());
    assertEquals(RejectionReason.LAT_OUT_OF_RANGE, d.rejections().get(0).reason());
    assertEquals(2, d.rejections().get(1).index());
    assertEquals(RejectionReason.BATTERY_OUT_OF_RANGE, d.rejections().get(1).reason());
    assertEquals(3, d.rejections().get(2).index());
    assertEquals(RejectionReason.NOT_AN_OBJECT, d.rejections().get(2).reason());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"lat\": 1, \"lon\": 2}                                          | MISSING_FIELD         | ts",
      "{\"ts\": 1795356185120, \"lon\": 2}                               | MISSING_FIELD         | lat",
      "{\"ts\": 1795356185120, \"lat\": 1}                               | MISSING_FIELD         | lon",
      "{\"ts\": 1795356185120, \"lat\": 90.0001, \"lon\": 2}             | LAT_OUT_OF_RANGE      | 90.0001",
      "{\"ts\": 1795356185120, \"lat\": -91, \"lon\": 2}                 | LAT_OUT_OF_RANGE      | -91",
      "{\"ts\": 1795356185120, \"lat\": 1, \"lon\": 180.5}               | LON_OUT_OF_RANGE      | 180.5",
      "{\"ts\": 1795356185120, \"lat\": NaN, \"lon\": 2}                 | NOT_A_NUMBER          | NaN",
      "{\"ts\": 1795356185120, \"lat\": 1, \"lon\": Infinity}            | LON_OUT_OF_RANGE      | Infinity",
      "{\"ts\": 1795356185120, \"lat\": \"19.4\", \"lon\": 2}            | WRONG_TYPE            | 'lat'",
      "{\"ts\": 1795356185120, \"lat\": null, \"lon\": 2}                | WRONG_TYPE            | must not be null",
      "{\"ts\": \"yesterday\", \"lat\": 1, \"lon\": 2}                   | WRONG_TYPE            | ISO-8601",
      "{\"ts\": true, \"lat\": 1, \"lon\": 2}                            | WRONG_TYPE            | epoch milliseconds",
      "{\"ts\": 1763820185, \"lat\": 1, \"lon\": 2}                      | TS_TOO_OLD            | milliseconds",
      "{\"ts\": \"2026-11-22T14:15:01Z\", \"lat\": 1, \"lon\": 2}        | TS_IN_FUTURE          | 5 minutes",
      "{\"ts\": \"2026-11-15T14:09:59Z\", \"lat\": 1, \"lon\": 2}        | TS_TOO_OLD            | 168 hours",
      "{\"ts\": \"2001-01-01T00:00:00Z\", \"lat\": 1, \"lon\": 2}        | TS_TOO_OLD            | backlog older",
      "{\"ts\": 1795356185120, \"lat\": 1, \"lon\": 2, \"bat\": -1}      | BATTERY_OUT_OF_RANGE  | 0..100",
      "{\"ts\": 1795356185120, \"lat\": 1, \"lon\": 2, \"bat\": NaN}     | NOT_A_NUMBER          | NaN",
      "{\"ts\": 1795356185120, \"lat\": 1, \"lon\": 2, \"acc\": -3}      | ACCURACY_OUT_OF_RANGE | -3",
      "{\"ts\": 1795356185120, \"lat\": 1, \"lon\": 2, \"spd\": 400}     | SPEED_OUT_OF_RANGE    | 400",
      "{\"ts\": 1795356185120, \"lat\": 1, \"lon\": 2, \"hdg\": 361}     | HEADING_OUT_OF_RANGE  | 361",
      "{\"ts\": 1795356185120, \"lat\": 1, \"lon\": 2, \"chg\": \"yes\"} | WRONG_TYPE            | true or false",
      "{\"ts\": 1795356185120, \"lat\": 1, \"lon\": 2, \"seq\": 1.5}     | WRONG_TYPE            | integer",
  })
  void rejectsEachBadFixWithItsOwnReason(String json, RejectionReason reason, String messagePart) {
    DecodedTelemetry d = decode(json);
    assertTrue(d.fixes().isEmpty(), "nothing stored for " + json);
    assertEquals(1, d.rejections().size());
    FixRejection r = d.rejections().get(0);
    assertEquals(reason, r.reason(), r.toString());
    assertEquals(0, r.index());
    assertTrue(r.message().contains(messagePart), r.message());
  }

  @Test
  void acceptsABacklogJustInsideTheMaximumAgeAndRefusesOneOlderWhenTheAgencyShortensIt() {
    assertTrue(decode("{\"ts\": \"2026-11-15T14:10:01Z\", \"lat\": 1, \"lon\": 2}").rejections().isEmpty(),
        "a phone offline for almost a week still delivers");
    TelemetryDecoder strict = new TelemetryDecoder(TelemetryLimits.DEFAULT.withMaxBacklogAge(java.time.Duration.ofDays(2)),
        Clock.fixed(NOW, ZoneOffset.UTC));
    DecodedTelemetry d = strict.decode("a1", "{\"ts\": \"2026-11-20T14:09:00Z\", \"lat\": 1, \"lon\": 2}"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(RejectionReason.TS_TOO_OLD, d.rejections().get(0).reason());
    assertTrue(d.rejections().get(0).message().contains("48 hours"), d.rejections().get(0).message());
  }

  @Test
  void aMaximumBacklogAgeMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> TelemetryLimits.DEFAULT.withMaxBacklogAge(java.time.Duration.ZERO));
  }

  @Test
  void acceptsATimeJustInsideTheClockSkew() {
    assertTrue(decode("{\"ts\": \"2026-11-22T14:14:59Z\", \"lat\": 1, \"lon\": 2}").rejections().isEmpty());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"ts\": 1, \"lat\": 1,                | INVALID_JSON",
      "[{\"ts\": 1795356185120, \"lat\": 1, \"lon\": 2} | INVALID_JSON",
      "{} {}                                   | INVALID_JSON",
      "not json at all                         | INVALID_JSON",
      "42                                      | NOT_AN_OBJECT",
      "[]                                      | EMPTY_PAYLOAD",
  })
  void refusesAMalformedPayloadAsAWhole(String json, RejectionReason reason) {
    DecodedTelemetry d = decode(json);
    assertTrue(d.fixes().isEmpty());
    assertEquals(1, d.rejections().size());
    assertEquals(reason, d.rejections().get(0).reason(), d.rejections().toString());
    assertEquals(-1, d.rejections().get(0).index());
  }

  @Test
  void refusesAnEmptyPayload() {
    assertEquals(RejectionReason.EMPTY_PAYLOAD, decoder.decode("a1", new byte[0]).rejections().get(0).reason());
  }

  @Test
  void refusesAnOversizedPayloadWithoutParsingIt() {
    byte[] big = new byte[TelemetryLimits.DEFAULT.maxPayloadBytes() + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    DecodedTelemetry d = decoder.decode("a1", big);
    assertEquals(RejectionReason.PAYLOAD_TOO_LARGE, d.rejections().get(0).reason());
    assertTrue(d.rejections().get(0).message().contains("262144"));
  }

  @Test
  void acceptsExactlyTheMaximumBatchAndRefusesOneMore() {
    assertEquals(1000, decode(batch(1000)).fixes().size());
    DecodedTelemetry over = decode(batch(1001));
    assertTrue(over.fixes().isEmpty());
    assertEquals(RejectionReason.TOO_MANY_FIXES, over.rejections().get(0).reason());
  }

  @Test
  void newerThanComparesDeviceTimes() {
    Fix older = decode("{\"ts\": 1795356185120, \"lat\": 1, \"lon\": 2}").fixes().get(0);
    Fix newer = decode("{\"ts\": 1795356185121, \"lat\": 1, \"lon\": 2}").fixes().get(0);
    assertTrue(newer.isNewerThan(older));
    assertFalse(older.isNewerThan(newer));
    assertFalse(older.isNewerThan(older));
    assertTrue(older.isNewerThan(null));
  }

  static String batch(int n) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      if (i > 0) sb.append(',');
      sb.append("{\"ts\":").append(1795356185120L + i).append(",\"lat\":19.4,\"lon\":-99.1,\"seq\":").append(i).append('}');
    }
    return sb.append(']').toString();
  }
}
