package io.campo.server.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.util.Map;

/** The answer of {@code GET /api/reports/kpis}: each indicator now and in the previous period, and the agents table. */
final class KpiJson {

  private KpiJson() {}

  static JsonObject of(KpiRequest request, ZoneId zone, KpiQuery.Period now, KpiQuery.Period before) {
    KpiRequest previous = request.previous();
    JsonObject filter = new JsonObject().put("from", request.from().toString()).put("to", request.to().toString());
    putIfSet(filter, "agent", request.agent());
    putIfSet(filter, "team", request.team());
    putIfSet(filter, "segment", request.segment());
    Map<String, Double> values = Kpis.of(now.inputs(), request.days());
    Map<String, Double> previousValues = Kpis.of(before.inputs(), previous.days());
    JsonObject kpis = new JsonObject();
    Kpis.UNITS.forEach((name, unit) -> kpis.put(name,
        new JsonObject().put("value", values.get(name)).put("previous", previousValues.get(name)).put("unit", unit)));
    JsonArray agents = new JsonArray();
    for (KpiInputs.AgentRow a : now.inputs().agents()) {
      agents.add(new JsonObject().put("agentId", a.agentId()).put("name", a.name()).put("team", a.team()).put("days", a.days())
          .put("visits", a.visits()).put("contacts", a.contacts())
          .put("contactRate", a.attempts() == 0 ? null
              : BigDecimal.valueOf(a.contacts()).divide(BigDecimal.valueOf(a.attempts()), 4, RoundingMode.HALF_UP).doubleValue())
          .put("rejected", a.rejected()).put("promises", a.promises()).put("collected", money(a.collected()))
          .put("visitMinutes", a.timed() == 0 ? null : Kpis.round(a.visitSeconds() / 60 / a.timed()))
          .put("distanceKm", Kpis.round(a.distanceMeters() / 1000)));
    }
    return new JsonObject().put("timeZone", zone.getId()).put("filter", filter)
        .put("period", period(request)).put("previous", period(previous))
        .put("currencies", new JsonArray(now.currencies().stream().map(c -> (Object) c).toList()))
        .put("kpis", kpis).put("agents", agents);
  }

  private static JsonObject period(KpiRequest r) {
    return new JsonObject().put("from", r.from().toString()).put("to", r.to().toString()).put("days", r.days());
  }

  private static void putIfSet(JsonObject o, String name, String value) {
    if (value != null) {
      o.put(name, value);
    }
  }

  /** A decimal number of the currency's cents, not a binary fraction. */
  private static BigDecimal money(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP);
  }
}
