package io.campo.server.pin;

import io.campo.server.api.ApiException;
import io.campo.server.api.JsonBodies;
import io.campo.server.api.PathIds;
import io.campo.server.auth.Sha256;
import io.campo.server.team.TeamScope;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /api/me/address-corrections} (agent: the agent is the token's), {@code GET /api/address-corrections}
 * and {@code POST /api/address-corrections/{id}/approve|reject} (dispatchers and admins, scoped by the debtor's team:
 * a correction of a debtor outside the caller's teams is answered as one that does not exist).
 */
public final class PinCorrectionHandlers {

  static final int MAX_KEY_LENGTH = 128;
  static final int MIN_REJECTION_REASON = 5;
  static final int MAX_REJECTION_REASON = 500;
  static final Set<String> STATUSES = Set.of("pending", "approved", "rejected");

  private final Vertx vertx;
  private final PinCorrections corrections;
  private final TeamScope scope;

  public PinCorrectionHandlers(Vertx vertx, PinCorrections corrections, TeamScope scope) {
    this.vertx = vertx;
    this.corrections = corrections;
    this.scope = scope;
  }

  public void propose(RoutingContext ctx) {
    String key = ctx.request().getHeader("Idempotency-Key");
    if (key != null && (key.isBlank() || key.length() > MAX_KEY_LENGTH)) {
      throw ApiException.badRequest("'Idempotency-Key' must be 1 to " + MAX_KEY_LENGTH + " characters (e.g. a UUID made when the"
          + " correction was captured)");
    }
    JsonObject body = JsonBodies.object(ctx, PinProposalReader.EXAMPLE);
    PinProposalReader.Result read = PinProposalReader.read(body);
    PinProposal proposal = read.proposal().orElseThrow(() -> ApiException.badRequest(read.problem()));
    String agentId = ctx.user().principal().getString("sub");
    String hash = Sha256.hex(body.encode());
    vertx.executeBlocking(() -> corrections.propose(agentId, key, hash, proposal), false).onSuccess(p ->
        ctx.response().setStatusCode(p.created() ? 201 : 200).putHeader("Content-Type", "application/json")
            .end(p.correction().encode()))
        .onFailure(ctx::fail);
  }

  public void list(RoutingContext ctx) {
    List<String> asked = ctx.queryParam("status");
    String status = asked.isEmpty() || asked.get(0).isBlank() ? "pending" : asked.get(0);
    if (!STATUSES.contains(status)) {
      throw ApiException.badRequest("'status' must be pending, approved or rejected, got '" + status + "'");
    }
    var debtors = scope.debtorScope(ctx.user().principal());
    vertx.executeBlocking(() -> corrections.list(status, debtors), false).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  public void approve(RoutingContext ctx) {
    long id = PathIds.number(ctx, "address correction");
    JsonObject caller = ctx.user().principal();
    vertx.executeBlocking(() -> corrections.approve(id, caller.getString("sub"), scope.debtorScope(caller)), false)
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  public void reject(RoutingContext ctx) {
    long id = PathIds.number(ctx, "address correction");
    JsonObject body = JsonBodies.object(ctx, "{\"reason\": \"la dirección del contrato es correcta; el agente fue a la casa vecina\"}");
    String reason = JsonBodies.string(body, "reason");
    if (reason == null || reason.strip().length() < MIN_REJECTION_REASON || reason.length() > MAX_REJECTION_REASON) {
      throw ApiException.badRequest("'reason' must say why the pin stays (" + MIN_REJECTION_REASON + " to " + MAX_REJECTION_REASON
          + " characters); the agent reads it");
    }
    JsonObject caller = ctx.user().principal();
    vertx.executeBlocking(() -> corrections.reject(id, caller.getString("sub"), reason.strip(), scope.debtorScope(caller)), false)
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }
}
