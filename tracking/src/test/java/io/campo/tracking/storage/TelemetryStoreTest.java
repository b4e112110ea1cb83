package io.campo.tracking.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.campo.tracking.telemetry.Fix;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TelemetryStoreTest {

  static final long T0 = Instant.parse("2026-11-22T14:00:00Z").toEpochMilli();
  DataSource ds;
  TelemetryStore store;

  @BeforeEach
  void setUp() throws Exception {
    ds = PostgresFixture.freshTelemetryDatabase();
    store = new TelemetryStore(ds);
  }

  static Fix fix(String agent, long t, double lat, Integer battery) {
    return new Fix(agent, t, t + 50, lat, -99.1, 5.0, 1.0, 90.0, battery, Boolean.TRUE, t);
  }

  @Test
  void storesEveryFieldOfEveryFixExactlyOnce() throws Exception {
    List<Fix> fixes = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      fixes.add(fix("a" + (i % 5), T0 + i * 1000L, 19 + i / 1000.0, i % 101));
    }
    assertEquals(500, store.insert(fixes));
    assertEquals(0, store.insert(fixes), "a redelivered batch inserts nothing");
    assertEquals(500, PostgresFixture.count(ds, "SELECT count(*) FROM telemetry"));

    List<Fix> track = store.track("a1", Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 500_000), 1000);
    assertEquals(100, track.size());
    Fix first = track.get(0);
    Fix expected = fixes.get(1);
    assertEquals(expected.deviceTimeMillis(), first.deviceTimeMillis());
    assertEquals(expected.receivedAtMillis(), first.receivedAtMillis());
    assertEquals(expected.lat(), first.lat());
    assertEquals(expected.lon(), first.lon());
    assertEquals(expected.accuracyMeters(), first.accuracyMeters());
    assertEquals(expected.batteryPercent(), first.batteryPercent());
    assertEquals(expected.charging(), first.charging());
    assertEquals(expected.seq(), first.seq());
    for (int i = 1; i < track.size(); i++) {
      assertEquals(true, track.get(i).deviceTimeMillis() > track.get(i - 1).deviceTimeMillis(), "oldest first");
    }
  }

  @Test
  void duplicatesInsideOneBatchAreStoredOnce() throws Exception {
    Fix f = fix("a1", T0, 19.0, 50);
    assertEquals(1, store.insert(List.of(f, f, f)));
  }

  @Test
  void trackBoundsAreFromInclusiveToExclusiveAndLimited() throws Exception {
    store.insert(List.of(fix("a1", T0, 1, null), fix("a1", T0 + 1000, 2, null), fix("a1", T0 + 2000, 3, null)));
    assertEquals(2, store.track("a1", Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 2000), 10).size());
    assertEquals(1, store.track("a1", Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 3000), 1).size());
    assertEquals(0, store.track("a2", Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 3000), 10).size());
  }

  @Test
  void latestPositionFollowsDeviceTimeNotArrivalOrder() throws Exception {
    store.insert(List.of(fix("a1", T0 + 60_000, 20.0, 80)));
    // The phone's backlog from earlier arrives afterwards: it is stored, but does not move the agent back.
    store.insert(List.of(fix("a1", T0, 19.0, 90), fix("a1", T0 + 30_000, 19.5, 85)));
    assertEquals(3, PostgresFixture.count(ds, "SELECT count(*) FROM telemetry WHERE agent_id = 'a1'"));
    Fix latest = store.latestPositions().get("a1");
    assertEquals(T0 + 60_000, latest.deviceTimeMillis());
    assertEquals(20.0, latest.lat());
    assertEquals(80, latest.batteryPercent());

    store.insert(List.of(fix("a1", T0 + 61_000, 21.0, 79)));
    assertEquals(21.0, store.latestPositions().get("a1").lat());
  }

  @Test
  void newestPerAgentKeepsOneFixPerAgentSortedById() {
    List<Fix> newest = TelemetryStore.newestPerAgent(List.of(
        fix("b", T0, 1, null), fix("a", T0 + 5, 2, null), fix("b", T0 + 9, 3, null), fix("a", T0 + 1, 4, null)));
    assertEquals(2, newest.size());
    assertEquals("a", newest.get(0).agentId());
    assertEquals(2.0, newest.get(0).lat());
    assertEquals(3.0, newest.get(1).lat());
  }
}
