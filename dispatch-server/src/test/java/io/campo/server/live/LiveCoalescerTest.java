package io.campo.server.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.tracking.telemetry.Fix;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveCoalescerTest {

  static final long NOW = Instant.parse("2026-11-22T15:00:00Z").toEpochMilli();
  final Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
  final Map<String, Fix> latest = new HashMap<>();

  static Fix fix(String agent, long deviceTime, double lat, double lon) {
    return new Fix(agent, deviceTime, NOW, lat, lon, 5.0, 1.0, 90.0, 80, false, null);
  }

  /** Feeds the fix the way the server does: into the latest positions first, then to the feed. */
  void publish(LiveCoalescer c, Fix f) {
    latest.merge(f.agentId(), f, (a, b) -> b.isNewerThan(a) ? b : a);
    c.position(f);
  }

  LiveCoalescer coalescer(int maxEvents) {
    return new LiveCoalescer(id -> !id.startsWith("hidden"), latest::values, clock, maxEvents);
  }

  static List<String> ids(LiveFrame frame) {
    return frame.agents().stream().map(a -> a.fix().agentId()).sorted().toList();
  }

  @Test
  void theFirstFrameIsASnapshotOfEveryVisibleAgentEvenWhenNothingMoved() {
    latest.put("a", fix("a", NOW - 1000, 19.40, -99.10));
    latest.put("b", new Fix("b", NOW - 3_600_000, NOW - 3_600_000, 19.41, -99.11, null, null, null, null, null, null));
    latest.put("hidden-1", fix("hidden-1", NOW, 19.42, -99.12));
    LiveCoalescer c = coalescer(10);
    LiveFrame first = c.flush();
    assertEquals(1, first.seq());
    assertEquals(List.of("a", "b"), ids(first));
    Map<String, Boolean> online = new HashMap<>();
    first.agents().forEach(a -> online.put(a.fix().agentId(), a.online()));
    assertEquals(Map.of("a", true, "b", false), online, "b was last heard an hour ago");
    assertNull(c.flush(), "nothing changed since the snapshot");
  }

  @Test
  void severalFixesOfOneAgentBecomeOneEntryWithTheNewest() {
    LiveCoalescer c = coalescer(10);
    c.flush();
    publish(c, fix("a", NOW + 1000, 19.40, -99.10));
    publish(c, fix("a", NOW + 3000, 19.43, -99.13));
    publish(c, fix("a", NOW + 2000, 19.42, -99.12));
    LiveFrame frame = c.flush();
    assertEquals(2, frame.seq());
    assertEquals(1, frame.agents().size());
    assertEquals(NOW + 3000, frame.agents().get(0).fix().deviceTimeMillis(), "the newest by device time, not the last to arrive");
    assertEquals(19.43, frame.agents().get(0).fix().lat());
    assertTrue(frame.agents().get(0).online());
  }

  @Test
  void onlyAgentsThatMovedSinceTheLastFrameAreSent() {
    latest.put("a", fix("a", NOW, 19.40, -99.10));
    latest.put("b", fix("b", NOW, 19.40, -99.10));
    LiveCoalescer c = coalescer(10);
    assertEquals(2, c.flush().agents().size());
    publish(c, fix("b", NOW + 1000, 19.41, -99.10));
    assertEquals(List.of("b"), ids(c.flush()));
    publish(c, fix("hidden-2", NOW + 1000, 19.41, -99.10));
    assertNull(c.flush(), "an agent this client may not see changes nothing for it");
  }

  @Test
  void theViewportFiltersPositionsAndAChangeBringsASnapshotOfTheNewArea() {
    latest.put("in", fix("in", NOW, 19.40, -99.10));
    latest.put("out", fix("out", NOW, 20.50, -98.00));
    LiveCoalescer c = coalescer(10);
    c.viewport(new Bbox(-99.2, 19.3, -99.0, 19.5));
    assertEquals(List.of("in"), ids(c.flush()));
    publish(c, fix("out", NOW + 1000, 20.51, -98.00));
    publish(c, fix("in", NOW + 1000, 19.41, -99.10));
    assertEquals(List.of("in"), ids(c.flush()));

    publish(c, fix("in", NOW + 2000, 19.42, -99.10));
    c.viewport(new Bbox(-98.5, 20.0, -97.5, 21.0));
    LiveFrame snapshot = c.flush();
    assertEquals(List.of("out"), ids(snapshot), "the new area's agents, and none of the pending moves from the old one");
    assertEquals(20.51, snapshot.agents().get(0).fix().lat());

    c.viewport(Bbox.WORLD);
    assertEquals(List.of("in", "out"), ids(c.flush()));
  }

  @Test
  void eventsGoIntoTheNextFrameFilteredByTheAgentTheyAreAbout() {
    LiveCoalescer c = coalescer(10);
    c.flush();
    c.event(new JsonObject().put("type", "visit").put("visit", new JsonObject().put("id", 1).put("agentId", "a")));
    c.event(new JsonObject().put("type", "visit").put("visit", new JsonObject().put("id", 2).put("agentId", "hidden-1")));
    c.event(new JsonObject().put("type", "plan.done").put("planId", 7).put("status", "DONE"));
    c.event(LiveEvents.agentStatus("hidden-3", false));
    c.event(LiveEvents.agentStatus("a", false));
    c.event(new JsonObject().put("type", "message").put("message", new JsonObject().put("agentId", "hidden-1")));
    LiveFrame frame = c.flush();
    assertEquals(List.of("visit", "plan.done", "agent.status"), frame.events().stream().map(e -> e.getString("type")).toList());
    assertEquals(0, frame.agents().size());
    assertNull(c.flush(), "events are sent once");
  }

  @Test
  void aPlansEventsGoOnlyToClientsWhoSeeEveryOneOfItsAgents() {
    LiveCoalescer c = coalescer(10);
    c.flush();
    c.event(new JsonObject().put("type", "plan.progress").put("planId", 8).put("agents", new JsonArray().add("a").add("b")));
    c.event(new JsonObject().put("type", "plan.progress").put("planId", 9).put("agents", new JsonArray().add("a").add("hidden-2")));
    LiveFrame frame = c.flush();
    assertEquals(List.of(8), frame.events().stream().map(e -> e.getInteger("planId")).toList());
  }

  @Test
  void aClientThatFallsBehindKeepsOnlyTheNewestEventsAndIsToldHowManyItLost() {
    LiveCoalescer c = coalescer(3);
    c.flush();
    for (int i = 1; i <= 5; i++) {
      c.event(new JsonObject().put("type", "plan.progress").put("planId", i));
    }
    LiveFrame frame = c.flush();
    assertEquals(List.of(3, 4, 5), frame.events().stream().map(e -> e.getInteger("planId")).toList());
    assertEquals(2, frame.droppedEvents());
    assertEquals(2, c.droppedEvents());
    c.event(new JsonObject().put("type", "plan.progress").put("planId", 6));
    assertEquals(0, c.flush().droppedEvents(), "the count is per frame");
    assertEquals(2, c.droppedEvents(), "the total stays");
  }

  @Test
  void aCoalescerNeedsRoomForAtLeastOneEvent() {
    assertThrows(IllegalArgumentException.class, () -> coalescer(0));
  }

  @Test
  void memoryForPositionsIsBoundedByTheNumberOfAgents() {
    LiveCoalescer c = coalescer(10);
    c.flush();
    for (int second = 1; second <= 100; second++) {
      for (int agent = 0; agent < 50; agent++) {
        publish(c, fix("agent-" + agent, NOW + second * 1000L, 19.4, -99.1));
      }
    }
    LiveFrame frame = c.flush();
    assertEquals(50, frame.agents().size());
    assertEquals(NOW + 100_000, frame.agents().stream().map(a -> a.fix().deviceTimeMillis()).max(Comparator.naturalOrder()).orElseThrow());
  }
}
