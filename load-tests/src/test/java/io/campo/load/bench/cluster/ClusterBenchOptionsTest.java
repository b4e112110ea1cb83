package io.campo.load.bench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.load.bench.BenchArgumentException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterBenchOptionsTest {

  private static ClusterBenchOptions parse(String line) {
    return ClusterBenchOptions.parse(line.isBlank() ? List.of() : List.of(line.trim().split("\\s+")));
  }

  private static String error(String line) {
    return assertThrows(BenchArgumentException.class, () -> parse(line)).getMessage();
  }

  @Test
  void readsTheIssuesCommandAndHasDefaults() {
    ClusterBenchOptions o = parse("--nodes 3 --agents 1k --seconds 45");
    assertEquals(3, o.nodes());
    assertEquals(1_000, o.agents());
    assertEquals(Duration.ofSeconds(45), o.measured());
    assertEquals(Duration.ofSeconds(10), o.warmup());
    assertEquals(4, o.window());
    assertTrue(o.kill());
    assertTrue(o.compare());
    assertEquals(512, o.heapMegabytes());
  }

  @Test
  void readsItsSwitches() {
    ClusterBenchOptions o = parse("--nodes 1 --kill off --compare off --warmup 0 --window 10 --heap-mb 384");
    assertFalse(o.kill());
    assertFalse(o.compare());
    assertEquals(Duration.ZERO, o.warmup());
    assertEquals(10, o.window());
    assertEquals(384, o.heapMegabytes());
  }

  @Test
  void refusesWhatCannotRun() {
    assertTrue(error("--nodes 1").contains("--kill on needs at least 2 nodes"), error("--nodes 1"));
    assertTrue(error("--kill maybe").contains("on or off"));
    assertTrue(error("--nodes 3 --agents 2").contains("--agents"));
    assertTrue(error("--node 3").contains("unknown flag --node"));
  }
}
