package io.campo.server.report;

import io.campo.server.api.ApiException;
import io.campo.server.api.JsonBodies;
import io.campo.server.team.TeamScope;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/** {@code GET /api/reports/contact-hours}, {@code POST} with a zone, and a debtor's contact windows. */
public final class ReportHandlers {

  private final Vertx vertx;
  private final ContactHourQuery query;
  private final TeamScope scope;
  private final DebtorContactHistory debtors;
  private final KpiQuery kpis;
  private final ZoneId zone;
  private final ReportFailures failures;

  /** @param statementTimeout what the report pool's {@code statement_timeout} is, for the 503's reason */
  public ReportHandlers(Vertx vertx, ContactHourQuery query, DebtorContactHistory debtors, KpiQuery kpis, TeamScope scope,
      ZoneId zone, Duration statementTimeout) {
    this.failures = new ReportFailures(statementTimeout);
    this.vertx = vertx;
    this.query = query;
    this.kpis = kpis;
    this.debtors = debtors;
    this.scope = scope;
    this.zone = zone;
  }

  /**
   * Admins see every agent's visits; dispatchers and managers those of the agents now in their
   * teams. An agent or team outside them answers like one that does not exist (an empty matrix),
   * so that the report cannot be used to learn which ids exist.
   */
  public void contactHours(RoutingContext ctx) {
    answer(ctx, ContactHourRequest.read(name -> ctx.queryParams().get(name)));
  }

  /** {@code POST /api/reports/contact-hours}: the same filters in a JSON body, plus {@code zone} (GeoJSON or WKT). */
  public void contactHoursInZone(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx, "{\"from\": \"2026-03-01\", \"to\": \"2026-03-31\", \"zone\": "
        + "\"POLYGON((-99.2 19.3, -99.0 19.3, -99.0 19.5, -99.2 19.3))\"}");
    if (body.getValue("zone") == null) {
      throw ApiException.badRequest("'zone' is required in a POST (without one, use GET); it must be " + ZonePolygon.EXAMPLE);
    }
    answer(ctx, ContactHourRequest.read(name -> body.getValue(name) == null ? null : String.valueOf(body.getValue(name)),
        body.getValue("zone")));
  }

  private void answer(RoutingContext ctx, ContactHourRequest request) {
    Set<String> scopeTeams = scopeTeams(ctx);
    vertx.executeBlocking(() -> query.counts(request, scopeTeams), false)
        .onSuccess(counts -> ctx.json(ContactHourJson.of(request, zone, counts)))
        .onFailure(e -> ctx.fail(failures.translate(e)));
  }

  /**
   * {@code GET /api/reports/kpis}: the manager's indicators for a period and the one before it, with
   * the same filters and team scope as the contact-hour report (see {@link KpiQuery}).
   */
  public void kpis(RoutingContext ctx) {
    KpiRequest request = KpiRequest.read(name -> ctx.queryParams().get(name));
    Set<String> scopeTeams = scopeTeams(ctx);
    // The two periods on two worker threads and connections: each reads the period's visits.
    Future<KpiQuery.Period> now = vertx.executeBlocking(() -> kpis.read(request, scopeTeams), false);
    Future<KpiQuery.Period> before = vertx.executeBlocking(() -> kpis.read(request.previous(), scopeTeams), false);
    Future.all(now, before)
        .onSuccess(done -> ctx.json(KpiJson.of(request, zone, now.result(), before.result())))
        .onFailure(e -> ctx.fail(failures.translate(e)));
  }

  /** Null for an admin (every agent); else the teams of the dispatcher or manager. */
  private Set<String> scopeTeams(RoutingContext ctx) {
    JsonObject principal = ctx.user().principal();
    return "admin".equals(principal.getString("role")) ? null : scope.teamsOf(principal.getString("sub"));
  }

  /**
   * {@code GET /api/debtors/{externalId}/contact-windows?priorStrength=&weekday=}: the debtor's contact rate
   * per local hour shrunk toward its segment (see {@link HourlyShrinkage}), on every day or on one ISO weekday. Only for a
   * debtor of the caller's teams (checked for every debtor route in {@code ApiRoutes}); within it, it describes the debtor,
   * whoever visited.
   */
  public void debtorContactWindows(RoutingContext ctx) {
    String externalId = ctx.pathParam("externalId");
    double strength = priorStrength(ctx.queryParams().get("priorStrength"));
    Integer weekday = weekday(ctx.queryParams().get("weekday"));
    vertx.executeBlocking(() -> debtors.counts(externalId), false).onSuccess(found -> {
      if (found.isEmpty()) {
        ctx.fail(ApiException.notFound("no debtor '" + externalId + "'"));
        return;
      }
      DebtorContactHistory.Counts counts = found.get();
      List<HourlyShrinkage.Hour> hours = weekday == null ? HourlyShrinkage.hours(counts.own(), counts.segmentOthers(), strength)
          : HourlyShrinkage.hoursOn(counts, weekday, strength);
      JsonArray hourJson = new JsonArray();
      hours.forEach(h -> hourJson.add(json(h)));
      JsonArray best = new JsonArray();
      HourlyShrinkage.best(hours, 3).forEach(h -> best.add(json(h)));
      ctx.json(new JsonObject().put("debtor", externalId).put("segment", counts.segment()).put("timeZone", zone.getId())
          .put("priorStrength", strength).put("weekday", weekday).put("hours", hourJson).put("bestHours", best));
    }).onFailure(e -> ctx.fail(failures.translate(e)));
  }

  /** Null for every day; else 1 (Monday) to 7 (Sunday). */
  static Integer weekday(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      int day = Integer.parseInt(text.trim());
      if (day >= 1 && day <= 7) {
        return day;
      }
    } catch (NumberFormatException e) {
      // worded below
    }
    throw ApiException.badRequest("'weekday' must be 1 (Monday) to 7 (Sunday), got '" + text + "'");
  }

  static double priorStrength(String text) {
    if (text == null || text.isBlank()) {
      return HourlyShrinkage.DEFAULT_PRIOR_STRENGTH;
    }
    double value;
    try {
      value = Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      value = Double.NaN;
    }
    if (!(value > 0 && value <= 1000)) {
      throw ApiException.badRequest("'priorStrength' (how many visits the segment's rate is worth) must be a number above 0"
          + " and at most 1000, got '" + text + "'");
    }
    return value;
  }

  private static JsonObject json(HourlyShrinkage.Hour h) {
    return new JsonObject().put("hour", h.hour()).put("attempts", h.attempts()).put("contacts", h.contacts())
        .put("segmentAttempts", h.segmentAttempts()).put("segmentContacts", h.segmentContacts())
        .put("priorMean", h.priorMean()).put("alpha", h.alpha()).put("beta", h.beta()).put("posteriorMean", h.posteriorMean());
  }
}
