package io.campo.server.outreach.optout;

import io.campo.server.api.ApiException;
import io.campo.server.api.JsonBodies;
import io.campo.server.outreach.channel.Channel;
import io.campo.server.team.DebtorScope;
import io.campo.server.team.TeamScope;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * {@code GET /api/opt-outs?channel=&q=&limit=&offset=} (office, team-scoped) and {@code POST /api/opt-outs}
 * {@code {"debtor","channel","note"?}} (admins and dispatchers: a debtor asked a person).
 */
public final class OptOutHandlers {

  static final String EXAMPLE = "{\"debtor\": \"D-1001\", \"channel\": \"whatsapp\", \"note\": \"lo pidió por teléfono\"}";

  private final Vertx vertx;
  private final OptOuts optOuts;
  private final TeamScope scope;
  private final Clock clock;

  public OptOutHandlers(Vertx vertx, OptOuts optOuts, TeamScope scope, Clock clock) {
    this.vertx = vertx;
    this.optOuts = optOuts;
    this.scope = scope;
    this.clock = clock;
  }

  public void list(RoutingContext ctx) {
    Channel channel = channel(ctx.queryParams().get("channel"), true);
    String q = ctx.queryParams().get("q");
    String query = q == null || q.isBlank() ? null : q.strip();
    if (query != null && query.length() > 100) {
      throw ApiException.badRequest("'q' is at most 100 characters, got " + query.length());
    }
    int limit = number(ctx.queryParams().get("limit"), "limit", OptOuts.DEFAULT_LIMIT, 1, OptOuts.MAX_LIMIT);
    int offset = number(ctx.queryParams().get("offset"), "offset", 0, 0, 1_000_000);
    DebtorScope caller = scope.debtorScope(ctx.user().principal());
    vertx.executeBlocking(() -> optOuts.list(caller, channel, query, limit, offset), false).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  public void record(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx, EXAMPLE);
    String debtor = body.getValue("debtor") instanceof String s && !s.isBlank() ? s.strip() : null;
    if (debtor == null) {
      throw ApiException.badRequest("'debtor' (the debtor's id) is required, like " + EXAMPLE);
    }
    Channel channel = channel(body.getValue("channel") instanceof String s ? s : null, false);
    Object rawNote = body.getValue("note");
    if (rawNote != null && !(rawNote instanceof String)) {
      throw ApiException.badRequest("'note' must be text");
    }
    String note = rawNote == null || ((String) rawNote).isBlank() ? null : ((String) rawNote).strip();
    if (note != null && note.length() > OptOuts.MAX_NOTE) {
      throw ApiException.badRequest("'note' is at most " + OptOuts.MAX_NOTE + " characters, got " + note.length());
    }
    DebtorScope caller = scope.debtorScope(ctx.user().principal());
    String actor = ctx.user().principal().getString("sub");
    vertx.executeBlocking(() -> optOuts.record(debtor, channel, note, caller, actor, clock.instant()), false).onSuccess(r -> {
      ctx.response().setStatusCode(r.created() ? 201 : 200);
      ctx.json(r.optOut());
    }).onFailure(ctx::fail);
  }

  private static Channel channel(String text, boolean optional) {
    if (text == null || text.isBlank()) {
      if (optional) {
        return null;
      }
      throw ApiException.badRequest("'channel' is required: whatsapp, sms or email");
    }
    return Channel.parse(text).orElseThrow(() -> ApiException.badRequest("'channel' must be whatsapp, sms or email, got '"
        + (text.length() > 20 ? text.substring(0, 20) + "…" : text) + "'"));
  }

  private static int number(String text, String name, int fallback, int min, int max) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(text.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest("'" + name + "' must be a whole number from " + min + " to " + max + ", got '"
        + (text.length() > 20 ? text.substring(0, 20) + "…" : text) + "'");
  }
}
