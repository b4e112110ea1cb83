package io.campo.server.visit;

import io.campo.server.api.ApiException;
import io.campo.server.api.JsonBodies;
import io.campo.server.api.PathIds;
import io.campo.server.auth.Sha256;
import io.campo.server.notification.EmailSender;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * {@code POST /api/visits} from a phone (role agent, the agent taken from its token),
 * {@code GET /api/visits/{id}}, and {@code POST /api/visits/{id}/override} for dispatchers.
 */
public final class VisitHandlers {

  /** Event-bus address of recorded visits and overrides, for the live feed. */
  public static final String LIVE_ADDRESS = "campo.live.visits";
  static final int MAX_KEY_LENGTH = 128;
  static final int MIN_OVERRIDE_REASON = 10;

  private final Vertx vertx;
  private final VisitService visits;
  private final Clock clock;

  public VisitHandlers(Vertx vertx, VisitService visits, Clock clock) {
    this.vertx = vertx;
    this.visits = visits;
    this.clock = clock;
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
        vertx.eventBus().publish(LIVE_ADDRESS, new JsonObject().put("type", "visit").put("visit", recorded.visit()));
        vertx.eventBus().publish(EmailSender.WAKE_ADDRESS, null);
      }
      ctx.response().setStatusCode(recorded.created() ? 201 : 200).putHeader("Content-Type", "application/json")
          .end(recorded.visit().encode());
    }).onFailure(ctx::fail);
  }

  public void get(RoutingContext ctx) {
    long id = PathIds.number(ctx, "visit");
    vertx.executeBlocking(() -> visits.find(id), false).onSuccess(found -> {
      if (found.isEmpty()) {
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
    String user = ctx.user().principal().getString("sub");
    vertx.executeBlocking(() -> visits.override(id, user, reason.strip()), false).onSuccess(visit -> {
      vertx.eventBus().publish(LIVE_ADDRESS, new JsonObject().put("type", "visit.override").put("visit", visit));
      ctx.json(visit);
    }).onFailure(ctx::fail);
  }

}
