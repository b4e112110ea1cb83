package io.campo.server.planning;

import io.campo.routing.api.Agent;
import io.campo.routing.api.PlanRequest;
import io.campo.routing.api.Visit;
import io.campo.server.api.ApiException;
import io.campo.server.api.JsonBodies;
import io.campo.server.api.PathIds;
import io.campo.server.config.CampoConfig;
import io.campo.server.outreach.compliance.ContactGate;
import io.campo.server.outreach.compliance.ContactHours;
import io.campo.server.outreach.compliance.PlannedVisitGate;
import io.campo.server.planning.cadence.DebtorCadence;
import io.campo.server.planning.replan.DayProgress;
import io.campo.server.planning.replan.RemainingDay;
import io.campo.server.planning.territory.TerritoryHandlers;
import io.campo.server.planning.territory.Territories;
import io.campo.server.portfolio.PortfolioVisits;
import io.campo.server.team.DebtorScope;
import io.campo.server.team.TeamScope;
import io.campo.tracking.ingest.LatestPositions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import javax.sql.DataSource;

/**
 * {@code POST /api/plans} starts a planning job for one team, with visits listed in the request and/or drawn from the
 * team's portfolio, for one day or several; {@code GET /api/plans/{id}} shows it; {@code POST /api/plans/{id}/replan}
 * re-optimises the rest of its day from the agents' live positions.
 */
public final class PlanHandlers {

  private final Vertx vertx;
  private final PlanJobs jobs;
  private final PortfolioVisits portfolio;
  private final ContactWindowing contactWindowing;
  private final ZoneId zone;
  private final TeamScope teamScope;
  private final PlanningStores stores;

  /**
   * The stores and live state the team, cadence, territory and re-plan rules read.
   *
   * @param clock what "now" is for a re-plan
   */
  public record PlanningStores(DebtorCadence cadence, Territories territories, TeamAgents teamAgents, DayProgress dayProgress,
      LatestPositions positions, Clock clock, VisitGates visitGates) {

    /** The stores on the server's database; the contact gate of the agency's {@code CAMPO_CONTACT_*} rules. */
    public static PlanningStores of(DataSource ds, CampoConfig config, LatestPositions positions, Clock clock) {
      ContactGate gate = ContactGate.of(config.outreach().contact(), config.timeZone());
      Territories territories = new Territories(ds);
      return new PlanningStores(new DebtorCadence(ds, config.cadence(), config.timeZone()), territories,
          territories::agentsOutside, new DayProgress(ds, config.timeZone()), positions, clock,
          day -> gate.plannedVisits(ds, day));
    }
  }

  /** The contact gate for a plan's field visits (blocking). */
  @FunctionalInterface
  public interface VisitGates {
    PlannedVisitGate on(LocalDate planDate) throws SQLException;
  }

  /** Which of these agents are not in the team (blocking). */
  @FunctionalInterface
  public interface TeamAgents {
    Set<String> outside(String team, Set<String> agentIds) throws SQLException;
  }

  private final TerritoryHandlers territories;

  public PlanHandlers(Vertx vertx, PlanJobs jobs, PortfolioVisits portfolio, ContactWindowing contactWindowing, ZoneId zone,
      TeamScope teamScope, PlanningStores stores) {
    this.vertx = vertx;
    this.jobs = jobs;
    this.portfolio = portfolio;
    this.contactWindowing = contactWindowing;
    this.zone = zone;
    this.teamScope = teamScope;
    this.stores = stores;
    this.territories = new TerritoryHandlers(vertx, stores.territories(), teamScope);
  }

  /** The routes of territories and agent-reserved debtors. */
  public TerritoryHandlers territories() {
    return territories;
  }

  public void submit(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx,
        "{\"date\": \"2026-11-24\", \"team\": \"norte\", \"agents\": [{\"id\": \"a1\", \"shiftStart\": \"08:00\", \"shiftEnd\": \"17:00\","
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
    int days = days(body);
    DebtorScope planner = teamScope.debtorScope(ctx.user().principal());
    String team = team(body, planner, selection != null);
    PortfolioVisits.Selection fromPortfolio = selection;
    String user = ctx.user().principal().getString("sub");
    JsonObject extras = body.copy();
    extras.remove("agents");
    extras.remove("visits");
    if (team != null) {
      extras.put("team", team);
    }
    vertx.executeBlocking(() -> {
      Set<String> agentIds = new TreeSet<>(listed.agents().stream().map(Agent::id).toList());
      if (team != null) {
        Set<String> outside = stores.teamAgents().outside(team, agentIds);
        if (!outside.isEmpty()) {
          throw ApiException.badRequest("agents " + String.join(", ", new TreeSet<>(outside)) + " are not in team '" + team
              + "'; a team's plan routes its own agents (PUT /api/agents/{id}/team)");
        }
      }
      List<Visit> drawn = List.of();
      PortfolioRules rules = null;
      PlannedVisitGate gate = null;
      List<Agent> agents = listed.agents();
      if (fromPortfolio != null) {
        gate = stores.visitGates().on(listed.date());
        if (listed.visits().isEmpty() && gate.hoursOn(listed.date()).isEmpty()) {
          throw ApiException.badRequest(listed.date() + " is a rest day (CAMPO_CONTACT_REST_DAYS): no debtor is visited on it,"
              + " so a plan drawn from the portfolio would have no visits; plan from the next working day");
        }
        rules = new PortfolioRules(gate, stores.cadence().load(listed.date()), stores.territories().mapOf(team), agentIds);
        drawn = portfolio.select(fromPortfolio, listed.date(), planner, team, rules);
        agents = agents.stream().map(PlanHandlers::withOwnSkill).toList();
      }
      PlannedVisitGate visitGate = gate;
      int[] restDay = {0};
      int[] learnedWindows = {fromPortfolio == null ? -1 : 0};
      List<Agent> dayAgents = agents;
      List<Visit> portfolioVisits = drawn;
      List<LocalDate> dates = IntStream.range(0, days).mapToObj(listed.date()::plusDays).toList();
      PlanSubmission.DayRequests requests = (day, plannedBefore) -> {
        List<Agent> onDay = dayAgents.stream().map(a -> PlanDays.onDay(a, day, zone)).toList();
        Instant lastShiftEnd = onDay.stream().map(Agent::shiftEnd).max(Comparator.naturalOrder()).orElse(Instant.MIN);
        List<Visit> visits = new ArrayList<>();
        for (Visit v : listed.visits()) {
          if (!plannedBefore.contains(v.id())) {
            PlanDays.onDay(v, dates.get(day), zone, lastShiftEnd, day == days - 1).ifPresent(visits::add);
          }
        }
        List<Visit> fromTheTeam = portfolioVisits.stream().filter(v -> !plannedBefore.contains(v.id())).toList();
        if (fromPortfolio != null && fromPortfolio.useContactWindows()) {
          ContactWindowing.Applied applied = contactWindowing.apply(fromTheTeam, onDay, dates.get(day));
          fromTheTeam = applied.visits();
          if (day == 0) {
            learnedWindows[0] = applied.windowed();
          }
        }
        // The contact gate's hours of this day; on a rest day the drawn debtors wait for the next day of the plan.
        Optional<ContactHours> hours = visitGate == null ? Optional.empty() : visitGate.hoursOn(dates.get(day));
        if (visitGate != null && hours.isEmpty()) {
          restDay[0] += day == 0 ? fromTheTeam.size() : 0;
          fromTheTeam = List.of();
        }
        Set<String> drawnToday = new HashSet<>(fromTheTeam.stream().map(Visit::id).toList());
        visits.addAll(fromTheTeam);
        visits = PlanDays.lastChanceFirst(visits, dates.get(day), zone, day == days - 1);
        if (hours.isPresent()) {
          // Clipped after the last-chance ranking: the hours are every day's, so they must not make a drawn visit look
          // as if today were its only chance.
          List<Visit> clipped = new ArrayList<>(visits.size());
          for (Visit v : visits) {
            clipped.add(drawnToday.contains(v.id()) ? ContactHoursClip.clip(List.of(v), hours.get()).get(0) : v);
          }
          visits = clipped;
        }
        return new PlanRequest(dates.get(day), onDay, visits, listed.seed(), listed.timeLimit(), listed.maxSnapDistanceMeters(),
            listed.maxIterations());
      };
      List<PlanJobs.Accepted> accepted = jobs.submit(new PlanSubmission(team, null, dates, requests, Map.of(), extras), user);
      JsonObject answer = new JsonObject().put("id", accepted.get(0).id()).put("status", "running")
          .put("date", listed.date().toString()).put("team", team).put("visits", accepted.get(0).request().visits().size());
      if (learnedWindows[0] >= 0) {
        answer.put("learnedWindows", learnedWindows[0]);
      }
      if (rules != null) {
        rules.restDay(restDay[0]);
        answer.put("portfolio", rules.report());
      }
      if (days > 1) {
        JsonArray all = new JsonArray();
        accepted.forEach(a -> all.add(new JsonObject().put("id", a.id()).put("date", a.date().toString())));
        answer.put("days", all);
      }
      return answer;
    }, false).onSuccess(answer -> ctx.response().setStatusCode(202).putHeader("Location", "/api/plans/" + answer.getLong("id"))
        .putHeader("Content-Type", "application/json").end(answer.encode())).onFailure(ctx::fail);
  }

  /** The agent with the skill that routes its own debtors to it ({@link PortfolioRules#agentSkill}). */
  private static Agent withOwnSkill(Agent a) {
    Set<String> skills = new HashSet<>(a.skills());
    skills.add(PortfolioRules.agentSkill(a.id()));
    return new Agent(a.id(), a.profile(), a.shiftStart(), a.shiftEnd(), a.start(), a.end(), a.lunch(), a.maxVisits(), skills);
  }

  private static int days(JsonObject body) {
    Object v = body.getValue("days");
    if (v == null) {
      return 1;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.doubleValue() >= 1
        && n.doubleValue() <= PlanDays.MAX_DAYS) {
      return n.intValue();
    }
    throw ApiException.badRequest("'days' must be a whole number from 1 to " + PlanDays.MAX_DAYS + ", got " + v);
  }

  /**
   * The team the plan is for: named by {@code "team"}, else a dispatcher's only team, else none for a dispatcher of
   * several teams (the plan spans them). An admin must name one for a plan drawn from the portfolio.
   */
  private static String team(JsonObject body, DebtorScope planner, boolean fromPortfolio) {
    Object v = body.getValue("team");
    if (v != null) {
      if (!(v instanceof String team) || team.isBlank()) {
        throw ApiException.badRequest("'team' must be a team id like \"norte\", got " + v);
      }
      if (!planner.admits(team)) {
        throw new ApiException(403, "team '" + team + "' is not one of yours; you plan for "
            + (planner.teams().isEmpty() ? "no team" : String.join(", ", new TreeSet<>(planner.teams()))));
      }
      return team;
    }
    if (!planner.everyDebtor()) {
      if (planner.teams().size() == 1) {
        return planner.teams().iterator().next();
      }
      if (planner.teams().isEmpty()) {
        throw new ApiException(403, "you are in no team, so there is no portfolio or agent you may plan for; ask an admin");
      }
      // A dispatcher of several teams who names none plans over all of them (docs/planning.md): the plan is stored
      // without a team, its portfolio and agents still limited to the dispatcher's teams.
      return null;
    }
    if (fromPortfolio) {
      throw ApiException.badRequest("an admin names the team whose portfolio to plan: add \"team\": \"norte\"");
    }
    return null;
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

  /**
   * Re-optimises the rest of a finished plan's day ({@link RemainingDay}) as a new plan of the same team and date; the
   * phones get it on their retained plan topic and in {@code GET /api/me/day}, the map by the live feed's
   * {@code plan.replanned}.
   */
  public void replan(RoutingContext ctx) {
    long id = PathIds.number(ctx, "plan");
    JsonObject principal = ctx.user().principal();
    String user = principal.getString("sub");
    vertx.executeBlocking(() -> {
      PlanJobs.Stored plan = jobs.stored(id).orElseThrow(() -> ApiException.notFound("no plan " + id));
      JsonArray planAgents = plan.request().getJsonArray("agents", new JsonArray());
      if (!planAgents.stream().allMatch(a -> a instanceof JsonObject o && teamScope.canSee(principal, o.getString("id")))) {
        throw ApiException.notFound("no plan " + id);
      }
      if (!plan.status().equals("done")) {
        throw new ApiException(409, plan.status().equals("running")
            ? "plan " + id + " is still being computed; re-plan it once it is done"
            : "plan " + id + " failed, so there is no day to re-plan; submit a new plan");
      }
      // A re-plan of a re-plan: the visits that were in progress then are visits of the day again (done, at the door, or
      // still to do).
      JsonObject asPlanned = plan.request().copy();
      JsonArray carried = asPlanned.getJsonArray("inProgress", new JsonArray());
      if (!carried.isEmpty()) {
        JsonArray visits = asPlanned.getJsonArray("visits", new JsonArray()).copy();
        carried.forEach(visits::add);
        asPlanned.put("visits", visits);
      }
      PlanRequest original = new PlanRequestReader(zone).read(asPlanned);
      // The routes' stops too: a re-plan's done visits are in its routes, no longer in its request.
      Set<String> visitIds = new HashSet<>(original.visits().stream().map(Visit::id).toList());
      JsonArray routes = plan.result().getJsonArray("routes", new JsonArray());
      routes.forEach(r -> ((JsonObject) r).getJsonArray("stops", new JsonArray())
          .forEach(s -> visitIds.add(((JsonObject) s).getString("visitId"))));
      Map<String, RemainingDay.Position> positions = new HashMap<>();
      for (Agent a : original.agents()) {
        stores.positions().of(a.id()).ifPresent(f -> positions.put(a.id(), new RemainingDay.Position(f.lat(), f.lon())));
      }
      RemainingDay.Remainder rest = RemainingDay.of(original, routes,
          stores.dayProgress().recorded(visitIds, plan.date()), positions, stores.dayProgress().radiusMeters(visitIds),
          stores.clock().instant());
      if (rest.request().isEmpty()) {
        throw new ApiException(409, "plan " + id + ": " + rest.problem());
      }
      JsonObject extras = new JsonObject().put("replanOf", id)
          .put("inProgress", new JsonArray(rest.inProgress().stream().map(v -> (Object) PlanRequestJson.visit(v)).toList()));
      if (plan.team() != null) {
        extras.put("team", plan.team());
      }
      PlanRequest remainder = rest.request().get();
      PlanJobs.Accepted accepted = jobs.submit(new PlanSubmission(plan.team(), id, List.of(plan.date()),
          (day, before) -> remainder, rest.fixedStops(), extras), user).get(0);
      JsonObject kept = new JsonObject();
      rest.fixedStops().forEach((agent, stops) -> kept.put(agent, stops.size()));
      return new JsonObject().put("id", accepted.id()).put("status", "running").put("date", plan.date().toString())
          .put("team", plan.team()).put("replanOf", id).put("visits", remainder.visits().size()).put("kept", kept);
    }, false).onSuccess(answer -> ctx.response().setStatusCode(202).putHeader("Location", "/api/plans/" + answer.getLong("id"))
        .putHeader("Content-Type", "application/json").end(answer.encode())).onFailure(ctx::fail);
  }
}
