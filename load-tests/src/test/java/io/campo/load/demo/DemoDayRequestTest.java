package io.campo.load.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.load.fleet.LatLon;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DemoDayRequestTest {

  static final DemoCityArea CITY = DemoCityArea.ofKilometres(8);
  static final ZonedDateTime EVENING = ZonedDateTime.of(2026, 11, 24, 21, 30, 15, 123, ZoneId.of("America/Mexico_City"));
  static final List<String> AGENTS = IntStream.range(0, 50).mapToObj(DemoAgents::id).toList();

  @Test
  void fiftyAgentsGetAThousandVisitsInsideTheCityWithinTheirShifts() {
    JsonObject request = new DemoDayRequest(CITY, 1, 20).forAgents(AGENTS, EVENING);
    assertEquals("2026-11-24", request.getString("date"), "the plan's date is the shift's local day");
    assertEquals(20, request.getInteger("timeLimitSeconds"));
    JsonArray agents = request.getJsonArray("agents");
    JsonArray visits = request.getJsonArray("visits");
    assertEquals(50, agents.size());
    assertEquals(1_000, visits.size());

    OffsetDateTime shiftStart = EVENING.withNano(0).toOffsetDateTime();
    OffsetDateTime shiftEnd = shiftStart.plus(DemoDayRequest.SHIFT);
    Set<String> profiles = new HashSet<>();
    for (Object o : agents) {
      JsonObject agent = (JsonObject) o;
      assertEquals(shiftStart, OffsetDateTime.parse(agent.getString("shiftStart")), "shifts start at the moment given");
      assertEquals(shiftEnd, OffsetDateTime.parse(agent.getString("shiftEnd")));
      LatLon home = new LatLon(agent.getJsonObject("start").getDouble("lat"), agent.getJsonObject("start").getDouble("lon"));
      assertTrue(CITY.centre().metresTo(home) <= DemoDayRequest.HOME_RADIUS_METRES + 1, "home near the centre: " + home);
      assertEquals(agent.getJsonObject("start"), agent.getJsonObject("end"), "home at the end of the day");
      profiles.add(agent.getString("profile"));
    }
    assertEquals(Set.of("motorcycle", "car", "foot"), profiles);

    Set<String> ids = new HashSet<>();
    int withWindows = 0;
    int needingSkills = 0;
    for (Object o : visits) {
      JsonObject visit = (JsonObject) o;
      assertTrue(ids.add(visit.getString("id")), "unique id " + visit.getString("id"));
      LatLon at = new LatLon(visit.getDouble("lat"), visit.getDouble("lon"));
      assertTrue(Math.abs(at.northMetresFrom(CITY.centre())) <= CITY.sideMetres() / 2
          && Math.abs(at.eastMetresFrom(CITY.centre())) <= CITY.sideMetres() / 2, "inside the city: " + at);
      assertTrue(visit.getLong("value") > 0);
      for (Object w : visit.getJsonArray("windows", new JsonArray())) {
        OffsetDateTime start = OffsetDateTime.parse(((JsonObject) w).getString("start"));
        OffsetDateTime end = OffsetDateTime.parse(((JsonObject) w).getString("end"));
        assertTrue(!start.isBefore(shiftStart) && end.isAfter(start) && !end.isAfter(shiftEnd), "window within the shift: " + w);
      }
      withWindows += visit.containsKey("windows") ? 1 : 0;
      needingSkills += visit.containsKey("skills") ? 1 : 0;
    }
    assertTrue(withWindows > 700 && withWindows < 950, "most debtors are home only at some hours: " + withWindows);
    assertTrue(needingSkills > 10 && needingSkills < 100, "a few visits need an accredited agent: " + needingSkills);
  }

  @Test
  void theSameSeedPlansTheSameVisitsWhateverTheHour() {
    JsonArray morning = new DemoDayRequest(CITY, 1, 20).forAgents(AGENTS, EVENING.withHour(8)).getJsonArray("visits");
    JsonArray evening = new DemoDayRequest(CITY, 1, 20).forAgents(AGENTS, EVENING).getJsonArray("visits");
    for (int i = 0; i < morning.size(); i++) {
      assertEquals(morning.getJsonObject(i).getDouble("lat"), evening.getJsonObject(i).getDouble("lat"));
      assertEquals(morning.getJsonObject(i).getLong("value"), evening.getJsonObject(i).getLong("value"));
    }
  }
}
