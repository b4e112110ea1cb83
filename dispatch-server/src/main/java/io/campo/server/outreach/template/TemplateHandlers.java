package io.campo.server.outreach.template;

import io.campo.server.api.ApiException;
import io.campo.server.api.JsonBodies;
import io.campo.server.api.PathIds;
import io.campo.server.outreach.DebtorRefs;
import io.campo.server.team.DebtorScope;
import io.campo.server.team.TeamScope;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * {@code POST /api/message-templates}, {@code GET /api/message-templates} and
 * {@code POST /api/message-templates/{id}/preview} ({@code {"debtor": externalId}}: the text as that debtor would get it).
 */
public final class TemplateHandlers {

  /** A preview issues no payment link (each one is a live credential): it shows where the link goes instead. */
  static final String PREVIEW_PAYMENT_LINK = "[liga de pago: una nueva por mensaje]";

  private final Vertx vertx;
  private final DataSource dataSource;
  private final MessageTemplates templates;
  private final TemplateValues values;
  private final TeamScope scope;
  private final ZoneId zone;
  private final Clock clock;

  public TemplateHandlers(Vertx vertx, DataSource dataSource, MessageTemplates templates, TemplateValues values,
      TeamScope scope, ZoneId zone, Clock clock) {
    this.vertx = vertx;
    this.dataSource = dataSource;
    this.templates = templates;
    this.values = values;
    this.scope = scope;
    this.zone = zone;
    this.clock = clock;
  }

  public void create(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx, TemplateDraft.EXAMPLE);
    TemplateDraft.Reading reading = TemplateDraft.read(body, values.paymentLinksAvailable());
    if (reading instanceof TemplateDraft.Invalid invalid) {
      throw ApiException.badRequest("template refused: " + String.join("; ", invalid.reasons()));
    }
    TemplateDraft draft = ((TemplateDraft.Valid) reading).draft();
    String actor = ctx.user().principal().getString("sub");
    vertx.executeBlocking(() -> templates.create(draft, actor), false).onSuccess(created -> {
      if (created.isEmpty()) {
        ctx.fail(new ApiException(409, "a " + draft.channel().id() + " template named '" + draft.name() + "' in "
            + draft.language() + " exists already"));
      } else {
        ctx.response().setStatusCode(201);
        ctx.json(created.get().toJson().put("variables", variableNames(draft.parsed().variables())));
      }
    }).onFailure(ctx::fail);
  }

  public void list(RoutingContext ctx) {
    vertx.executeBlocking(templates::list, false).onSuccess(all -> {
      JsonArray list = new JsonArray();
      all.forEach(t -> list.add(t.toJson()));
      ctx.json(new JsonObject().put("templates", list));
    }).onFailure(ctx::fail);
  }

  public void preview(RoutingContext ctx) {
    long id = PathIds.number(ctx, "template");
    JsonObject body = JsonBodies.object(ctx, "{\"debtor\":\"C-1001\"}");
    String debtor = JsonBodies.string(body, "debtor");
    if (debtor == null || debtor.isBlank()) {
      throw ApiException.badRequest("debtor is required: the external id of the debtor whose data fills the template");
    }
    DebtorScope caller = scope.debtorScope(ctx.user().principal());
    vertx.executeBlocking(() -> {
      try (Connection c = dataSource.getConnection()) {
        MessageTemplate t = MessageTemplates.byId(c, id).orElseThrow(() -> ApiException.notFound("no template " + id));
        long debtorId = DebtorRefs.visibleId(c, debtor, caller)
            .orElseThrow(() -> ApiException.notFound("no debtor '" + debtor + "'"));
        TemplateBody parsed = TemplateBody.parse(t.body());
        Set<TemplateVariable> needed = EnumSet.copyOf(parsed.variables().isEmpty()
            ? EnumSet.of(TemplateVariable.NOMBRE) : parsed.variables());
        needed.remove(TemplateVariable.LIGA_PAGO);
        Map<TemplateVariable, String> v = values.load(c, List.of(debtorId), needed, LocalDate.now(clock.withZone(zone)))
            .get(debtorId);
        if (parsed.variables().contains(TemplateVariable.LIGA_PAGO)) {
          v.put(TemplateVariable.LIGA_PAGO, PREVIEW_PAYMENT_LINK);
        }
        JsonArray missing = new JsonArray();
        for (TemplateVariable var : parsed.variables()) {
          if (!v.containsKey(var)) {
            missing.add(var.token());
            v.put(var, "{" + var.token() + "}");
          }
        }
        return new JsonObject().put("template", t.id()).put("debtor", debtor).put("channel", t.channel().id())
            .put("text", parsed.render(v)).put("parameters", new JsonArray(parsed.parameters(v))).put("missing", missing);
      }
    }, false).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private static JsonArray variableNames(Set<TemplateVariable> variables) {
    JsonArray out = new JsonArray();
    variables.forEach(v -> out.add(v.token()));
    return out;
  }
}
