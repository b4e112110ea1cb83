package io.campo.server.watch;

import io.campo.server.api.ApiException;
import io.campo.server.team.TeamScope;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code GET /api/alerts}: the open alerts of the agents the caller may see (and, with {@code ?since=}, those cleared
 * since then), newest first — what the map's alerts panel shows after a reload.
 */
public final class AlertHandlers {

  /** Cleared alerts are listed at most this far back: the panel is about today, reports are elsewhere. */
  static final Duration MAX_SINCE = Duration.ofDays(7);

  private final Vertx vertx;
  private final DayAlerts alerts;
  private final TeamScope scope;
  private final ZoneId zone;
  private final Clock clock;

  AlertHandlers(Vertx vertx, DayAlerts alerts, TeamScope scope, ZoneId zone, Clock clock) {
    this.vertx = vertx;
    this.alerts = alerts;
    this.scope = scope;
    this.zone = zone;
    this.clock = clock;
  }

  public void list(RoutingContext ctx) {
    Instant since = since(ctx.queryParam("since"));
    var visible = scope.visibleAgents(ctx.user().principal());
    vertx.executeBlocking(() -> {
      JsonArray list = new JsonArray();
      alerts.list(visible, since).forEach(a -> list.add(a.json()));
      return new JsonObject().put("alerts", list).put("timeZone", zone.getId());
    }, false).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private Instant since(List<String> asked) {
    if (asked.isEmpty() || asked.get(0).isBlank()) {
      return null;
    }
    Instant since;
    try {
      since = OffsetDateTime.parse(asked.get(0).trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("'since' must be an ISO-8601 instant with an offset like 2026-12-04T08:00:00-06:00, got '"
          + asked.get(0) + "'");
    }
    Instant earliest = clock.instant().minus(MAX_SINCE);
    if (since.isBefore(earliest)) {
      throw ApiException.badRequest("'since' may reach back at most " + MAX_SINCE.toDays() + " days (to " + earliest + ")");
    }
    return since;
  }
}
