package io.campo.server.team;

import io.campo.server.api.ApiException;
import io.campo.server.api.JsonBodies;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.function.Predicate;

/** {@code POST/GET /api/teams} and {@code PUT /api/agents/{id}/team}. */
public final class TeamHandlers {

  private final Vertx vertx;
  private final Teams teams;
  private final TeamScope scope;

  public TeamHandlers(Vertx vertx, Teams teams, TeamScope scope) {
    this.vertx = vertx;
    this.teams = teams;
    this.scope = scope;
  }

  public void create(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx, "{\"id\": \"norte\", \"name\": \"Zona norte\"}");
    String id = JsonBodies.string(body, "id");
    String name = JsonBodies.string(body, "name");
    vertx.executeBlocking(() -> teams.create(id, name), false).onSuccess(team -> ctx.response().setStatusCode(201)
        .putHeader("Content-Type", "application/json").end(json(team).encode())).onFailure(ctx::fail);
  }

  /** Admins see every team; dispatchers and managers the teams they belong to. */
  public void list(RoutingContext ctx) {
    JsonObject principal = ctx.user().principal();
    Predicate<String> shown;
    if ("admin".equals(principal.getString("role"))) {
      shown = id -> true;
    } else {
      Set<String> own = scope.teamsOf(principal.getString("sub"));
      shown = own::contains;
    }
    vertx.executeBlocking(() -> teams.list(shown), false).onSuccess(list -> {
      JsonArray out = new JsonArray();
      list.forEach(t -> out.add(json(t)));
      ctx.json(out);
    }).onFailure(ctx::fail);
  }

  /** {@code {"team": "norte"}} moves the agent into the team; {@code {"team": null}} takes it out of any. */
  public void assignAgent(RoutingContext ctx) {
    String agentId = ctx.pathParam("id");
    JsonObject body = JsonBodies.object(ctx, "{\"team\": \"norte\"}");
    if (!body.containsKey("team") || !(body.getValue("team") == null || body.getValue("team") instanceof String)) {
      throw ApiException.badRequest("send {\"team\": \"<team id>\"}, or {\"team\": null} to take the agent out of its team");
    }
    String team = body.getString("team");
    vertx.executeBlocking(() -> {
      teams.assignAgent(agentId, team);
      scope.refresh();
      return null;
    }, false).onSuccess(v -> ctx.json(new JsonObject().put("id", agentId).put("team", team))).onFailure(ctx::fail);
  }

  private static JsonObject json(Teams.Team t) {
    return new JsonObject().put("id", t.id()).put("name", t.name()).put("agents", t.agents());
  }
}
