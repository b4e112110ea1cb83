package io.campo.load.bench.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.load.bench.BenchArgumentException;
import io.campo.load.fleet.MqttVersion;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestOptionsTest {

  private static IngestOptions parse(String line) {
    return IngestOptions.parse(line.isBlank() ? List.of() : List.of(line.trim().split("\\s+")));
  }

  private static String error(String line) {
    return assertThrows(BenchArgumentException.class, () -> parse(line)).getMessage();
  }

  @Test
  void readsAFixedRateRun() {
    IngestOptions o = parse("--agents 100 --rate 5k --duration 2m --mqtt 3 --batch 10 --baseline mosquitto --warmup=0");
    assertEquals(100, o.agents());
    assertEquals(5_000, o.fixesPerSecond().getAsInt());
    assertEquals(Duration.ofMinutes(2), o.duration());
    assertEquals(Duration.ZERO, o.warmup());
    assertEquals(MqttVersion.V3_1_1, o.mqtt());
    assertEquals(10, o.batch());
    assertTrue(o.baselineMosquitto());
    assertFalse(o.closedLoop());
  }

  @Test
  void readsAClosedLoopRunAndHasDefaults() {
    IngestOptions o = parse("--rate max --window 50");
    assertTrue(o.closedLoop());
    assertEquals(50, o.window());
    IngestOptions d = parse("");
    assertEquals(100, d.agents());
    assertEquals(10_000, d.fixesPerSecond().getAsInt());
    assertEquals(Duration.ofSeconds(30), d.duration());
    assertEquals(Duration.ofSeconds(10), d.warmup());
    assertEquals(MqttVersion.V5, d.mqtt());
    assertEquals(1, d.batch());
  }

  @Test
  void badArgumentsSayWhatIsWrong() {
    assertEquals("--duration 'soon' is not a duration: use e.g. 30s, 2m, 1m30s or 500ms", error("--duration soon"));
    assertEquals("--agents must be a whole number, got 'ten'", error("--agents ten"));
    assertEquals("--agents must be between 1 and 100000, got 0", error("--agents 0"));
    assertEquals("--rate must be a whole number, got 'fast' (or 'max' to find the highest sustained rate)", error("--rate fast"));
    assertTrue(error("--agents 10 --rate 50000").startsWith("--rate 50000 over 10 agents is 5000 fixes/s per agent;"));
    assertTrue(error("--agents 10 --rate 50000").endsWith("Use --agents 50 or more"));
    assertTrue(error("--qos 0").startsWith("--qos 0 is not supported"));
    assertEquals("--mqtt: MQTT version must be 5 or 3 (3.1.1), got '4'", error("--mqtt 4"));
    assertEquals("--batch must be between 1 and 1000, got 5000", error("--batch 5000"));
    assertEquals("--window applies only to --rate max; with a fixed rate the schedule sets the pace", error("--rate 100 --window 5"));
    assertEquals("--baseline 'emqx' is unknown; the only baseline is mosquitto", error("--baseline emqx"));
    assertEquals("--duration is at most 1h, got 2h", error("--duration 2h"));
    assertTrue(error("--agents 1000 --rate max --window 1000").contains("lower --window"));
  }

  @Test
  void malformedCommandLinesSayHowFlagsLook() {
    assertEquals("--duration needs a value", error("--duration"));
    assertEquals("--agents needs a value", error("--agents --rate 5"));
    assertEquals("unexpected argument '100': flags look like --name VALUE", error("100"));
    assertTrue(error("--agnets 5").startsWith("unknown flag --agnets; known: --agents, --rate"));
    assertEquals("--rate is given twice", error("--rate 1 --rate 2"));
  }

  @Test
  void geofencesCompareRunsWithAndWithoutEvaluation() {
    assertEquals(0, parse("").compareGeofences());
    assertEquals(IngestOptions.DEFAULT_GEOFENCES, parse("--geofences compare").compareGeofences());
    assertEquals(50_000, parse("--geofences compare --geofence-count 50k").compareGeofences());
    assertTrue(error("--geofences on").contains("'compare'"));
    assertTrue(error("--geofence-count 10").contains("only with --geofences compare"));
    assertTrue(error("--geofences compare --geofence-count 0").contains("geofence-count"));
  }
}
