package io.campo.load.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.tracking.telemetry.DecodedTelemetry;
import io.campo.tracking.telemetry.TelemetryDecoder;
import io.campo.tracking.telemetry.TelemetryLimits;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What the simulator sends is what the server accepts: checked with the server's own decoder. */
class TelemetryJsonTest {

  private final TelemetryDecoder decoder = new TelemetryDecoder(TelemetryLimits.DEFAULT, Clock.systemUTC());

  @Test
  void aSimulatedAgentsFixesPassTheServersValidation() {
    SimulatedAgent agent = SimulatedAgent.wandering(new AgentCredentials("a1", "t"), LatLon.MEXICO_CITY, 3_000, new SplittableRandom(1));
    long now = System.currentTimeMillis();
    List<DeviceFix> fixes = new ArrayList<>();
    // Seven hours of a working day, one fix every 5 s: battery, stops and turns all happen.
    for (int i = 0; i < 5_000; i++) {
      DeviceFix fix = agent.nextFix(now - 7 * 3_600_000L + i * 5_000L);
      fixes.add(fix);
      DecodedTelemetry decoded = decoder.decode("a1", TelemetryJson.of(fix));
      assertTrue(decoded.rejections().isEmpty(), () -> "rejected " + new String(TelemetryJson.of(fix)) + ": " + decoded.rejections());
    }
    DeviceFix last = fixes.get(fixes.size() - 1);
    var decoded = decoder.decode("a1", TelemetryJson.of(last)).fixes().get(0);
    assertEquals(last.ts(), decoded.deviceTime().toEpochMilli());
    assertEquals(last.lat(), decoded.lat(), 1e-6);
    assertEquals(last.seq(), decoded.seq());
  }

  @Test
  void aBatchIsOneArrayOfValidFixes() {
    long now = System.currentTimeMillis();
    List<DeviceFix> batch = List.of(
        new DeviceFix(now - 2_000, 19.43, -99.13, 5, 1.2, 90, 50, true, 1),
        new DeviceFix(now - 1_000, 19.4301, -99.1301, 5, 1.2, 90, 50, true, 2));
    DecodedTelemetry decoded = decoder.decode("a1", TelemetryJson.of(batch));
    assertEquals(2, decoded.fixes().size());
    assertTrue(decoded.rejections().isEmpty());
  }
}
