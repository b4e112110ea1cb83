package io.campo.load.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.load.CampoTestServer;
import io.campo.server.agent.AgentRegistry;
import io.campo.server.auth.UserAccounts;
import io.campo.server.team.OfficeUsers;
import io.campo.server.team.Teams;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTeamsTest {

  @TempDir
  Path folder;

  @Test
  void splitsTheFleetInTwoTeamsAndTheDispatcherSeesBothAgainOnASecondRun() throws Exception {
    try (CampoTestServer campo = CampoTestServer.start(folder)) {
      var ds = campo.server.database().dataSource();
      AgentRegistry registry = new AgentRegistry(ds);
      List<String> ids = List.of("demo-001", "demo-002", "demo-003");
      for (String id : ids) {
        registry.create(id, id);
      }
      new UserAccounts(ds).create(DemoDispatcher.USERNAME, "despacho-password", "dispatcher");
      DemoTeams teams = new DemoTeams(new Teams(ds), new OfficeUsers(ds), campo.server.teamScope());

      teams.ensure(ids, DemoDispatcher.USERNAME);
      teams.ensure(ids, DemoDispatcher.USERNAME);

      assertEquals("norte", registry.find("demo-001").orElseThrow().team());
      assertEquals("norte", registry.find("demo-002").orElseThrow().team());
      assertEquals("sur", registry.find("demo-003").orElseThrow().team());
      assertEquals(Set.of("norte", "sur"), campo.server.teamScope().teamsOf(DemoDispatcher.USERNAME));
      JsonObject despacho = new JsonObject().put("sub", DemoDispatcher.USERNAME).put("role", "dispatcher");
      assertTrue(ids.stream().allMatch(id -> campo.server.teamScope().canSee(despacho, id)), "the demo map shows everyone");
    }
  }
}
