package io.campo.server.planning;

import io.campo.routing.planning.PlanRequest;
import io.campo.routing.planning.Visit;
import io.campo.server.portfolio.PortfolioVisits;
import java.util.ArrayList;
import java.util.List;
import io.campo.server.api.ApiException;
import io.campo.server.team.DebtorScope;
import io.campo.server.team.TeamScope;
import io.campo.server.api.JsonBodies;
import io.campo.server.api.PathIds;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneId;

/**
 * {@code POST /api/plans} starts a planning job, with visits listed in the request and/or drawn
 * from the portfolio; {@code GET /api/plans/{id}} shows it.
 */
public final class PlanHandlers {

  private final Vertx vertx;
  private final PlanJobs jobs;
  private final PortfolioVisits portfolio;
  private final ContactWindowing contactWindowing;
  private final ZoneId zone;
  private final TeamScope teamScope;

  public PlanHandlers(Vertx vertx, PlanJobs jobs, PortfolioVisits portfolio, ContactWindowing contactWindowing, ZoneId zone,
      TeamScope teamScope) {
    this.vertx = vertx;
    this.jobs = jobs;
    this.portfolio = portfolio;
    this.contactWindowing = contactWindowing;
    this.zone = zone;
    this.teamScope = teamScope;
  }

  public void submit(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx,
        "{\"date\": \"2026-11-24\", \"agents\": [{\"id\": \"a1\", \"shiftStart\": \"08:00\", \"shiftEnd\": \"17:00\","
            + " \"start\": {\"lat\": 19.43, \"lon\": -99.13}}], \"visits\": [{\"id\": \"v1\", \"lat\": 19.44, \"lon\": -99.12}]}");
    PlanRequest listed = new PlanRequestReader(zone).read(body);
    // A dispatcher plans only agents of its teams: the routes go to those agents' phones.
    for (var agent : listed.agents()) {
      teamScope.requireVisible(ctx, agent.id());
    }
    PortfolioVisits.Selection selection = null;
    if (body.getValue("portfolio") instanceof JsonObject p) {
      selection = PortfolioVisits.Selection.from(p);
    } else if (body.getValue("portfolio") != null) {
      throw ApiException.badRequest("'portfolio' must be an object like {\"maxVisits\": 500, \"minDaysPastDue\": 1}");
    }
    PortfolioVisits.Selection fromPortfolio = selection;
    DebtorScope planner = teamScope.debtorScope(ctx.user().principal());
    String user = ctx.user().principal().getString("sub");
    vertx.executeBlocking(() -> {
      PlanRequest request = listed;
      Integer learnedWindows = null;
      if (fromPortfolio != null) {
        List<Visit> drawn = portfolio.select(fromPortfolio, listed.date(), planner);
        learnedWindows = 0;
        if (fromPortfolio.useContactWindows()) {
          ContactWindowing.Applied applied = contactWindowing.apply(drawn, listed.agents(), listed.date());
          drawn = applied.visits();
          learnedWindows = applied.windowed();
        }
        request = withPortfolio(listed, drawn);
      }
      return new Submitted(jobs.submit(request, body, user), request.date().toString(), request.visits().size(), learnedWindows);
    }, false).onSuccess(job -> {
      JsonObject answer = new JsonObject().put("id", job.id()).put("status", "running").put("date", job.date()).put("visits", job.visits());
      if (job.learnedWindows() != null) {
        answer.put("learnedWindows", job.learnedWindows());
      }
      ctx.response().setStatusCode(202).putHeader("Location", "/api/plans/" + job.id()).putHeader("Content-Type", "application/json")
          .end(answer.encode());
    }).onFailure(ctx::fail);
  }

  /** @param learnedWindows how many portfolio visits got windows from their history; null without a portfolio selection */
  private record Submitted(long id, String date, int visits, Integer learnedWindows) {}

  private static PlanRequest withPortfolio(PlanRequest listed, List<Visit> drawn) {
    List<Visit> visits = new ArrayList<>(listed.visits());
    visits.addAll(drawn);
    return new PlanRequest(listed.date(), listed.agents(), visits, listed.seed(), listed.timeLimit(),
        listed.maxSnapDistanceMeters(), listed.maxIterations());
  }

  public void get(RoutingContext ctx) {
    long id = PathIds.number(ctx, "plan");
    vertx.executeBlocking(() -> jobs.find(id), false).onSuccess(found -> {
      // A plan with an agent outside the caller's teams is not there for the caller, as such an agent is not.
      if (found.isEmpty() || !found.get().getJsonArray("agents").stream()
          .allMatch(a -> teamScope.canSee(ctx.user().principal(), String.valueOf(a)))) {
        ctx.fail(ApiException.notFound("no plan " + id));
      } else {
        ctx.json(found.get());
      }
    }).onFailure(ctx::fail);
  }
}
