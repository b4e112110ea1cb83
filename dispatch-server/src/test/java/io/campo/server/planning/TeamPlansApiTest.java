package io.campo.server.planning;

import static io.campo.server.planning.DemoCityPlanning.motorcycleAgent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;

/**
 * Plans per team on a small generated demo city: a dispatcher plans from their team's portfolio only, with the cadence
 * rules (cool-down, pending promises, broken promises) and territories (zones, agent-reserved debtors); two teams plan
 * the same day at once; a plan of several days spreads visits by their windows.
 */
class TeamPlansApiTest {

  static final double LAT = 19.4326;
  static final double LON = -99.1332;
  static final ZoneId ZONE = ZoneId.of("America/Mexico_City");
  static final LocalDate DAY = LocalDate.of(2026, 12, 15);
  @TempDir static Path dataDir;
  static TestServer server;
  static String norte;
  static String sur;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.startWithDemoCity(dataDir);
    norte = server.officeUserInTeam("disp-norte", "dispatcher", "norte");
    sur = server.officeUserInTeam("disp-sur", "dispatcher", "sur");
    for (String agent : List.of("n1", "n2", "n3")) {
      server.createAgent(agent, "norte");
    }
    server.createAgent("s1", "sur");
    JsonArray debtors = new JsonArray();
    String[] norteIds = {"N-0", "N-1", "N-2", "N-yesterday", "N-old", "N-promise", "N-broken", "N-reserved", "N-zone", "N-n3"};
    for (int i = 0; i < norteIds.length; i++) {
      debtors.add(debtor(norteIds[i], "norte", LAT + (i % 4 - 1.5) * 0.002, LON + (i / 4 - 1) * 0.002));
    }
    for (int i = 0; i < 3; i++) {
      debtors.add(debtor("S-" + i, "sur", LAT - 0.003, LON + (i - 1) * 0.002));
    }
    // A second debt of the suppressed debtor: it is still one debtor left out.
    debtors.add(debtor("N-promise", "norte", LAT + 0.5 * 0.002, LON).put("contract", "K-N-promise-2"));
    // N-east lies in the zone n1 works, far east of the others (N-zone is an ordinary debtor).
    debtors.add(debtor("N-east", "norte", LAT, LON + 0.006));
    // N-agreement pays by a confirmed agreement whose next installment falls after the planned day.
    debtors.add(debtor("N-agreement", "norte", LAT - 0.001, LON - 0.003));
    HttpResponse<String> imported = server.request("POST", "/api/debtors/import", server.adminToken(), debtors.encode());
    assertEquals(200, imported.statusCode(), imported.body());
    JsonObject agreement = new JsonObject().put("contracts", new JsonArray().add("K-N-agreement")).put("installments",
        new JsonArray().add(new JsonObject().put("date", DAY.plusDays(5).toString()).put("amount", "2500.00"))
            .add(new JsonObject().put("date", DAY.plusDays(35).toString()).put("amount", "2500.00")));
    HttpResponse<String> agreed = server.request("POST", "/api/debtors/N-agreement/agreements", norte, agreement.encode());
    assertEquals(201, agreed.statusCode(), agreed.body());
    visit("N-yesterday", DAY.minusDays(1), "NO_CONTACT", new JsonObject());
    visit("N-old", DAY.minusDays(5), "NO_CONTACT", new JsonObject());
    visit("N-promise", DAY.minusDays(2), "PROMISE", new JsonObject().put("date", DAY.plusDays(2).toString()).put("amount", "500"));
    visit("N-broken", DAY.minusDays(20), "PROMISE", new JsonObject().put("date", DAY.minusDays(10).toString()).put("amount", "500"));
    server.awaitRoads();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonObject debtor(String id, String team, double lat, double lon) {
    return new JsonObject().put("id", id).put("name", "Deudor " + id).put("team", team).put("lat", lat).put("lon", lon)
        .put("product", "consumo").put("contract", "K-" + id).put("currency", "MXN").put("principal", "20000")
        .put("balance", "5000").put("due_date", "2026-10-01");
  }

  /** A visit recorded at noon, local time, of the day. */
  static void visit(String debtor, LocalDate day, String outcome, JsonObject details) throws Exception {
    DemoCityPlanning.visit(server, "n1", debtor, day.atTime(12, 0).atZone(ZONE).toOffsetDateTime(), outcome, details);
  }

  static JsonObject awaitPlan(long id) throws InterruptedException {
    return DemoCityPlanning.awaitPlan(server, id, server.adminToken());
  }

  /** By agent: the visit ids of its route, in order. */
  static Map<String, List<String>> routes(JsonObject job) {
    Map<String, List<String>> out = new HashMap<>();
    job.getJsonObject("result").getJsonArray("routes").forEach(r -> out.put(((JsonObject) r).getString("agentId"),
        ((JsonObject) r).getJsonArray("stops").stream().map(s -> ((JsonObject) s).getString("visitId")).toList()));
    return out;
  }

  @Test
  void aDispatcherPlansTheirTeamsPortfolioWithCadenceAndTerritories() throws Exception {
    // n1 works the east of the city; N-n3 is reserved for n3, who is not in the plan; N-reserved for n2.
    JsonObject zone = new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(new JsonArray()
        .add(new JsonArray().add(LON + 0.005).add(LAT - 0.001)).add(new JsonArray().add(LON + 0.007).add(LAT - 0.001))
        .add(new JsonArray().add(LON + 0.007).add(LAT + 0.001)).add(new JsonArray().add(LON + 0.005).add(LAT + 0.001))
        .add(new JsonArray().add(LON + 0.005).add(LAT - 0.001))));
    JsonObject east = new JsonObject().put("team", "norte").put("agentId", "n1").put("name", "Oriente").put("zone", zone);
    HttpResponse<String> put = server.request("PUT", "/api/territories/oriente", norte, east.encode());
    assertEquals(200, put.statusCode(), put.body());
    assertEquals(403, server.request("PUT", "/api/territories/oriente", sur, east.encode()).statusCode(), "not sur's team");
    HttpResponse<String> wrongAgent = server.request("PUT", "/api/territories/oriente", norte, east.copy().put("agentId", "s1").encode());
    assertEquals(400, wrongAgent.statusCode());
    assertTrue(wrongAgent.body().contains("agent 's1' is not in team 'norte'"), wrongAgent.body());
    assertEquals(400, server.request("PUT", "/api/territories/oriente", norte, east.copy().put("zone", "a circle").encode()).statusCode());
    assertEquals(404, server.request("PUT", "/api/territories/oriente", norte, east.copy().put("agentId", "nadie").encode()).statusCode());
    assertEquals(1, new JsonObject(server.request("GET", "/api/territories", norte, null).body()).getJsonArray("territories").size());
    assertEquals(0, new JsonObject(server.request("GET", "/api/territories", sur, null).body()).getJsonArray("territories").size());

    assertEquals(200, server.request("PUT", "/api/debtors/N-reserved/agent", norte, "{\"agentId\": \"n2\"}").statusCode());
    assertEquals(200, server.request("PUT", "/api/debtors/N-n3/agent", norte, "{\"agentId\": \"n3\"}").statusCode());
    assertEquals(404, server.request("PUT", "/api/debtors/N-n3/agent", sur, "{\"agentId\": \"s1\"}").statusCode(), "not sur's debtor");
    assertEquals(400, server.request("PUT", "/api/debtors/S-0/agent", sur, "{\"agentId\": \"n1\"}").statusCode(), "n1 is not of sur");
    assertEquals(400, server.request("PUT", "/api/debtors/S-0/agent", sur, "{\"agentId\": 7}").statusCode());
    HttpResponse<String> released = server.request("PUT", "/api/debtors/N-0/agent", norte, "{}");
    assertEquals(200, released.statusCode(), released.body());
    assertEquals(null, new JsonObject(released.body()).getString("agentId"));

    JsonObject body = new JsonObject().put("date", DAY.toString()).put("timeLimitSeconds", 2)
        .put("agents", new JsonArray().add(motorcycleAgent("n1")).add(motorcycleAgent("n2"))).put("portfolio", new JsonObject().put("maxVisits", 50));
    assertEquals(403, server.request("POST", "/api/plans", norte, body.copy().put("team", "sur").encode()).statusCode());
    HttpResponse<String> adminNoTeam = server.request("POST", "/api/plans", server.adminToken(), body.encode());
    assertEquals(400, adminNoTeam.statusCode());
    assertTrue(adminNoTeam.body().contains("an admin names the team"), adminNoTeam.body());
    HttpResponse<String> mixed = server.request("POST", "/api/plans", server.adminToken(),
        body.copy().put("team", "norte").put("agents", new JsonArray().add(motorcycleAgent("n1")).add(motorcycleAgent("s1"))).encode());
    assertEquals(400, mixed.statusCode());
    assertTrue(mixed.body().contains("agents s1 are not in team 'norte'"), mixed.body());
    assertEquals(404, server.request("POST", "/api/plans", norte,
        body.copy().put("agents", new JsonArray().add(motorcycleAgent("s1"))).encode()).statusCode(), "another team's agent");

    HttpResponse<String> accepted = server.request("POST", "/api/plans", norte, body.encode());
    assertEquals(202, accepted.statusCode(), accepted.body());
    JsonObject answer = new JsonObject(accepted.body());
    assertEquals("norte", answer.getString("team"));
    assertEquals(new JsonObject().put("suppressed", 2).put("coolingDown", 1).put("otherAgents", 1).put("mustVisits", 1)
        .put("contact", new JsonObject().put("no_consent", 0).put("weekly_limit", 0).put("rest_day", 0)),
        answer.getJsonObject("portfolio"), accepted.body());
    JsonObject job = awaitPlan(answer.getLong("id"));
    assertEquals("done", job.getString("status"), job.encodePrettily());
    assertEquals("norte", job.getString("team"));
    assertEquals(new JsonArray(), job.getJsonObject("result").getJsonArray("violations"));
    Map<String, List<String>> routes = routes(job);
    Set<String> offered = new HashSet<>();
    routes.values().forEach(offered::addAll);
    job.getJsonObject("result").getJsonArray("unassigned").forEach(u -> offered.add(((JsonObject) u).getString("visitId")));
    assertEquals(Set.of("N-0", "N-1", "N-2", "N-old", "N-broken", "N-reserved", "N-zone", "N-east"), offered,
        "norte's debtors only; not the one visited yesterday, the one whose promise is pending, the one paying by an"
            + " agreement, nor n3's");
    assertTrue(routes.get("n2").contains("N-reserved"), routes.toString());
    assertTrue(routes.get("n1").contains("N-east"), "N-east lies in n1's zone: " + routes);
    assertTrue(offered.contains("N-broken") && !job.getJsonObject("result").getJsonArray("unassigned").stream()
        .anyMatch(u -> ((JsonObject) u).getString("visitId").equals("N-broken")), "the broken promise is visited");
    assertEquals(1, server.count("SELECT count(*) FROM plan_job, jsonb_array_elements(request->'visits') v WHERE id = "
        + answer.getLong("id") + " AND v->>'id' = 'N-broken' AND (v->>'mustVisit')::boolean"), "as a must-visit");
  }

  @Test
  void twoTeamsPlanTheSameDayAtOnceButATeamPlansADayOnceAtATime() throws Exception {
    LocalDate day = DAY.plusDays(1);
    JsonArray visits = new JsonArray();
    for (int i = 0; i < 6; i++) {
      visits.add(new JsonObject().put("id", "c" + i).put("lat", LAT + i * 0.001).put("lon", LON - 0.002));
    }
    JsonObject northPlan = new JsonObject().put("date", day.toString()).put("timeLimitSeconds", 3)
        .put("agents", new JsonArray().add(motorcycleAgent("n1"))).put("visits", visits);
    JsonObject southPlan = northPlan.copy().put("agents", new JsonArray().add(motorcycleAgent("s1")));
    HttpResponse<String> first = server.request("POST", "/api/plans", norte, northPlan.encode());
    assertEquals(202, first.statusCode(), first.body());
    HttpResponse<String> second = server.request("POST", "/api/plans", sur, southPlan.encode());
    assertEquals(202, second.statusCode(), "another team plans the same day: " + second.body());
    HttpResponse<String> again = server.request("POST", "/api/plans", norte, northPlan.encode());
    assertEquals(409, again.statusCode(), again.body());
    assertTrue(again.body().contains("team 'norte'"), again.body());
    assertEquals("done", awaitPlan(new JsonObject(first.body()).getLong("id")).getString("status"));
    assertEquals("done", awaitPlan(new JsonObject(second.body()).getLong("id")).getString("status"));
    assertEquals(202, server.request("POST", "/api/plans", norte, northPlan.put("timeLimitSeconds", 1).encode()).statusCode(),
        "once done, the team may plan the day again");
  }

  @Test
  void aPlanOfThreeDaysSpreadsVisitsByTheirWindowsAndNeverRoutesOneTwice() throws Exception {
    LocalDate first = DAY.plusDays(3);
    JsonArray visits = new JsonArray();
    Map<String, LocalDate> windowDay = new HashMap<>();
    for (int d = 0; d < 3; d++) {
      for (int k = 0; k < 2; k++) {
        String id = "d" + d + "-" + k;
        LocalDate on = first.plusDays(d);
        windowDay.put(id, on);
        visits.add(new JsonObject().put("id", id).put("lat", LAT + k * 0.002).put("lon", LON + d * 0.002).put("serviceMinutes", 10)
            .put("windows", new JsonArray().add(new JsonObject().put("start", on.atTime(10, 0).atZone(ZONE).toOffsetDateTime().toString())
                .put("end", on.atTime(12, 0).atZone(ZONE).toOffsetDateTime().toString()))));
      }
    }
    for (int k = 0; k < 8; k++) {
      visits.add(new JsonObject().put("id", "free-" + k).put("lat", LAT - 0.002).put("lon", LON + (k - 4) * 0.001).put("serviceMinutes", 10));
    }
    // One agent doing at most 4 visits a day: the 8 windowless visits need the three days too.
    JsonObject body = new JsonObject().put("date", first.toString()).put("days", 3).put("timeLimitSeconds", 1).put("team", "norte")
        .put("agents", new JsonArray().add(motorcycleAgent("n2").put("maxVisits", 4))).put("visits", visits);
    assertEquals(400, server.request("POST", "/api/plans", norte, body.copy().put("days", 8).encode()).statusCode());
    assertEquals(400, server.request("POST", "/api/plans", norte, body.copy().put("days", 0).encode()).statusCode());
    HttpResponse<String> accepted = server.request("POST", "/api/plans", norte, body.encode());
    assertEquals(202, accepted.statusCode(), accepted.body());
    JsonArray days = new JsonObject(accepted.body()).getJsonArray("days");
    assertEquals(3, days.size(), accepted.body());
    Set<String> seen = new HashSet<>();
    for (int d = 0; d < 3; d++) {
      JsonObject job = awaitPlan(days.getJsonObject(d).getLong("id"));
      assertEquals("done", job.getString("status"), job.encodePrettily());
      assertEquals(first.plusDays(d).toString(), job.getString("date"));
      assertEquals(new JsonArray(), job.getJsonObject("result").getJsonArray("violations"));
      for (Object s : job.getJsonObject("result").getJsonArray("routes").getJsonObject(0).getJsonArray("stops")) {
        JsonObject stop = (JsonObject) s;
        String id = stop.getString("visitId");
        assertTrue(seen.add(id), id + " routed twice");
        Instant start = Instant.parse(stop.getString("serviceStart"));
        assertEquals(first.plusDays(d), start.atZone(ZONE).toLocalDate(), id + " on its plan's day");
        if (windowDay.containsKey(id)) {
          assertEquals(windowDay.get(id), first.plusDays(d), id + " on its window's day");
          int hour = start.atZone(ZONE).getHour();
          assertTrue(hour >= 10 && (hour < 12 || start.atZone(ZONE).toLocalTime().equals(java.time.LocalTime.NOON)), id + " at " + start);
        }
      }
    }
    assertTrue(seen.containsAll(windowDay.keySet()), "every windowed visit on its day: " + seen);
    assertTrue(seen.size() >= 10, "the windowless visits fill the days: " + seen);
    assertFalse(seen.size() > 12, "at most four a day");
  }
}
