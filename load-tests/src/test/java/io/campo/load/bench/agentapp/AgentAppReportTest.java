package io.campo.load.bench.agentapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.load.bench.BenchArgumentException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentAppReportTest {

  @Test
  void argumentsHaveDefaultsAndBoundsWithReasons() {
    assertEquals(new AgentAppOptions(40, 1), AgentAppOptions.parse(List.of()));
    assertEquals(new AgentAppOptions(10, 3), AgentAppOptions.parse(List.of("--stops", "10", "--runs=3")));
    BenchArgumentException zero = assertThrows(BenchArgumentException.class, () -> AgentAppOptions.parse(List.of("--runs", "0")));
    assertTrue(zero.getMessage().contains("--runs must be a whole number from 1 to 20"), zero.getMessage());
    assertThrows(BenchArgumentException.class, () -> AgentAppOptions.parse(List.of("--stops", "forty")));
    assertThrows(BenchArgumentException.class, () -> AgentAppOptions.parse(List.of("--speed", "3")));
  }

  @Test
  void eachFigureIsPrintedAgainstItsTargetAndTheWorstRunCounts() {
    AgentAppReport met = new AgentAppReport(40, List.of(150_000L, 160_000L), List.of(2_100L, 2_300L), List.of(400L, 500L),
        120_000, 15_000);
    assertTrue(met.allMet());
    String text = printed(met);
    assertTrue(text.contains("146.5 / 156.3 KB"), text);
    assertTrue(text.contains("2100 / 2300 ms"), text);
    assertTrue(text.contains("117.2 KB raw, 14.6 KB gzip"), text);
    assertFalse(text.contains("MISSED"), text);

    AgentAppReport slow = new AgentAppReport(40, List.of(150_000L), List.of(2_100L, 3_001L), List.of(400L), 120_000, 15_000);
    assertFalse(slow.allMet(), "one slow run misses the target");
    String missed = printed(slow);
    assertEquals(1, missed.split("MISSED", -1).length - 1, missed);
    assertTrue(missed.lines().filter(l -> l.contains("Fast 3G")).allMatch(l -> l.endsWith("MISSED")), missed);
    assertFalse(new AgentAppReport(40, List.of(1L), List.of(1L), List.of(1L), 200 * 1024 + 1, 1).allMet(), "a day over 200 KB");
  }

  private static String printed(AgentAppReport report) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
