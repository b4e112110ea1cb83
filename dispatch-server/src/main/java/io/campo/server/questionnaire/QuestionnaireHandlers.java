package io.campo.server.questionnaire;

import io.campo.server.api.ApiException;
import io.campo.server.api.JsonBodies;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * {@code POST /api/questionnaires} (a new version), {@code GET /api/questionnaires} (each
 * questionnaire's current version) and {@code GET /api/questionnaires/{key}} (all its versions).
 */
public final class QuestionnaireHandlers {

  private final Vertx vertx;
  private final QuestionnaireStore store;
  private final Clock clock;

  public QuestionnaireHandlers(Vertx vertx, QuestionnaireStore store, Clock clock) {
    this.vertx = vertx;
    this.store = store;
    this.clock = clock;
  }

  public void create(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx, QuestionnaireRequestReader.EXAMPLE);
    Instant now = clock.instant();
    QuestionnaireDraft draft = new QuestionnaireRequestReader().read(body, now);
    String user = ctx.user().principal().getString("sub");
    vertx.executeBlocking(() -> store.create(draft, user), false).onSuccess(created ->
        ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .end(QuestionnaireJson.version(created, !created.validFrom().isAfter(now)).encode()))
        .onFailure(ctx::fail);
  }

  public void list(RoutingContext ctx) {
    Instant now = clock.instant();
    vertx.executeBlocking(() -> store.current(now), false).onSuccess(current -> {
      JsonArray list = new JsonArray();
      current.forEach(v -> list.add(QuestionnaireJson.version(v, !v.validFrom().isAfter(now))));
      ctx.json(list);
    }).onFailure(ctx::fail);
  }

  public void versions(RoutingContext ctx) {
    String key = ctx.pathParam("key");
    Instant now = clock.instant();
    vertx.executeBlocking(() -> store.versions(key), false).onSuccess(versions -> {
      if (versions.isEmpty()) {
        ctx.fail(ApiException.notFound("no questionnaire '" + key + "'"));
        return;
      }
      ctx.json(new JsonObject().put("key", key).put("versions", versionsJson(versions, now)));
    }).onFailure(ctx::fail);
  }

  /** Newest first; the one in force now is the newest that has started. */
  private static JsonArray versionsJson(List<QuestionnaireVersion> newestFirst, Instant now) {
    JsonArray array = new JsonArray();
    boolean inForceFound = false;
    for (QuestionnaireVersion v : newestFirst) {
      boolean inForce = !inForceFound && !v.validFrom().isAfter(now);
      inForceFound |= inForce;
      array.add(QuestionnaireJson.version(v, inForce));
    }
    return array;
  }
}
