package io.campo.server.payments.agreement;

import io.campo.server.api.ApiException;
import io.campo.server.team.DebtorScope;
import io.campo.server.team.TeamScope;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /api/debtors/{id}/agreements} (a dispatcher's agreement, confirmed at once), {@code GET
 * /api/debtors/{id}/agreements[?asOf=2027-01-31]} (states on that day, today by default) and {@code POST
 * /api/agreements/{id}/confirm} (an agent's proposal accepted).
 */
public final class AgreementHandlers {

  private final Vertx vertx;
  private final Agreements agreements;
  private final TeamScope scope;

  public AgreementHandlers(Vertx vertx, Agreements agreements, TeamScope scope) {
    this.vertx = vertx;
    this.agreements = agreements;
    this.scope = scope;
  }

  public void create(RoutingContext ctx) {
    String debtor = ctx.pathParam("externalId");
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      throw ApiException.badRequest("the body must be a JSON object like " + AgreementTerms.EXAMPLE);
    }
    if (body == null) {
      throw ApiException.badRequest("the body must be a JSON object like " + AgreementTerms.EXAMPLE);
    }
    List<String> problems = new ArrayList<>();
    AgreementTerms terms = AgreementTerms.read(body, "", agreements.today(), problems);
    if (terms == null) {
      throw ApiException.badRequest(String.join("; ", problems));
    }
    String actor = ctx.user().principal().getString("sub");
    DebtorScope caller = scope.debtorScope(ctx.user().principal());
    vertx.executeBlocking(() -> agreements.create(debtor, terms, actor, caller), false).onSuccess(a -> {
      ctx.response().setStatusCode(201);
      ctx.json(a);
    }).onFailure(ctx::fail);
  }

  public void list(RoutingContext ctx) {
    String debtor = ctx.pathParam("externalId");
    String asOf = ctx.queryParams().get("asOf");
    LocalDate day;
    try {
      day = asOf == null || asOf.isBlank() ? agreements.today() : LocalDate.parse(asOf);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("'asOf' must be a day like 2027-01-31, got '" + asOf + "'");
    }
    DebtorScope caller = scope.debtorScope(ctx.user().principal());
    vertx.executeBlocking(() -> agreements.list(debtor, day, caller), false).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  public void confirm(RoutingContext ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw ApiException.notFound("no agreement '" + ctx.pathParam("id") + "'");
    }
    String actor = ctx.user().principal().getString("sub");
    DebtorScope caller = scope.debtorScope(ctx.user().principal());
    vertx.executeBlocking(() -> agreements.confirm(id, actor, caller), false).onSuccess(ctx::json).onFailure(ctx::fail);
  }
}
