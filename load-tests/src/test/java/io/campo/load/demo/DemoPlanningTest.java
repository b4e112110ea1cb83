package io.campo.load.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.load.CampoTestServer;
import io.campo.load.fleet.AgentCredentials;
import io.campo.load.fleet.FleetSettings;
import io.campo.load.fleet.LatLon;
import io.campo.load.fleet.MqttVersion;
import io.campo.load.fleet.RoadPath;
import io.campo.load.fleet.SimulatedFleet;
import io.campo.server.agent.AgentRegistry;
import io.campo.server.auth.UserAccounts;
import io.campo.server.team.Teams;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's chain on a small generated city: the dispatcher account, the day request through
 * the HTTP API, the plan reaching the phones over MQTT, and the phones' stored fixes on their
 * routes' roads.
 */
class DemoPlanningTest {

  static final int CITY_KM = 2;
  static final double NEAR_METRES = 30;

  @TempDir
  Path folder;

  @Test
  void theDispatcherPlansTheDayThroughTheApiAndThePhonesDriveTheirRoutes() throws Exception {
    try (CampoTestServer campo = CampoTestServer.start(folder, Map.of("CAMPO_ROADS", "demo", "CAMPO_DEMO_CITY_KM", "" + CITY_KM))) {
      UserAccounts users = new UserAccounts(campo.server.database().dataSource());
      Path data = folder.resolve("data");
      String password = new DemoDispatcher(users, data).ensurePassword().orElseThrow();
      assertEquals(Optional.of(password), new DemoDispatcher(users, data).ensurePassword(), "the next run reuses the password");
      assertEquals("dispatcher", users.verify(DemoDispatcher.USERNAME, password).orElseThrow().role());

      AgentRegistry registry = new AgentRegistry(campo.server.database().dataSource());
      List<AgentCredentials> agents = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String id = DemoAgents.id(i);
        agents.add(new AgentCredentials(id, registry.create(id, "Agente " + i).deviceToken()));
      }
      List<String> ids = agents.stream().map(AgentCredentials::agentId).toList();
      // As in the demo: the dispatcher plans only agents of its teams, so it is in both.
      var ds = campo.server.database().dataSource();
      new DemoTeams(new Teams(ds), new UserAccounts(ds), campo.server.features().teamScope()).ensure(ids, DemoDispatcher.USERNAME);
      DemoCityArea city = DemoCityArea.ofKilometres(CITY_KM);
      FleetSettings settings = new FleetSettings("127.0.0.1", campo.server.mqttPort(), MqttVersion.V5,
          Duration.ofMillis(200), city.centre(), 500, 3, 60);
      try (SimulatedFleet fleet = SimulatedFleet.start(settings, agents)) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PlanningApi api = new PlanningApi(URI.create("http://127.0.0.1:" + campo.server.httpPort() + "/"));
        Optional<DemoPlanning.PlannedDay> planned = new DemoPlanning(campo.server::planningUnavailableReason, api,
            new PrintStream(console, true, StandardCharsets.UTF_8)).plan(DemoDispatcher.USERNAME, password,
            () -> new DemoDayRequest(city, 5, 2).forAgents(ids, ZonedDateTime.now(ZoneId.of("America/Mexico_City"))));
        String printed = console.toString(StandardCharsets.UTF_8);
        assertTrue(planned.isPresent(), printed);
        assertTrue(printed.contains("done: "), printed);
        long planId = planned.get().planId();

        JsonObject job = api.plan(api.login(DemoDispatcher.USERNAME, password), planId);
        JsonObject result = job.getJsonObject("result");
        Instant finished = Instant.parse(job.getString("finishedAt"));
        assertEquals(new JsonArray(), result.getJsonArray("violations"), "the independent route checker found nothing");
        List<JsonObject> routes = new ArrayList<>();
        int assigned = 0;
        for (Object o : result.getJsonArray("routes")) {
          JsonObject route = (JsonObject) o;
          assigned += route.getJsonArray("stops").size();
          if (!route.getJsonArray("stops").isEmpty()) {
            routes.add(route);
          }
        }
        assertEquals(3 * DemoDayRequest.VISITS_PER_AGENT, assigned + result.getJsonArray("unassigned").size(),
            "every visit planned or explained");
        assertTrue(assigned >= 15, "a good part of the day's visits fit: " + assigned);
        assertEquals(routes.size(), planned.get().agentsWithRoutes());

        long deadline = System.currentTimeMillis() + 10_000;
        while (fleet.agentsDriving(planId) < routes.size() && System.currentTimeMillis() < deadline) {
          Thread.sleep(20);
        }
        assertEquals(routes.size(), fleet.agentsDriving(planId), "every agent with a route drives it");
        Instant driving = Instant.now().plusMillis(250);
        Thread.sleep(3_000);
        fleet.stopPublishing();
        assertTrue(fleet.awaitSettled(Duration.ofSeconds(10)));

        int reachedFirstDoor = 0;
        for (JsonObject route : routes) {
          String agent = route.getString("agentId");
          RoadPath path = new RoadPath(lineOf(route));
          List<LatLon> fixes = fixes(campo, agent, driving);
          assertTrue(fixes.size() >= 5, agent + " reported while driving: " + fixes.size());
          double farthest = 0;
          for (LatLon fix : fixes) {
            RoadPath.Location on = path.locate(fix);
            assertTrue(on.metresAway() < NEAR_METRES, agent + ": " + fix + " is " + Math.round(on.metresAway()) + " m off its route");
            farthest = Math.max(farthest, on.metresAlong());
          }
          // A phone drives from the departure when the plan reaches it after that (as here, unless the planner delayed the
          // departure for a window); 2.8 s at ×60 is 168 s of the plan: whoever's first door is 150 s away is there.
          JsonObject first = route.getJsonArray("stops").getJsonObject(0);
          Instant departure = Instant.parse(route.getString("departure"));
          double firstLegSeconds = Duration.between(departure, Instant.parse(first.getString("arrival"))).toSeconds();
          if (!departure.isAfter(finished) && firstLegSeconds <= 150) {
            double doorMetres = first.getLong("travelMeters") * path.lengthMetres() / route.getLong("travelMeters");
            assertTrue(farthest > doorMetres - NEAR_METRES, agent + " reached its first door " + Math.round(doorMetres)
                + " m along its route, " + firstLegSeconds + " s from home: got to " + Math.round(farthest) + " m");
            reachedFirstDoor++;
          }
        }
        assertTrue(reachedFirstDoor > 0, "some agent's first door is close enough to check that it got there");
      }
    }
  }

  static List<LatLon> lineOf(JsonObject route) {
    List<LatLon> line = new ArrayList<>();
    for (Object c : route.getJsonObject("geometry").getJsonArray("coordinates")) {
      JsonArray lonLat = (JsonArray) c;
      line.add(new LatLon(lonLat.getDouble(1), lonLat.getDouble(0)));
    }
    return line;
  }

  static List<LatLon> fixes(CampoTestServer campo, String agentId, Instant from) throws Exception {
    List<LatLon> fixes = new ArrayList<>();
    try (Connection c = campo.server.database().dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT lat, lon FROM telemetry WHERE agent_id = ? AND device_time > ? ORDER BY device_time")) {
      ps.setString(1, agentId);
      ps.setTimestamp(2, Timestamp.from(from));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          fixes.add(new LatLon(rs.getDouble(1), rs.getDouble(2)));
        }
      }
    }
    return fixes;
  }
}
