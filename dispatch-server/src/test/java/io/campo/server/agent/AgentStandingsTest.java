package io.campo.server.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentStandingsTest {

  private final Map<String, AgentRegistry.Standing> table = new HashMap<>();
  private final AgentStandings standings = new AgentStandings(() -> table);

  @Test
  void theFirstReadReportsNoChangeAndLaterReadsReportWhatMoved() throws Exception {
    table.put("a", new AgentRegistry.Standing(true, 0));
    table.put("b", new AgentRegistry.Standing(true, 0));
    assertEquals(List.of(), standings.reload());
    assertEquals(List.of(), standings.reload(), "nothing moved");

    table.put("a", new AgentRegistry.Standing(true, 7));
    table.put("b", new AgentRegistry.Standing(false, 8));
    table.put("c", new AgentRegistry.Standing(true, 0));
    table.put("d", new AgentRegistry.Standing(false, 9));
    List<AgentStandings.Change> changes = standings.reload();
    assertEquals(4, changes.size());
    assertTrue(changes.stream().filter(c -> c.agentId().equals("d")).findFirst().orElseThrow().activeChanged(),
        "created and disabled between two reads: the maps must hear it is disabled");
    AgentStandings.Change a = changes.stream().filter(c -> c.agentId().equals("a")).findFirst().orElseThrow();
    assertFalse(a.activeChanged(), "a rotation is not a disabling");
    assertTrue(changes.stream().filter(c -> c.agentId().equals("b")).findFirst().orElseThrow().activeChanged());
    assertFalse(changes.stream().filter(c -> c.agentId().equals("c")).findFirst().orElseThrow().activeChanged(),
        "a new agent was not enabled: it always was");
  }

  @Test
  void credentialsOfAnOlderGenerationOrOfADisabledAgentAreRevoked() throws Exception {
    table.put("a", new AgentRegistry.Standing(true, 5));
    table.put("off", new AgentRegistry.Standing(false, 6));
    standings.reload();
    assertFalse(standings.revoked("a", 5));
    assertTrue(standings.revoked("a", 4), "issued before the rotation");
    assertTrue(standings.revoked("a", 0), "a token without the claim");
    assertTrue(standings.revoked("off", 6), "disabled, whatever the generation");
    assertTrue(standings.disabled("off"));
    assertFalse(standings.revoked("created-since", 0), "an agent newer than the last read was checked at login");
    assertFalse(standings.disabled("created-since"));
  }
}
