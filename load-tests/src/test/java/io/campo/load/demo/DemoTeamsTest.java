package io.campo.load.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.load.CampoTestServer;
import io.campo.server.agent.AgentRegistry;
import io.campo.server.auth.UserAccounts;
import io.campo.server.team.Teams;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.LocalDate;
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
      DemoTeams teams = new DemoTeams(new Teams(ds), new UserAccounts(ds), campo.server.features().teamScope());

      teams.ensure(ids, DemoDispatcher.USERNAME);
      teams.ensure(ids, DemoDispatcher.USERNAME);

      assertEquals("norte", registry.find("demo-001").orElseThrow().team());
      assertEquals("norte", registry.find("demo-002").orElseThrow().team());
      assertEquals("sur", registry.find("demo-003").orElseThrow().team());
      assertEquals(Set.of("norte", "sur"), campo.server.features().teamScope().teamsOf(DemoDispatcher.USERNAME));
      JsonObject despacho = new JsonObject().put("sub", DemoDispatcher.USERNAME).put("role", "dispatcher");
      assertTrue(ids.stream().allMatch(id -> campo.server.features().teamScope().canSee(despacho, id)), "the demo map shows everyone");

      // The dispatcher belongs to both teams, so the demo's portfolio names each debtor's team, split as the fleet is.
      JsonArray visits = new JsonArray();
      for (int i = 0; i < 4; i++) {
        visits.add(new JsonObject().put("id", "v-" + i).put("lat", 19.43 + i * 0.001).put("lon", -99.13).put("value", 50_000));
      }
      DemoPortfolio portfolio = new DemoPortfolio(visits, LocalDate.of(2026, 12, 1), 7);
      PlanningApi api = new PlanningApi(URI.create("http://127.0.0.1:" + campo.server.httpPort() + "/"));
      String token = api.login(DemoDispatcher.USERNAME, "despacho-password");
      JsonObject refused = api.importDebtors(token, portfolio.importRows());
      assertEquals(4, refused.getInteger("rejectedCount"), "without teams: " + refused.encode());
      JsonObject imported = api.importDebtors(token, portfolio.importRowsInTeams());
      assertEquals(0, imported.getInteger("rejectedCount"), imported.encode());
      assertEquals(4, imported.getInteger("imported"), imported.encode());
      assertEquals(2, campo.count("SELECT count(*) FROM debtor WHERE team_id = 'norte'"));
      assertEquals(2, campo.count("SELECT count(*) FROM debtor WHERE team_id = 'sur'"));
    }
  }
}
