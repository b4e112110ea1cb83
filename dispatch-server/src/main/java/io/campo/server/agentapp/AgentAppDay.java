package io.campo.server.agentapp;

import io.campo.server.agentday.DayVisits;
import io.campo.server.agentday.GeofenceShapes;
import io.campo.server.agentday.PlannedRoutes;
import io.campo.server.agentday.StopStatus;
import io.campo.server.api.AgentDay;
import io.campo.server.portfolio.DebtorLookup;
import io.campo.server.portfolio.OpenPromises;
import io.campo.server.questionnaire.ApplicableQuestionnaire;
import io.campo.server.questionnaire.QuestionnaireStore;
import io.campo.server.questionnaire.QuestionnaireVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An agent's own day as the agent app shows it ({@code GET /api/me/day}): the stops of the newest plan in order, each
 * with the debtor card the agent needs at the door, and the route as an encoded polyline.
 *
 * <p>Compact on purpose: a 40-stop day must stay under 200 KB for a phone on 3G, so the card carries only what the
 * app shows, coordinates are rounded to 6 decimals (about 10 cm) and the route is a polyline, not GeoJSON.
 *
 * <p>Blocking (JDBC); thread-safe.
 */
public final class AgentAppDay {

  private final PlannedRoutes routes;
  private final DayVisits visits;
  private final DebtorLookup debtors;
  private final OpenPromises promises;
  private final QuestionnaireStore questionnaires;
  private final ZoneId zone;
  private final Clock clock;

  public AgentAppDay(PlannedRoutes routes, DayVisits visits, DebtorLookup debtors, OpenPromises promises,
      QuestionnaireStore questionnaires, ZoneId zone, Clock clock) {
    this.routes = routes;
    this.visits = visits;
    this.debtors = debtors;
    this.promises = promises;
    this.questionnaires = questionnaires;
    this.zone = zone;
    this.clock = clock;
  }

  public JsonObject day(String agentId, AgentDay day) throws SQLException {
    JsonObject out = new JsonObject().put("agentId", agentId).put("date", day.date().toString()).put("timeZone", zone.getId());
    var planned = routes.newest(agentId, day.date());
    if (planned.isEmpty()) {
      return out.putNull("planId").putNull("route").put("stops", new JsonArray());
    }
    JsonObject route = planned.get().route();
    JsonArray plannedStops = route.getJsonArray("stops", new JsonArray());
    Set<String> ids = new LinkedHashSet<>();
    plannedStops.forEach(s -> ids.add(((JsonObject) s).getString("visitId")));
    Map<String, JsonObject> cards = cards(ids);
    // The latest visit to each debtor wins: a rejected check-in followed by a good one is a good stop.
    Map<String, DayVisits.RecordedVisit> latest = new HashMap<>();
    for (DayVisits.RecordedVisit v : visits.of(agentId, day.from(), day.to())) {
      latest.put(v.debtorExternalId(), v);
    }
    JsonArray stops = new JsonArray();
    for (int i = 0; i < plannedStops.size(); i++) {
      JsonObject s = plannedStops.getJsonObject(i);
      String id = s.getString("visitId");
      JsonObject card = cards.get(id);
      DayVisits.RecordedVisit visit = card == null ? null : latest.get(id);
      Double lat = s.getDouble("lat");
      Double lon = s.getDouble("lon");
      stops.add(new JsonObject().put("seq", i + 1).put("stopId", id).put("arrival", s.getString("arrival"))
          .put("window", s.getJsonObject("window")).put("status", StopStatus.of(visit))
          .put("lat", lat == null ? null : round(lat)).put("lon", lon == null ? null : round(lon))
          .put("debtor", card == null ? null : withAddressNear(card, lat, lon))
          .put("visit", visit == null ? null : visit.json()));
    }
    JsonObject geometry = route.getJsonObject("geometry");
    String polyline = geometry == null ? "" : EncodedPolyline.encode(geometry.getJsonArray("coordinates", new JsonArray()));
    return out.put("planId", planned.get().planId())
        .put("route", new JsonObject().put("polyline", polyline).put("departure", route.getString("departure"))
            .put("finish", route.getString("finish")))
        .put("stops", stops);
  }

  /** The questionnaire version that applies to each of these debtors now, by external id (absent: none applies). */
  public Map<String, QuestionnaireVersion> questionnairesFor(Map<String, JsonObject> debtorsById) throws SQLException {
    List<QuestionnaireVersion> inForce = questionnaires.inForce(clock.instant());
    Map<String, QuestionnaireVersion> out = new HashMap<>();
    for (Map.Entry<String, JsonObject> e : debtorsById.entrySet()) {
      List<ApplicableQuestionnaire.Debt> debts = new ArrayList<>();
      for (Object d : e.getValue().getJsonArray("debts")) {
        JsonObject debt = (JsonObject) d;
        debts.add(new ApplicableQuestionnaire.Debt(debt.getString("product"), new BigDecimal(debt.getString("balance"))));
      }
      ApplicableQuestionnaire.choose(inForce, e.getValue().getString("segment"), debts).ifPresent(v -> out.put(e.getKey(), v));
    }
    return out;
  }

  /** The debtors of the agent's stops that day, as {@link DebtorLookup} reads them, by external id. */
  public Map<String, JsonObject> stopDebtors(String agentId, AgentDay day) throws SQLException {
    Optional<PlannedRoutes.PlannedRoute> planned = routes.newest(agentId, day.date());
    Map<String, JsonObject> out = new LinkedHashMap<>();
    if (planned.isPresent()) {
      for (Object s : planned.get().route().getJsonArray("stops", new JsonArray())) {
        String id = ((JsonObject) s).getString("visitId");
        if (!out.containsKey(id)) {
          debtors.debtor(id).ifPresent(d -> out.put(id, d));
        }
      }
    }
    return out;
  }

  private Map<String, JsonObject> cards(Set<String> ids) throws SQLException {
    Map<String, JsonObject> full = new LinkedHashMap<>();
    for (String id : ids) {
      debtors.debtor(id).ifPresent(d -> full.put(id, d));
    }
    LocalDate today = LocalDate.now(clock.withZone(zone));
    Map<String, JsonArray> open = promises.open(full.keySet(), today);
    Map<String, JsonArray> outcomes = promises.lastOutcomes(full.keySet());
    Map<String, QuestionnaireVersion> forms = questionnairesFor(full);
    Map<String, JsonObject> cards = new HashMap<>();
    for (Map.Entry<String, JsonObject> e : full.entrySet()) {
      JsonObject d = e.getValue();
      JsonArray debts = new JsonArray();
      for (Object o : d.getJsonArray("debts")) {
        JsonObject debt = (JsonObject) o;
        debts.add(new JsonObject().put("contract", debt.getString("contract")).put("product", debt.getString("product"))
            .put("currency", debt.getString("currency")).put("balance", debt.getString("balance"))
            .put("daysPastDue", debt.getValue("daysPastDue")));
      }
      JsonObject consent = d.getJsonObject("consent");
      QuestionnaireVersion form = forms.get(e.getKey());
      cards.put(e.getKey(), new JsonObject().put("externalId", d.getString("externalId")).put("name", d.getString("name"))
          .put("addresses", d.getJsonArray("addresses"))
          .put("phones", d.getJsonArray("phones")).put("segment", d.getString("segment")).put("group", d.getJsonObject("group"))
          .put("debts", debts).put("promises", open.getOrDefault(e.getKey(), new JsonArray()))
          // Payment agreements do not exist in Campo yet; the field is here so the app's card needs no change then.
          .put("agreements", new JsonArray())
          .put("lastOutcomes", outcomes.getOrDefault(e.getKey(), new JsonArray()))
          .put("consent", new JsonObject().put("messages", consent.getBoolean("messages")).put("calls", consent.getBoolean("calls")))
          .put("questionnaire", form == null ? null : new JsonObject().put("key", form.key()).put("version", form.version())));
    }
    return cards;
  }

  /** The card with the active address nearest the stop (the one the plan routed to) and its geofence. */
  private static JsonObject withAddressNear(JsonObject card, Double lat, Double lon) {
    JsonObject out = card.copy();
    JsonArray addresses = (JsonArray) out.remove("addresses");
    JsonObject best = null;
    double bestDistance = Double.MAX_VALUE;
    for (Object o : addresses) {
      JsonObject a = (JsonObject) o;
      if (!a.getBoolean("active", true)) {
        continue;
      }
      double distance = lat == null || lon == null ? 0
          : Math.hypot(a.getDouble("lat") - lat, (a.getDouble("lon") - lon) * Math.cos(Math.toRadians(lat)));
      if (best == null || distance < bestDistance) {
        best = a;
        bestDistance = distance;
      }
    }
    if (best == null) {
      return out.putNull("address").putNull("geofence");
    }
    JsonObject geofence = best.getJsonObject("polygon") != null ? best.getJsonObject("polygon")
        : rounded(GeofenceShapes.circle(best.getDouble("lat"), best.getDouble("lon"), best.getDouble("radiusMeters")));
    return out.put("address", new JsonObject().put("id", best.getLong("id")).put("text", best.getString("line"))
            .put("lat", best.getDouble("lat")).put("lon", best.getDouble("lon")).put("radiusMeters", best.getDouble("radiusMeters")))
        .put("geofence", geofence);
  }

  private static JsonObject rounded(JsonObject polygon) {
    JsonArray rings = new JsonArray();
    for (Object ring : polygon.getJsonArray("coordinates")) {
      JsonArray r = new JsonArray();
      for (Object p : (JsonArray) ring) {
        JsonArray point = (JsonArray) p;
        r.add(new JsonArray().add(round(point.getDouble(0))).add(round(point.getDouble(1))));
      }
      rings.add(r);
    }
    return new JsonObject().put("type", "Polygon").put("coordinates", rings);
  }

  private static double round(double degrees) {
    return Math.round(degrees * 1e6) / 1e6;
  }
}
