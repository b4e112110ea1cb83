package io.campo.load.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.load.CampoTestServer;
import io.campo.load.fleet.AgentCredentials;
import io.campo.server.agent.AgentRegistry;
import io.campo.server.enrolment.EnrolmentLink;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalkThroughAgentTest {

  @TempDir
  Path folder;

  @Test
  void oneAgentIsLeftOutOfTheFleetAndItsPrintedLinkSignsIn() throws Exception {
    try (CampoTestServer campo = CampoTestServer.start(folder)) {
      List<AgentCredentials> agents = new DemoAgents(new AgentRegistry(campo.server.database().dataSource()),
          folder.resolve("data")).ensure();
      WalkThroughAgent split = WalkThroughAgent.choose(agents);
      AgentCredentials walker = split.walker();
      assertNotNull(walker);
      assertEquals(agents.size() - 1, split.simulated().size());
      assertFalse(split.simulated().contains(walker), "no simulated phone drives the walk-through agent");
      assertFalse(DemoVisits.lazyAgents(agents.stream().map(AgentCredentials::agentId).toList()).contains(walker.agentId()),
          "its day is a normal one, not a lazy agent's");

      String base = "http://127.0.0.1:" + campo.server.httpPort();
      List<String> lines = split.signInLines(base);
      assertTrue(lines.get(0).contains(base + "/agent/"), lines.toString());
      assertTrue(lines.get(1).contains(walker.deviceToken()), lines.toString());
      String printed = lines.get(2).substring(lines.get(2).indexOf("http"));
      EnrolmentLink link = EnrolmentLink.parse(printed);
      assertEquals(base, link.server());
      assertEquals(walker.agentId(), link.agentId());

      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(link.server() + "/api/auth/device"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("agentId", link.agentId())
              .put("deviceToken", link.token()).encode())).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, login.statusCode(), login.body());
      String jwt = new JsonObject(login.body()).getString("token");
      HttpResponse<String> day = http.send(HttpRequest.newBuilder(URI.create(link.server() + "/api/me/day"))
          .header("Authorization", "Bearer " + jwt).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, day.statusCode(), day.body());
      assertEquals(walker.agentId(), new JsonObject(day.body()).getString("agentId"));
      HttpResponse<String> app = http.send(HttpRequest.newBuilder(URI.create(printed.substring(0, printed.indexOf('#')))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, app.statusCode(), "the link opens the agent app");
    }
  }

  @Test
  void noAgentsLeaveNobodyToWalk() {
    WalkThroughAgent none = WalkThroughAgent.choose(List.of());
    assertNull(none.walker());
    assertTrue(none.simulated().isEmpty());
  }
}
