package io.campo.tracking.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentTopicTest {

  @Test
  void parsesAgentTopics() {
    assertEquals(Optional.of(new AgentTopic("agent-7", "telemetry")), AgentTopic.parse("campo/agents/agent-7/telemetry"));
    assertEquals(Optional.of(new AgentTopic("a.b_c", "plan")), AgentTopic.parse("campo/agents/a.b_c/plan"));
  }

  @Test
  void rejectsTopicsOutsideTheTree() {
    assertTrue(AgentTopic.parse("campo/agents/").isEmpty());
    assertTrue(AgentTopic.parse("campo/agents/x").isEmpty());
    assertTrue(AgentTopic.parse("campo/agents/x/").isEmpty());
    assertTrue(AgentTopic.parse("campo/agents/+/telemetry").isEmpty());
    assertTrue(AgentTopic.parse("other/agents/x/telemetry").isEmpty());
    assertTrue(AgentTopic.parse(null).isEmpty());
  }

  @Test
  void anAgentMaySubscribeOnlyToItsOwnDownlink() {
    assertTrue(AgentTopic.maySubscribe("a1", "campo/agents/a1/plan"));
    assertTrue(AgentTopic.maySubscribe("a1", "campo/agents/a1/#"));
    assertTrue(AgentTopic.maySubscribe("a1", "campo/agents/a1/errors"));
    assertFalse(AgentTopic.maySubscribe("a1", "campo/agents/a2/plan"));
    assertFalse(AgentTopic.maySubscribe("a1", "campo/agents/+/plan"));
    assertFalse(AgentTopic.maySubscribe("a1", "campo/#"));
    assertFalse(AgentTopic.maySubscribe("a1", "#"));
    assertFalse(AgentTopic.maySubscribe("a1", "campo/agents/a1/telemetry"));
  }

  @Test
  void filtersMatchTopics() {
    assertTrue(AgentTopic.matches("campo/agents/a1/#", "campo/agents/a1/errors"));
    assertTrue(AgentTopic.matches("campo/agents/a1/+", "campo/agents/a1/errors"));
    assertTrue(AgentTopic.matches("campo/agents/a1/errors", "campo/agents/a1/errors"));
    assertFalse(AgentTopic.matches("campo/agents/a1/plan", "campo/agents/a1/errors"));
    assertFalse(AgentTopic.matches("campo/agents/a1/#", "campo/agents/a10/errors"));
  }
}
