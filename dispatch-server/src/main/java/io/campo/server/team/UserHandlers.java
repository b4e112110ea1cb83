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

/**
 * {@code POST/GET /api/users}, {@code PUT /api/users/{username}/teams} and {@code DELETE /api/users/{username}}, for
 * admins. Changes that a session opened before must not outlive are announced to every node ({@link UserChanges}).
 */
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

  /**
   * {@code {"teams": ["norte"]}} replaces the user's teams; takes effect at the user's next request, and the user's live
   * map sockets, on every node, are closed so that they reconnect in the new scope.
   */
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
    }, false).onSuccess(updated -> {
      UserChanges.publish(vertx, username, UserChanges.Change.ACCESS);
      ctx.json(json(updated));
    }).onFailure(ctx::fail);
  }

  /** Removes the user: their token stops opening live sockets and their open ones close, on every node. */
  public void delete(RoutingContext ctx) {
    String username = ctx.pathParam("username");
    if (username.equals(ctx.user().principal().getString("sub"))) {
      throw new ApiException(409, "you cannot remove yourself; another admin can");
    }
    vertx.executeBlocking(() -> {
      users.delete(username);
      scope.refresh();
      return null;
    }, false).onSuccess(v -> {
      UserChanges.publish(vertx, username, UserChanges.Change.REMOVED);
      ctx.response().setStatusCode(204).end();
    }).onFailure(ctx::fail);
  }

  private static JsonObject json(OfficeUsers.OfficeUser u) {
    return new JsonObject().put("username", u.username()).put("role", u.role()).put("teams", new JsonArray(List.copyOf(u.teams())));
  }
}
