package io.campo.load.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.load.CampoTestServer;
import io.campo.load.fleet.AgentCredentials;
import io.campo.server.agent.AgentRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoAgentsTest {

  @TempDir
  Path folder;

  @Test
  void theSecondRunReusesTheFirstRunsTokensAndAWipedFileLeavesAgentsOut() throws Exception {
    try (CampoTestServer campo = CampoTestServer.start(folder)) {
      AgentRegistry registry = new AgentRegistry(campo.server.database().dataSource());
      Path data = folder.resolve("data");

      List<AgentCredentials> first = new DemoAgents(registry, data).ensure();
      assertEquals(50, first.size());
      assertEquals("demo-001", first.get(0).agentId());
      assertEquals("demo-050", first.get(49).agentId());
      assertEquals("María Guadalupe Hernández", registry.find("demo-001").orElseThrow().name());
      Path tokens = data.resolve(DemoAgents.TOKEN_FILE_NAME);
      assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens)));

      List<AgentCredentials> second = new DemoAgents(registry, data).ensure();
      assertEquals(first, second, "same agents, same tokens");
      for (AgentCredentials a : second) {
        assertTrue(registry.authenticate(a.agentId(), a.deviceToken()), a.agentId() + " logs in with the kept token");
      }

      Files.delete(tokens);
      assertTrue(new DemoAgents(registry, data).ensure().isEmpty(), "tokens cannot be recovered from their hashes");
    }
  }
}
