package io.campo.server.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.campo.tracking.telemetry.Fix;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveFramesTest {

  @Test
  void aFrameIsTheContractsJsonWithOptionalMeasurementsLeftOutWhenNotSent() {
    Fix full = new Fix("cobrador-1", 1_795_000_000_123L, 1_795_000_000_500L, 19.4326, -99.1332, 6.5, 1.2, 270.0, 82, true, 9L);
    Fix bare = new Fix("odd \"id\"\\\n", 1_795_000_001_000L, 1_795_000_001_000L, -0.5, 1.0E-5, null, null, null, null, null, null);
    JsonObject event = new JsonObject().put("type", "plan.done").put("planId", 3).put("status", "DONE");
    JsonObject frame = new JsonObject(LiveFrames.encode(new LiveFrame(7, List.of(
        new LiveFrame.AgentState(full, true), new LiveFrame.AgentState(bare, false)), List.of(event), 0), 1_795_000_002_000L));


    assertEquals("frame", frame.getString("type"));
    assertEquals(7, frame.getLong("seq"));
    assertEquals(1_795_000_002_000L, frame.getLong("sent"));
    assertFalse(frame.containsKey("droppedEvents"));
    JsonArray agents = frame.getJsonArray("agents");
    assertEquals(new JsonObject().put("id", "cobrador-1").put("lat", 19.4326).put("lon", -99.1332).put("t", 1_795_000_000_123L)
        .put("battery", 82).put("charging", true).put("speed", 1.2).put("heading", 270.0).put("accuracy", 6.5).put("online", true),
        agents.getJsonObject(0));
    assertEquals(new JsonObject().put("id", "odd \"id\"\\\n").put("lat", -0.5).put("lon", 1.0E-5).put("t", 1_795_000_001_000L)
        .put("online", false), agents.getJsonObject(1));
    assertEquals(new JsonArray().add(event), frame.getJsonArray("events"));
  }

  @Test
  void droppedEventsAreReportedAndAnEmptyFrameIsStillValidJson() {
    JsonObject frame = new JsonObject(LiveFrames.encode(new LiveFrame(1, List.of(), List.of(), 4), 0));
    assertEquals(4, frame.getLong("droppedEvents"));
    assertEquals(new JsonArray(), frame.getJsonArray("agents"));
    assertEquals(new JsonObject().put("type", "error").put("message", "bad \"bbox\""), new JsonObject(LiveFrames.error("bad \"bbox\"")));
  }
}
