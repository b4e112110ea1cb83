package io.campo.server.portfolio;

import io.campo.server.api.ApiException;
import io.campo.server.api.JsonBodies;
import io.campo.server.team.DebtorScope;
import io.campo.server.team.TeamScope;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.TreeSet;

/**
 * The team check of every debtor route ({@link #guarding}) and {@code PUT /api/debtors/{externalId}/team}. Outside the
 * caller's teams a debtor answers the same 404 as one that does not exist, so that ids do not leak.
 */
public final class DebtorTeamHandlers {

  static final String EXAMPLE = "{\"team\": \"norte\"}";

  private final Vertx vertx;
  private final DebtorTeams debtorTeams;
  private final TeamScope scope;

  public DebtorTeamHandlers(Vertx vertx, DebtorTeams debtorTeams, TeamScope scope) {
    this.vertx = vertx;
    this.debtorTeams = debtorTeams;
    this.scope = scope;
  }

  /**
   * The handler, run only when the caller may see the debtor whose external id is the path parameter {@code pathParam}
   * (else 404). {@code ApiRoutes} wraps every {@code /api/debtors/:id/...} route in it, so a new per-debtor route is
   * scoped without remembering to. Admins skip the lookup: they see every debtor, and the handler answers an unknown one.
   */
  public Handler<RoutingContext> guarding(String pathParam, Handler<RoutingContext> handler) {
    return ctx -> {
      String externalId = ctx.pathParam(pathParam);
      DebtorScope caller = scope.debtorScope(ctx.user() == null ? null : ctx.user().principal());
      if (caller.everyDebtor()) {
        handler.handle(ctx);
        return;
      }
      vertx.executeBlocking(() -> debtorTeams.of(externalId), false).onSuccess(found -> {
        if (found.isEmpty() || !caller.admits(found.get().team())) {
          ctx.fail(ApiException.notFound("no debtor '" + externalId + "'"));
          return;
        }
        try {
          handler.handle(ctx);
        } catch (RuntimeException e) {
          // Thrown after the lookup's hop, it would otherwise end in the future, not in the router's failure handler.
          ctx.fail(e);
        }
      }).onFailure(ctx::fail);
    };
  }

  /**
   * {@code {"team": "norte"}} moves the debtor into the team; {@code {"team": null}} or {@code {}} takes it out of any
   * (admins only: a debtor without a team is seen by admins only). A dispatcher moves debtors only between their own
   * teams.
   */
  public void assign(RoutingContext ctx) {
    String externalId = ctx.pathParam("externalId");
    JsonObject body = JsonBodies.object(ctx, EXAMPLE);
    Object value = body.getValue("team");
    if (value != null && !(value instanceof String s && s.length() >= 1 && s.length() <= 64)) {
      throw ApiException.badRequest("'team' must be a team id (1 to 64 characters) or null; send " + EXAMPLE
          + ", or {\"team\": null} to take the debtor out of its team");
    }
    String team = (String) value;
    JsonObject principal = ctx.user().principal();
    DebtorScope caller = scope.debtorScope(principal);
    if (!caller.everyDebtor()) {
      if (team == null) {
        throw new ApiException(403, "only an admin may take a debtor out of every team (it would then be seen by admins only)");
      }
      if (!caller.teams().contains(team)) {
        throw new ApiException(403, "team '" + team + "' is not one of yours; you may move debtors between "
            + (caller.teams().isEmpty() ? "no teams" : String.join(", ", new TreeSet<>(caller.teams()))));
      }
    }
    String actor = principal.getString("sub");
    vertx.executeBlocking(() -> debtorTeams.assign(externalId, team, actor, caller), false)
        .onSuccess(before -> ctx.json(new JsonObject().put("id", externalId).put("team", team).put("previousTeam", before)))
        .onFailure(ctx::fail);
  }
}
