package io.campo.load.bench.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.load.bench.BenchArgumentException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveReportTest {

  static PageCounters at(double seconds, long frames, long updates, double busyMs, long backlog) {
    return new PageCounters(frames, updates, busyMs, backlog, (long) (seconds * 1e9));
  }

  @Test
  void passesWhenP99IsWithinTheLimitAndTheBacklogIsNotGrowing() {
    LiveReport report = new LiveReport(400);
    long[] delays = new long[1000];
    for (int i = 0; i < delays.length; i++) {
      delays[i] = i < 990 ? 100 + i / 10 : 380;
    }
    report.record(delays);
    PageCounters start = at(0, 0, 0, 0, 0);
    PageCounters middle = at(30, 120, 300_000, 1500, 1);
    PageCounters end = at(60, 240, 600_000, 3000, 1);
    assertTrue(report.passed(middle, end));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    report.print(new PrintStream(out, true, StandardCharsets.UTF_8), start, middle, end);
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("frames: 4.00/s; agent updates: 10,000/s"), text);
    assertTrue(text.contains("page busy (long tasks): 5.0 %"), text);
    assertTrue(text.contains("PASS"), text);
  }

  @Test
  void failsOnASlowP99OnAGrowingBacklogAndOnNoDelaysAtAll() {
    LiveReport slow = new LiveReport(400);
    long[] delays = new long[100];
    java.util.Arrays.fill(delays, 500);
    slow.record(delays);
    assertFalse(slow.passed(at(30, 0, 0, 0, 0), at(60, 0, 0, 0, 0)));

    LiveReport fast = new LiveReport(400);
    fast.record(new long[] {10, 20, -1});
    assertTrue(fast.passed(at(30, 0, 0, 0, 2), at(60, 0, 0, 0, 2)));
    assertFalse(fast.passed(at(30, 0, 0, 0, 2), at(60, 0, 0, 0, 9)), "backlog 2 -> 9");
    assertFalse(new LiveReport(400).passed(at(30, 0, 0, 0, 0), at(60, 0, 0, 0, 0)), "nothing measured is no pass");
  }

  @Test
  void optionsDefaultToTenThousandAgentsForAMinuteAndRefuseNonsense() {
    LiveOptions o = LiveOptions.parse(List.of());
    assertEquals(10_000, o.agents());
    assertEquals(Duration.ofSeconds(60), o.duration());
    assertEquals(Duration.ofSeconds(1), o.interval());
    assertEquals(400, o.maxP99Millis());
    assertEquals(10, o.fleetNiceness());
    assertEquals(19, LiveOptions.parse(List.of("--fleet-nice", "19")).fleetNiceness());
    assertEquals(500, LiveOptions.parse(List.of("--agents", "500", "--duration=20s", "--warmup", "0s")).agents());
    assertThrowsArgument(List.of("--interval", "10ms"));
    assertThrowsArgument(List.of("--agents", "0"));
    assertThrowsArgument(List.of("--frames", "4"));
    assertThrowsArgument(List.of("--fleet-nice", "20"));
  }

  static void assertThrowsArgument(List<String> args) {
    org.junit.jupiter.api.Assertions.assertThrows(BenchArgumentException.class, () -> LiveOptions.parse(args));
  }
}
