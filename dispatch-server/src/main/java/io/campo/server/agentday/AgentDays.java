package io.campo.server.agentday;

import io.campo.server.api.AgentDay;
import io.campo.server.message.AgentMessages;
import io.campo.tracking.storage.TelemetryStore;
import io.campo.tracking.telemetry.Fix;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * One agent's day as the dispatcher reviews it: the planned route with each stop coloured by what
 * the agent recorded there, the debtors' geofences and the trail the phone reported; and the
 * timeline of fixes, battery, visits, messages and connections.
 *
 * <p>Blocking (JDBC); thread-safe.
 */
public final class AgentDays {

  /** A day of fixes every second is 86,400; beyond this the trail and the timeline use the first ones. */
  static final int MAX_DAY_FIXES = 100_000;

  private final PlannedRoutes routes;
  private final DayVisits visits;
  private final StopDebtors debtors;
  private final SessionEvents sessions;
  private final TelemetryStore telemetry;
  private final AgentMessages messages;

  public AgentDays(DataSource dataSource, TelemetryStore telemetry, AgentMessages messages) {
    this.routes = new PlannedRoutes(dataSource);
    this.visits = new DayVisits(dataSource);
    this.debtors = new StopDebtors(dataSource);
    this.sessions = new SessionEvents(dataSource);
    this.telemetry = telemetry;
    this.messages = messages;
  }

  public JsonObject day(String agentId, AgentDay day) throws SQLException {
    JsonObject out = new JsonObject().put("agentId", agentId).put("date", day.date().toString());
    var planned = routes.newest(agentId, day.date());
    JsonArray geofences = new JsonArray();
    if (planned.isEmpty()) {
      out.putNull("planId").putNull("route");
    } else {
      JsonObject route = planned.get().route();
      JsonArray plannedStops = route.getJsonArray("stops", new JsonArray());
      Set<String> stopIds = new LinkedHashSet<>();
      plannedStops.forEach(s -> stopIds.add(((JsonObject) s).getString("visitId")));
      Map<String, StopDebtors.Debtor> byId = debtors.find(stopIds);
      // The latest visit to each debtor wins: a rejected check-in followed by a good one is a good stop.
      Map<String, DayVisits.RecordedVisit> latest = new HashMap<>();
      for (DayVisits.RecordedVisit v : visits.of(agentId, day.from(), day.to())) {
        latest.put(v.debtorExternalId(), v);
      }
      JsonArray stops = new JsonArray();
      for (int i = 0; i < plannedStops.size(); i++) {
        JsonObject s = plannedStops.getJsonObject(i);
        StopDebtors.Debtor debtor = byId.get(s.getString("visitId"));
        DayVisits.RecordedVisit visit = debtor == null ? null : latest.get(debtor.externalId());
        stops.add(new JsonObject().put("seq", i + 1).put("visitId", s.getString("visitId"))
            .put("debtor", debtor == null ? null : new JsonObject().put("externalId", debtor.externalId()).put("name", debtor.name()))
            .put("lat", s.getValue("lat")).put("lon", s.getValue("lon")).put("arrival", s.getString("arrival"))
            .put("status", StopStatus.of(visit)).put("visit", visit == null ? null : visit.json()));
      }
      for (StopDebtors.Debtor d : byId.values()) {
        d.addresses().forEach(a -> geofences.add(GeofenceShapes.feature(d, a)));
      }
      out.put("planId", planned.get().planId()).put("route", new JsonObject()
          .put("geometry", route.getValue("geometry")).put("departure", route.getString("departure"))
          .put("finish", route.getString("finish")).put("stops", stops));
    }
    out.put("geofences", new JsonObject().put("type", "FeatureCollection").put("features", geofences));
    out.put("trail", DayTrail.lineString(fixes(agentId, day)));
    return out;
  }

  public JsonObject timeline(String agentId, AgentDay day) throws SQLException {
    List<Fix> fixes = fixes(agentId, day);
    List<JsonObject> events = new ArrayList<>();
    for (DayVisits.RecordedVisit v : visits.of(agentId, day.from(), day.to())) {
      events.add(v.json().put("t", v.checkInAt().toString()).put("kind", "visit").put("visitId", v.id())
          .put("debtor", v.debtorExternalId()));
    }
    for (AgentMessages.Message m : messages.sent(agentId, day.from(), day.to())) {
      events.add(new JsonObject().put("t", m.sentAt().toString()).put("kind", "message").put("message", m.json()));
    }
    events.addAll(sessions.of(agentId, day.from(), day.to()));
    // ISO-8601 instants of one format sort as text only when their fractions agree; compare as instants.
    events.sort(Comparator.comparing(e -> java.time.Instant.parse(e.getString("t"))));
    JsonArray sorted = new JsonArray();
    events.forEach(sorted::add);
    return new JsonObject().put("agentId", agentId).put("date", day.date().toString())
        .put("fixes", FixSummary.of(fixes)).put("battery", BatteryCurve.of(fixes)).put("events", sorted);
  }

  private List<Fix> fixes(String agentId, AgentDay day) throws SQLException {
    return telemetry.track(agentId, day.from(), day.to(), MAX_DAY_FIXES);
  }
}
