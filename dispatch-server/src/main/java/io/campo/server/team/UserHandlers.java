package io.campo.server.team;

import io.campo.server.api.ApiException;
import io.campo.server.api.JsonBodies;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code POST/GET /api/users} and {@code PUT /api/users/{username}/teams}, for admins. */
public final class UserHandlers {

  private final Vertx vertx;
  private final OfficeUsers users;
  private final TeamScope scope;

  public UserHandlers(Vertx vertx, OfficeUsers users, TeamScope scope) {
    this.vertx = vertx;
    this.users = users;
    this.scope = scope;
  }

  public void create(RoutingContext ctx) {
    NewUser user = NewUser.read(JsonBodies.object(ctx, NewUser.EXAMPLE));
    vertx.executeBlocking(() -> {
      OfficeUsers.OfficeUser created = users.create(user);
      scope.refresh();
      return created;
    }, false).onSuccess(created -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
        .end(json(created).encode())).onFailure(ctx::fail);
  }

  public void list(RoutingContext ctx) {
    vertx.executeBlocking(users::list, false).onSuccess(list -> {
      JsonArray out = new JsonArray();
      list.forEach(u -> out.add(json(u)));
      ctx.json(out);
    }).onFailure(ctx::fail);
  }

  /** {@code {"teams": ["norte"]}} replaces the user's teams; takes effect at the user's next request. */
  public void setTeams(RoutingContext ctx) {
    String username = ctx.pathParam("username");
    JsonObject body = JsonBodies.object(ctx, "{\"teams\": [\"norte\", \"sur\"]}");
    List<String> errors = new ArrayList<>();
    if (!body.containsKey("teams")) {
      errors.add("'teams' is required (an empty array removes the user from every team)");
    }
    Set<String> teams = NewUser.teams(body.getValue("teams"), errors);
    if (!errors.isEmpty()) {
      throw ApiException.badRequest(String.join("; ", errors));
    }
    vertx.executeBlocking(() -> {
      OfficeUsers.OfficeUser updated = users.setTeams(username, teams);
      scope.refresh();
      return updated;
    }, false).onSuccess(updated -> ctx.json(json(updated))).onFailure(ctx::fail);
  }

  private static JsonObject json(OfficeUsers.OfficeUser u) {
    return new JsonObject().put("username", u.username()).put("role", u.role()).put("teams", new JsonArray(List.copyOf(u.teams())));
  }
}
