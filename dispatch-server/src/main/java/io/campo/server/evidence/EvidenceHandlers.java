package io.campo.server.evidence;

import io.campo.server.api.ApiException;
import io.campo.server.api.PathIds;
import io.campo.server.team.TeamScope;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * A visit's evidence for the office, under team scope: a dispatcher or manager sees the evidence of visits by the agents
 * of their teams, an admin all, an agent its own. Anything else is the same 404 as an id that does not exist, so ids
 * do not tell whether another team's visit has photos.
 */
public final class EvidenceHandlers {

  private final Vertx vertx;
  private final VisitEvidence evidence;
  private final TeamScope teamScope;

  public EvidenceHandlers(Vertx vertx, VisitEvidence evidence, TeamScope teamScope) {
    this.vertx = vertx;
    this.evidence = evidence;
    this.teamScope = teamScope;
  }

  /** {@code GET /api/visits/{id}/evidence}: the metadata of the visit's photos and signature. */
  public void list(RoutingContext ctx) {
    long visitId = PathIds.number(ctx, "visit");
    JsonObject principal = ctx.user().principal();
    vertx.executeBlocking(() -> evidence.ofVisit(visitId), false).onSuccess(found -> {
      if (found.isEmpty() || !teamScope.canSee(principal, found.get().agentId())) {
        ctx.fail(ApiException.notFound("no visit " + visitId));
        return;
      }
      ctx.json(new JsonObject().put("visitId", visitId).put("agentId", found.get().agentId())
          .put("evidence", found.get().evidence()));
    }).onFailure(ctx::fail);
  }

  /** {@code GET /api/evidence/{id}}: the file as uploaded. */
  public void file(RoutingContext ctx) {
    send(ctx, false);
  }

  /** {@code GET /api/evidence/{id}/thumbnail}: its JPEG preview. */
  public void thumbnail(RoutingContext ctx) {
    send(ctx, true);
  }

  private void send(RoutingContext ctx, boolean thumbnail) {
    long id = PathIds.number(ctx, "evidence");
    JsonObject principal = ctx.user().principal();
    vertx.executeBlocking(() -> evidence.file(id, thumbnail), false).onSuccess(found -> {
      if (found.isEmpty() || !teamScope.canSee(principal, found.get().agentId())) {
        ctx.fail(ApiException.notFound("no evidence " + id));
        return;
      }
      if (found.get().content() == null) {
        ctx.fail(ApiException.notFound("evidence " + id + " has no thumbnail (stored before previews were made)"));
        return;
      }
      ctx.response().putHeader("Content-Type", found.get().contentType())
          // Evidence never changes once stored, but it is personal data: the caller's browser may keep it, no shared cache.
          .putHeader("Cache-Control", "private, max-age=3600")
          .putHeader("Content-Disposition", "inline")
          .end(Buffer.buffer(found.get().content()));
    }).onFailure(ctx::fail);
  }
}
