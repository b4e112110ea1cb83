package io.campo.tracking.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RefusedPublishesTest {

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theSamePayloadOfTheSameAgentIsRefusedOnceThenAcknowledged() {
    RefusedPublishes refused = new RefusedPublishes();
    assertFalse(refused.refusedBefore("a", "owntracks/a/phone", b("{\"lat\":200}")));
    assertTrue(refused.refusedBefore("a", "owntracks/a/phone", b("{\"lat\":200}")));
    assertFalse(refused.refusedBefore("b", "owntracks/a/phone", b("{\"lat\":200}")), "another agent's refusal is its own");
    assertFalse(refused.refusedBefore("a", "owntracks/a/other", b("{\"lat\":200}")), "another topic");
    assertFalse(refused.refusedBefore("a", "owntracks/a/phone", b("{\"lat\":201}")), "another payload");
  }

  @Test
  void onlyTheLatestRefusalsOfAnAgentAreKept() {
    RefusedPublishes refused = new RefusedPublishes();
    for (int i = 0; i <= RefusedPublishes.PER_AGENT; i++) {
      refused.refusedBefore("a", "t", b("p" + i));
    }
    assertFalse(refused.refusedBefore("a", "t", b("p0")), "the oldest was forgotten");
    assertTrue(refused.refusedBefore("a", "t", b("p" + RefusedPublishes.PER_AGENT)));
  }

  @Test
  void ownTracksTopics() {
    assertEquals(Optional.of(new OwnTracksTopic("jane", "phone", null)), OwnTracksTopic.parse("owntracks/jane/phone"));
    assertEquals(Optional.of(new OwnTracksTopic("jane", "phone", "event")), OwnTracksTopic.parse("owntracks/jane/phone/event"));
    assertTrue(OwnTracksTopic.parse("owntracks/jane").isEmpty());
    assertTrue(OwnTracksTopic.parse("owntracks/jane//x").isEmpty());
    assertTrue(OwnTracksTopic.parse("owntracks/bad id!/phone").isEmpty());
    assertTrue(OwnTracksTopic.parse("owntracks/jane/phone/a/b").isEmpty());
    assertTrue(OwnTracksTopic.parse("campo/agents/jane/telemetry").isEmpty());
  }
}
