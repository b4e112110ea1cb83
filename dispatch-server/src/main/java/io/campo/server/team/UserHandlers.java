package io.campo.server.team;

import io.campo.server.api.ApiException;
import io.campo.server.api.JsonBodies;
import io.campo.server.auth.UserAccounts;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * {@code POST/GET /api/users}, {@code PUT /api/users/{username}/teams|role|password} and
 * {@code DELETE /api/users/{username}}, for admins. Changes that a session opened before must not outlive are announced
 * to every node ({@link UserChanges}).
 */
public final class UserHandlers {

  private final Vertx vertx;
  private final UserAccounts users;
  private final TeamScope scope;
  private final BiConsumer<String, UserChanges.Change> announce;

  /**
   * @param announce told of each change once it is stored, before the answer goes out: it must make this node forget
   *     what it confirmed of the account (so that the caller's next request sees the change) and tell every node
   *     ({@link UserChanges#publish})
   */
  public UserHandlers(Vertx vertx, UserAccounts users, TeamScope scope,
      BiConsumer<String, UserChanges.Change> announce) {
    this.vertx = vertx;
    this.users = users;
    this.scope = scope;
    this.announce = announce;
  }

  public void create(RoutingContext ctx) {
    NewUser user = NewUser.read(JsonBodies.object(ctx, NewUser.EXAMPLE));
    vertx.executeBlocking(() -> {
      UserAccounts.OfficeUser created = users.create(user.username(), user.password(), user.role(), user.teams());
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
      UserAccounts.OfficeUser updated = users.setTeams(username, teams);
      scope.refresh();
      return updated;
    }, false).onSuccess(updated -> {
      announce.accept(username, UserChanges.Change.ACCESS);
      ctx.json(json(updated));
    }).onFailure(ctx::fail);
  }

  /**
   * {@code {"role": "manager"}} gives the user another office role. Their tokens name the old one: they stop working and
   * the user's live sockets close, on every node; the user logs in again with the new role. Not for oneself: an admin
   * could otherwise leave the agency without one.
   */
  public void setRole(RoutingContext ctx) {
    String username = ctx.pathParam("username");
    JsonObject body = JsonBodies.object(ctx, "{\"role\": \"manager\"}");
    String role = body.getValue("role") instanceof String s ? s : null;
    if (role == null || !NewUser.OFFICE_ROLES.contains(role)) {
      throw ApiException.badRequest("'role' must be one of " + String.join(", ", NewUser.OFFICE_ROLES)
          + (role == null ? "" : ", not '" + role + "'") + ("agent".equals(role) ? " (agents are not users)" : ""));
    }
    if (username.equals(ctx.user().principal().getString("sub"))) {
      throw new ApiException(409, "you cannot change your own role; another admin can");
    }
    vertx.executeBlocking(() -> users.setRole(username, role), false).onSuccess(done -> {
      if (done.changed()) {
        announce.accept(username, UserChanges.Change.CREDENTIALS);
      }
      ctx.json(json(done.user()));
    }).onFailure(ctx::fail);
  }

  /**
   * {@code {"password": "…"}} sets a new password for the user (someone who forgot theirs, or whose password leaked):
   * every token issued before stops working and their live sockets close, on every node.
   */
  public void setPassword(RoutingContext ctx) {
    String username = ctx.pathParam("username");
    JsonObject body = JsonBodies.object(ctx, "{\"password\": \"at least " + UserAccounts.MIN_PASSWORD_LENGTH + " characters\"}");
    String password = body.getValue("password") instanceof String s ? s : null;
    UserAccounts.passwordProblem(password).ifPresent(problem -> {
      throw ApiException.badRequest(problem);
    });
    if (username.equals(ctx.user().principal().getString("sub"))) {
      // Without the current password a stolen admin token could lock the admin out.
      throw new ApiException(409, "change your own password with PUT /api/auth/password (it asks for the current one)");
    }
    vertx.executeBlocking(() -> users.setPassword(username, password), false).onSuccess(changed -> {
      if (changed.isEmpty()) {
        ctx.fail(ApiException.notFound("no user '" + username + "'"));
        return;
      }
      announce.accept(username, UserChanges.Change.CREDENTIALS);
      ctx.response().setStatusCode(204).end();
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
      announce.accept(username, UserChanges.Change.REMOVED);
      ctx.response().setStatusCode(204).end();
    }).onFailure(ctx::fail);
  }

  private static JsonObject json(UserAccounts.OfficeUser u) {
    return new JsonObject().put("username", u.username()).put("role", u.role()).put("teams", new JsonArray(List.copyOf(u.teams())));
  }
}
