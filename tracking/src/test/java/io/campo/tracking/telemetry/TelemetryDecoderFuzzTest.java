package io.campo.tracking.telemetry;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Whatever a phone publishes, the decoder answers with a {@link DecodedTelemetry} (fixes and reasons): it never
 * throws, and no payload costs over 100 ms. Seeds: {@code TelemetryDecoderFuzzTestInputs/decodes/}.
 */
class TelemetryDecoderFuzzTest {

  private static final TelemetryDecoder DECODER =
      new TelemetryDecoder(TelemetryLimits.DEFAULT, Clock.fixed(Instant.parse("2026-11-24T15:00:00Z"), ZoneOffset.UTC));

  static {
    CpuBudget.warmUp(() -> DECODER.decode("cobrador-1", "{\"ts\": 1795000000123, \"lat\": 19.43, \"lon\": -99.13}".getBytes()));
  }

  @FuzzTest(maxDuration = "8s")
  void decodes(byte[] payload) {
    CpuBudget.within(() -> assertNotNull(DECODER.decode("cobrador-1", payload)));
  }
}
