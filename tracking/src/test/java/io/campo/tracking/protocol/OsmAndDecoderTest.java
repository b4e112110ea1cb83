package io.campo.tracking.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.tracking.telemetry.DecodedTelemetry;
import io.campo.tracking.telemetry.Fix;
import io.campo.tracking.telemetry.RejectionReason;
import io.campo.tracking.telemetry.TelemetryDecoder;
import io.campo.tracking.telemetry.TelemetryLimits;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OsmAnd protocol's two forms, from Traccar's published examples, through to validated fixes. */
class OsmAndDecoderTest {

  private final OsmAndDecoder osmand = new OsmAndDecoder(TelemetryLimits.DEFAULT);

  /**
   * Traccar's JSON example (traccar.org/osmand) exactly as documented, comments removed: its time
   * is 2000-01-01, so it is validated with a clock at that time.
   */
  static final String TRACCAR_JSON = "{\"location\": {\"timestamp\": \"2000-01-01T00:00:00.000Z\", \"coords\": {\"latitude\": 0.0,"
      + " \"longitude\": 0.0, \"accuracy\": 0, \"speed\": 0, \"heading\": 0, \"altitude\": 0}, \"is_moving\": false, \"odometer\": 0,"
      + " \"event\": \"motionchange\", \"battery\": {\"level\": 1, \"is_charging\": false}, \"activity\": {\"type\": \"still\"},"
      + " \"extras\": {}}, \"device_id\": \"48241179\"}";

  private static DecodedTelemetry validate(PhoneMessage m, String now) {
    return new TelemetryDecoder(TelemetryLimits.DEFAULT, Clock.fixed(Instant.parse(now), ZoneOffset.UTC)).decode("a1", m.telemetry());
  }

  private static Map<String, String> params(String query) {
    Map<String, String> m = new HashMap<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      m.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return m;
  }

  @Test
  void traccarClientsJsonExample() {
    OsmAndReport r = osmand.fromJson(TRACCAR_JSON.getBytes(StandardCharsets.UTF_8));
    assertEquals("48241179", r.deviceId());
    DecodedTelemetry d = validate(r.message(), "2000-01-01T00:01:00Z");
    assertEquals(1, d.fixes().size(), d.rejections().toString());
    Fix fix = d.fixes().get(0);
    assertEquals(Instant.parse("2000-01-01T00:00:00Z").toEpochMilli(), fix.deviceTimeMillis());
    assertEquals(0.0, fix.lat());
    assertEquals(100, fix.batteryPercent(), "level 1 is 100 %");
    assertEquals(false, fix.charging());
    assertEquals(0.0, fix.speedMetersPerSecond(), "JSON speed is already m/s");
  }

  @Test
  void unknownSpeedHeadingAndBatteryOfTheLocationSdkAreLeftOut() {
    String json = "{\"location\":{\"timestamp\":\"2026-11-22T14:03:05.120Z\",\"coords\":{\"latitude\":19.43,\"longitude\":-99.13,"
        + "\"accuracy\":12,\"speed\":-1,\"heading\":-1},\"battery\":{\"level\":-1,\"is_charging\":true}},\"device_id\":\"tok\"}";
    Fix fix = validate(osmand.fromJson(json.getBytes(StandardCharsets.UTF_8)).message(), "2026-11-22T14:04:00Z").fixes().get(0);
    assertNull(fix.speedMetersPerSecond());
    assertNull(fix.headingDegrees());
    assertNull(fix.batteryPercent());
    assertEquals(true, fix.charging());
  }

  @Test
  void aBatchOfJsonLocations() {
    String json = "{\"location\":[{\"timestamp\":\"2026-11-22T14:03:05Z\",\"coords\":{\"latitude\":19.43,\"longitude\":-99.13}},"
        + "{\"timestamp\":\"2026-11-22T14:03:15Z\",\"coords\":{\"latitude\":95,\"longitude\":-99.13}}],\"device_id\":\"tok\"}";
    DecodedTelemetry d = validate(osmand.fromJson(json.getBytes(StandardCharsets.UTF_8)).message(), "2026-11-22T14:04:00Z");
    assertEquals(1, d.fixes().size());
    assertEquals(RejectionReason.LAT_OUT_OF_RANGE, d.rejections().get(0).reason());
    assertEquals(1, d.rejections().get(0).index());
  }

  @Test
  void traccarsQueryExampleWithKnotsAndSeconds() {
    // traccar.org/osmand: ?id=123456&lat={0}&lon={1}&timestamp={2}&hdop={3}&altitude={4}&speed={5}, filled in.
    OsmAndReport r = osmand.fromParameters(params("id=123456&lat=19.4326&lon=-99.1332&timestamp=1795356185&hdop=1.2&altitude=2240&speed=10"));
    assertEquals("123456", r.deviceId());
    Fix fix = validate(r.message(), "2026-11-22T14:04:00Z").fixes().get(0);
    assertEquals(1_795_356_185_000L, fix.deviceTimeMillis(), "timestamp in seconds");
    assertEquals(5.144, fix.speedMetersPerSecond(), 0.001, "10 knots");
    // Traccar Client's own parameter set.
    Fix full = validate(osmand.fromParameters(params(
        "id=tok&timestamp=1795356185000&lat=19.4&lon=-99.1&speed=0.0&bearing=90.5&altitude=2240.0&accuracy=8.0&batt=64.0&charge=true")).message(),
        "2026-11-22T14:04:00Z").fixes().get(0);
    assertEquals(1_795_356_185_000L, full.deviceTimeMillis(), "timestamp in milliseconds");
    assertEquals(90.5, full.headingDegrees());
    assertEquals(64, full.batteryPercent());
    assertEquals(true, full.charging());
    assertEquals(8.0, full.accuracyMeters());
    Fix iso = validate(osmand.fromParameters(params("deviceid=tok&timestamp=2026-11-22T14:03:05Z&location=19.4,-99.1")).message(),
        "2026-11-22T14:04:00Z").fixes().get(0);
    assertEquals(19.4, iso.lat());
    Fix spaced = validate(osmand.fromParameters(params("id=tok&timestamp=2026-11-22 14:03:05&lat=1&lon=2")).message(),
        "2026-11-22T14:04:00Z").fixes().get(0);
    assertEquals(Instant.parse("2026-11-22T14:03:05Z").toEpochMilli(), spaced.deviceTimeMillis());
  }

  @Test
  void badReportsAreRefusedWithTheirReason() {
    assertEquals(RejectionReason.MISSING_FIELD, osmand.fromParameters(params("id=tok&lat=1&lon=2")).message().refusal().reason());
    assertNull(osmand.fromParameters(params("lat=1&lon=2&timestamp=1795356185")).deviceId());
    assertEquals(RejectionReason.WRONG_TYPE,
        osmand.fromParameters(params("id=tok&lat=north&lon=2&timestamp=1795356185")).message().refusal().reason());
    assertEquals(RejectionReason.TS_INVALID,
        osmand.fromParameters(params("id=tok&lat=1&lon=2&timestamp=yesterday")).message().refusal().reason());
    assertEquals(RejectionReason.WRONG_TYPE,
        osmand.fromParameters(params("id=tok&lat=1&lon=2&timestamp=1795356185&charge=maybe")).message().refusal().reason());
    assertEquals(RejectionReason.LAT_OUT_OF_RANGE, validate(osmand.fromParameters(params("id=tok&lat=200&lon=2&timestamp=1795356185")).message(),
        "2026-11-22T14:04:00Z").rejections().get(0).reason());
    assertEquals(RejectionReason.INVALID_JSON, osmand.fromJson("{\"location\":".getBytes(StandardCharsets.UTF_8)).message().refusal().reason());
    assertEquals(RejectionReason.MISSING_FIELD, osmand.fromJson("{\"device_id\":\"tok\"}".getBytes(StandardCharsets.UTF_8)).message().refusal().reason());
    OsmAndReport noCoords = osmand.fromJson("{\"location\":{\"timestamp\":\"2026-11-22T14:03:05Z\"},\"device_id\":\"tok\"}"
        .getBytes(StandardCharsets.UTF_8));
    assertEquals(RejectionReason.MISSING_FIELD, noCoords.message().refusal().reason());
    assertTrue(noCoords.message().refusal().message().contains("coords"));
    assertEquals(RejectionReason.PAYLOAD_TOO_LARGE, osmand.fromJson(new byte[TelemetryLimits.DEFAULT.maxPayloadBytes() + 1]).message().refusal().reason());
  }
}
