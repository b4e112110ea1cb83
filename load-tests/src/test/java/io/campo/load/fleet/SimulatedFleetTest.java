package io.campo.load.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.load.CampoTestServer;
import io.campo.server.agent.AgentRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fleet against the real server and a real PostgreSQL: what was acknowledged is what is stored. */
class SimulatedFleetTest {

  @TempDir
  Path folder;

  @Test
  void everyAcknowledgedFixIsStoredAndEveryAgentHasAPosition() throws Exception {
    try (CampoTestServer campo = CampoTestServer.start(folder)) {
      AgentRegistry registry = new AgentRegistry(campo.server.database().dataSource());
      List<AgentCredentials> agents = new ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        String id = "fleet-" + i;
        agents.add(new AgentCredentials(id, registry.create(id, "Agente " + i).deviceToken()));
      }
      FleetSettings settings = new FleetSettings("127.0.0.1", campo.server.mqttPort(), MqttVersion.V5,
          Duration.ofMillis(200), LatLon.MEXICO_CITY, 2_000, 7, 1);

      FleetCounts counts;
      try (SimulatedFleet fleet = SimulatedFleet.start(settings, agents)) {
        Thread.sleep(3_000);
        fleet.stopPublishing();
        assertTrue(fleet.awaitSettled(Duration.ofSeconds(10)), "every fix answered: " + fleet.counts());
        counts = fleet.counts();
      }

      assertTrue(counts.acknowledged() > 0, "fixes acknowledged: " + counts);
      assertEquals(0, counts.refused() + counts.failed(), "nothing refused or failed: " + counts);
      assertEquals(counts.acknowledged(), campo.count("SELECT count(*) FROM telemetry"));
      for (AgentCredentials a : agents) {
        assertTrue(campo.server.latestPositions().of(a.agentId()).isPresent(), a.agentId() + " has a latest position");
      }
    }
  }
}
