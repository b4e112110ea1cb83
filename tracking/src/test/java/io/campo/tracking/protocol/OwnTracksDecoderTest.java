package io.campo.tracking.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.api.Test;

/** OwnTracks messages, the examples of the OwnTracks booklet among them, through to validated fixes. */
class OwnTracksDecoderTest {

  private final OwnTracksDecoder ownTracks = new OwnTracksDecoder(TelemetryLimits.DEFAULT);

  /** The telemetry decoder with its clock at {@code now}, as the booklet's examples are from 2017. */
  private static DecodedTelemetry validate(PhoneMessage m, String now) {
    Clock clock = Clock.fixed(Instant.parse(now), ZoneOffset.UTC);
    return new TelemetryDecoder(TelemetryLimits.DEFAULT, clock).decode("jane", m.telemetry());
  }

  private static byte[] json(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theBookletsHttpLocationBecomesAFix() {
    // The OwnTracks booklet's HTTP example (features/traccar.md), as the app posts it.
    PhoneMessage m = ownTracks.decode(json("{\"lon\":2.29513,\"lat\":48.85833,\"_type\":\"location\",\"tst\":1497476456, \"tid\":\"JJ\"}"));
    assertTrue(m.hasFixes());
    DecodedTelemetry d = validate(m, "2017-06-14T21:45:00Z");
    assertEquals(1, d.fixes().size(), d.rejections().toString());
    Fix fix = d.fixes().get(0);
    assertEquals(1_497_476_456_000L, fix.deviceTimeMillis(), "tst is epoch seconds");
    assertEquals(48.85833, fix.lat());
    assertEquals(2.29513, fix.lon());
    assertNull(fix.batteryPercent());
    assertNull(fix.charging());
  }

  @Test
  void unitsAreConverted() {
    PhoneMessage m = ownTracks.decode(json("{\"_type\":\"location\",\"tst\":1497476456,\"lat\":48.85833,\"lon\":2.29513,"
        + "\"acc\":5,\"batt\":41,\"bs\":2,\"vel\":36,\"cog\":271,\"alt\":35,\"t\":\"u\",\"inregions\":[\"Home\"]}"));
    Fix fix = validate(m, "2017-06-14T21:45:00Z").fixes().get(0);
    assertEquals(10.0, fix.speedMetersPerSecond(), 1e-9, "vel 36 km/h is 10 m/s");
    assertEquals(271.0, fix.headingDegrees());
    assertEquals(5.0, fix.accuracyMeters());
    assertEquals(41, fix.batteryPercent());
    assertTrue(fix.charging(), "bs 2 is charging");
    assertTrue(validate(ownTracks.decode(json("{\"_type\":\"location\",\"tst\":1497476456,\"lat\":1,\"lon\":2,\"bs\":3}")),
        "2017-06-14T21:45:00Z").fixes().get(0).charging(), "bs 3 (full) is plugged in");
    assertFalse(validate(ownTracks.decode(json("{\"_type\":\"location\",\"tst\":1497476456,\"lat\":1,\"lon\":2,\"bs\":1}")),
        "2017-06-14T21:45:00Z").fixes().get(0).charging(), "bs 1 is unplugged");
    assertNull(validate(ownTracks.decode(json("{\"_type\":\"location\",\"tst\":1497476456,\"lat\":1,\"lon\":2,\"bs\":0}")),
        "2017-06-14T21:45:00Z").fixes().get(0).charging(), "bs 0 is unknown");
  }

  @Test
  void otherTypesCarryNoFix() {
    // The booklet's transition example (poster) and others of its message types.
    String transition = "{\"_type\":\"transition\",\"wtst\":1425042603,\"lat\":12.34,\"lon\":44.5,\"tst\":1427634603,"
        + "\"acc\":130,\"tid\":\"JP\",\"event\":\"enter\",\"desc\":\"my Indian restaurant\",\"t\":\"b\"}";
    for (String payload : new String[] {transition, "{\"_type\":\"lwt\",\"tst\":1427634603}",
        "{\"_type\":\"cmd\",\"action\":\"reportLocation\"}", "{\"_type\":\"card\",\"name\":\"Jane\",\"face\":\"iVBORw0KGgo=\"}",
        "{\"_type\":\"waypoints\",\"waypoints\":[{\"_type\":\"waypoint\",\"desc\":\"Home\",\"lat\":1,\"lon\":2,\"rad\":50,\"tst\":1}]}",
        "{\"_type\":\"status\",\"android\":{\"wifistate\":1}}"}) {
      PhoneMessage m = ownTracks.decode(json(payload));
      assertFalse(m.hasFixes(), payload);
      assertFalse(m.isRefused(), payload);
      assertTrue(payload.contains("\"" + m.ignoredType() + "\""), payload);
    }
  }

  @Test
  void badMessagesAreRefusedWithTheirReason() {
    assertEquals(RejectionReason.INVALID_JSON, ownTracks.decode(json("{\"_type\":\"location\",")).refusal().reason());
    assertEquals(RejectionReason.NOT_AN_OBJECT, ownTracks.decode(json("[1,2]")).refusal().reason());
    assertEquals(RejectionReason.EMPTY_PAYLOAD, ownTracks.decode(new byte[0]).refusal().reason());
    assertEquals(RejectionReason.MISSING_FIELD, ownTracks.decode(json("{\"lat\":1,\"lon\":2,\"tst\":3}")).refusal().reason());
    PhoneMessage noTst = ownTracks.decode(json("{\"_type\":\"location\",\"lat\":1,\"lon\":2}"));
    assertEquals(RejectionReason.MISSING_FIELD, noTst.refusal().reason());
    assertTrue(noTst.refusal().message().contains("tst"), "the app's own field name: " + noTst.refusal().message());
    PhoneMessage textTime = ownTracks.decode(json("{\"_type\":\"location\",\"tst\":\"yesterday\",\"lat\":1,\"lon\":2}"));
    assertEquals(RejectionReason.WRONG_TYPE, textTime.refusal().reason());
    assertEquals(RejectionReason.UNSUPPORTED_PAYLOAD, ownTracks.decode(json("{\"_type\":\"encrypted\",\"data\":\"abc\"}")).refusal().reason());
    byte[] huge = new byte[TelemetryLimits.DEFAULT.maxPayloadBytes() + 1];
    assertEquals(RejectionReason.PAYLOAD_TOO_LARGE, ownTracks.decode(huge).refusal().reason());
  }

  @Test
  void rangesAreTheTelemetryDecodersWithItsReasons() {
    String now = "2017-06-14T21:45:00Z";
    DecodedTelemetry lat = validate(ownTracks.decode(json("{\"_type\":\"location\",\"tst\":1497476456,\"lat\":200,\"lon\":2}")), now);
    assertEquals(RejectionReason.LAT_OUT_OF_RANGE, lat.rejections().get(0).reason());
    DecodedTelemetry batt = validate(ownTracks.decode(json("{\"_type\":\"location\",\"tst\":1497476456,\"lat\":1,\"lon\":2,\"batt\":140}")), now);
    assertEquals(RejectionReason.BATTERY_OUT_OF_RANGE, batt.rejections().get(0).reason());
    DecodedTelemetry future = validate(ownTracks.decode(json("{\"_type\":\"location\",\"tst\":1597476456,\"lat\":1,\"lon\":2}")), now);
    assertEquals(RejectionReason.TS_IN_FUTURE, future.rejections().get(0).reason());
  }
}
