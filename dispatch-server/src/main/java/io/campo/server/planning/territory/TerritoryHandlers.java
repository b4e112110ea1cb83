package io.campo.server.planning.territory;

import io.campo.server.api.ApiException;
import io.campo.server.api.JsonBodies;
import io.campo.server.report.ZonePolygon;
import io.campo.server.team.DebtorScope;
import io.campo.server.team.TeamScope;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.TreeSet;

/**
 * {@code PUT /api/territories/{id}}, {@code GET /api/territories} and {@code PUT /api/debtors/{externalId}/agent}: the
 * zones of a team worked by one agent each, and debtors reserved for one agent. Plans drawn from the portfolio route
 * such debtors to their agent only.
 */
public final class TerritoryHandlers {

  static final String EXAMPLE = "{\"team\": \"norte\", \"agentId\": \"n-01\", \"name\": \"Colonia Roma\", \"zone\": "
      + "{\"type\": \"Polygon\", \"coordinates\": [[[-99.17, 19.41], [-99.15, 19.41], [-99.15, 19.43], [-99.17, 19.41]]]}}";
  static final String AGENT_EXAMPLE = "{\"agentId\": \"n-01\"}";
  private static final int MAX_ID = 64;

  private final Vertx vertx;
  private final Territories territories;
  private final TeamScope scope;

  public TerritoryHandlers(Vertx vertx, Territories territories, TeamScope scope) {
    this.vertx = vertx;
    this.territories = territories;
    this.scope = scope;
  }

  public void put(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (id.isBlank() || id.length() > MAX_ID) {
      throw ApiException.badRequest("a territory id is 1 to " + MAX_ID + " characters");
    }
    JsonObject body = JsonBodies.object(ctx, EXAMPLE);
    String team = text(body, "team", true);
    String agentId = text(body, "agentId", false);
    String name = body.getValue("name") == null ? id : text(body, "name", true);
    ZonePolygon zone = ZonePolygon.read(body.getValue("zone"));
    DebtorScope caller = scope.debtorScope(ctx.user().principal());
    if (!caller.admits(team)) {
      throw new ApiException(403, "team '" + team + "' is not one of yours; you may draw the territories of "
          + (caller.teams().isEmpty() ? "no team" : String.join(", ", new TreeSet<>(caller.teams()))));
    }
    String actor = ctx.user().principal().getString("sub");
    vertx.executeBlocking(() -> territories.put(id, team, agentId, name, zone, actor, caller), false)
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  public void list(RoutingContext ctx) {
    DebtorScope caller = scope.debtorScope(ctx.user().principal());
    vertx.executeBlocking(() -> territories.list(caller), false)
        .onSuccess(all -> ctx.json(new JsonObject().put("territories", all))).onFailure(ctx::fail);
  }

  /**
   * {@code {"agentId": "n-01"}} reserves the debtor for that agent of its team; {@code {"agentId": null}} or {@code {}}
   * releases it (as {@code PUT /api/debtors/{id}/team} with no team takes a debtor out of its team).
   */
  public void reserveDebtor(RoutingContext ctx) {
    String externalId = ctx.pathParam("externalId");
    JsonObject body = JsonBodies.object(ctx, AGENT_EXAMPLE);
    String agentId = text(body, "agentId", false);
    DebtorScope caller = scope.debtorScope(ctx.user().principal());
    vertx.executeBlocking(() -> territories.reserve(externalId, agentId, caller), false)
        .onSuccess(before -> ctx.json(new JsonObject().put("id", externalId).put("agentId", agentId).put("previousAgentId", before)))
        .onFailure(ctx::fail);
  }

  private static String text(JsonObject body, String name, boolean required) {
    Object v = body.getValue(name);
    if (v == null && !required) {
      return null;
    }
    if (v instanceof String s && !s.isBlank() && s.length() <= 200) {
      return s;
    }
    throw ApiException.badRequest("'" + name + "' must be a non-empty string of at most 200 characters"
        + (required ? "" : " or null") + "; send " + (name.equals("agentId") ? AGENT_EXAMPLE : EXAMPLE));
  }

}
