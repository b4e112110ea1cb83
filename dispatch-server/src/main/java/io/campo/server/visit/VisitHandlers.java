package io.campo.server.visit;

import io.campo.server.live.LiveEvents;
import io.campo.server.api.ApiException;
import io.campo.server.api.JsonBodies;
import io.campo.server.api.PathIds;
import io.campo.server.auth.Sha256;
import io.campo.server.notification.EmailSender;
import io.campo.server.team.TeamScope;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * {@code POST /api/visits} from a phone (role agent, the agent taken from its token),
 * {@code GET /api/visits/{id}}, and {@code POST /api/visits/{id}/override} for dispatchers. A visit
 * by an agent outside the caller's teams is answered as one that does not exist.
 */
public final class VisitHandlers {

  static final int MAX_KEY_LENGTH = 128;
  static final int MIN_OVERRIDE_REASON = 10;

  private final Vertx vertx;
  private final VisitService visits;
  private final Clock clock;
  private final TeamScope scope;

  public VisitHandlers(Vertx vertx, VisitService visits, Clock clock, TeamScope scope) {
    this.vertx = vertx;
    this.visits = visits;
    this.clock = clock;
    this.scope = scope;
  }

  public void submit(RoutingContext ctx) {
    String key = ctx.request().getHeader("Idempotency-Key");
    if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
      throw ApiException.badRequest("an 'Idempotency-Key' header (1 to " + MAX_KEY_LENGTH
          + " characters, e.g. a UUID made when the visit was captured) is required, so a retry never records the visit twice");
    }
    JsonObject body = JsonBodies.object(ctx, VisitRequestReader.EXAMPLE);
    VisitSubmission submission = new VisitRequestReader(clock).read(body);
    String agentId = ctx.user().principal().getString("sub");
    String hash = Sha256.hex(body.encode());
    vertx.executeBlocking(() -> visits.record(agentId, key, hash, submission), false).onSuccess(recorded -> {
      if (recorded.created()) {
        vertx.eventBus().publish(LiveEvents.VISITS, new JsonObject().put("type", "visit").put("visit", recorded.visit()));
        vertx.eventBus().publish(EmailSender.WAKE_ADDRESS, null);
      }
      ctx.response().setStatusCode(recorded.created() ? 201 : 200).putHeader("Content-Type", "application/json")
          .end(recorded.visit().encode());
    }).onFailure(ctx::fail);
  }

  public void get(RoutingContext ctx) {
    long id = PathIds.number(ctx, "visit");
    JsonObject caller = ctx.user().principal();
    vertx.executeBlocking(() -> visits.find(id), false).onSuccess(found -> {
      if (found.isEmpty() || !scope.canSee(caller, found.get().getString("agentId"))) {
        ctx.fail(ApiException.notFound("no visit " + id));
      } else {
        ctx.json(found.get());
      }
    }).onFailure(ctx::fail);
  }

  public void override(RoutingContext ctx) {
    long id = PathIds.number(ctx, "visit");
    JsonObject body = JsonBodies.object(ctx, "{\"reason\": \"GPS sin señal dentro del mercado; confirmado por llamada\"}");
    String reason = JsonBodies.string(body, "reason");
    if (reason == null || reason.strip().length() < MIN_OVERRIDE_REASON) {
      throw ApiException.badRequest("'reason' must say why the visit is accepted (at least " + MIN_OVERRIDE_REASON + " characters)");
    }
    JsonObject caller = ctx.user().principal();
    String user = caller.getString("sub");
    vertx.executeBlocking(() -> {
      // Checked before the override, so nothing is written for a visit the caller may not see.
      boolean visible = visits.find(id).map(v -> scope.canSee(caller, v.getString("agentId"))).orElse(true);
      if (!visible) {
        throw ApiException.notFound("no visit " + id);
      }
      return visits.override(id, user, reason.strip());
    }, false).onSuccess(visit -> {
      vertx.eventBus().publish(LiveEvents.VISITS, new JsonObject().put("type", "visit.override").put("visit", visit));
      ctx.json(visit);
    }).onFailure(ctx::fail);
  }

}
