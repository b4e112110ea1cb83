package io.campo.server.http;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The table of authenticated routes: path, method, roles, handler. Public routes (login, health) are not here. */
public final class ApiRoutes {

  /** Everyone who works in the office; agents only reach the routes their phone needs. */
  public static final Set<String> OFFICE = Set.of(Roles.ADMIN, Roles.DISPATCHER, Roles.MANAGER);
  private static final Set<String> PLANNERS = Set.of(Roles.ADMIN, Roles.DISPATCHER);
  private static final Set<String> ADMINS = Set.of(Roles.ADMIN);
  private static final Set<String> AGENTS = Set.of(Roles.AGENT);

  private static final String AGENT_PATH = "/api/agents/:id";
  private static final String DEBTOR_PATH = "/api/debtors/:";
  /** Raw image bodies: the one route whose body may exceed CAMPO_MAX_BODY_BYTES (up to CAMPO_PHOTO_MAX_BYTES). */
  static final String VISIT_PHOTOS_PATH = "/api/visits/:id/photos";
  /** The signature's PNG: the same body limit as photos. */
  static final String VISIT_SIGNATURE_PATH = "/api/visits/:id/signature";
  /** Visit evidence is read by the office under team scope and by the agent who uploaded it (the handler scopes both). */
  private static final Set<String> EVIDENCE_READERS = Set.of(Roles.ADMIN, Roles.DISPATCHER, Roles.MANAGER, Roles.AGENT);

  private ApiRoutes() {}

  public static List<ApiRoute> of(ApiHandlers api) {
    List<ApiRoute> routes = new ArrayList<>();
    add(routes, GET, "/api/agents", OFFICE, api.agents()::list);
    add(routes, POST, "/api/agents", ADMINS, api.agents()::create);
    add(routes, POST, "/api/agents/:id/token", ADMINS, api.agents()::rotateToken);
    add(routes, PUT, "/api/agents/:id/active", ADMINS, api.agents()::setActive);
    add(routes, GET, "/api/agents/:id/track", OFFICE, api.agents()::track);
    add(routes, GET, "/api/agents/:id/day", OFFICE, api.agentDays()::day);
    add(routes, GET, "/api/agents/:id/timeline", OFFICE, api.agentDays()::timeline);
    add(routes, POST, "/api/agents/:id/messages", PLANNERS, api.messages()::send);
    add(routes, GET, "/api/agents/:id/messages", OFFICE, api.messages()::list);
    add(routes, GET, "/api/map/settings", OFFICE, api.map()::settings);
    add(routes, GET, "/api/map/roads", OFFICE, api.map()::roads);
    add(routes, POST, "/api/plans", PLANNERS, api.plans()::submit);
    add(routes, GET, "/api/plans/:id", OFFICE, api.plans()::get);
    add(routes, POST, "/api/plans/:id/replan", PLANNERS, api.plans()::replan);
    add(routes, PUT, "/api/territories/:id", PLANNERS, api.plans().territories()::put);
    add(routes, GET, "/api/territories", OFFICE, api.plans().territories()::list);
    add(routes, PUT, "/api/debtors/:externalId/agent", PLANNERS, api.plans().territories()::reserveDebtor);
    add(routes, POST, "/api/visits", AGENTS, api.visits()::submit);
    add(routes, GET, "/api/visits/:id", OFFICE, api.visits()::get);
    add(routes, POST, "/api/visits/:id/override", PLANNERS, api.visits()::override);
    add(routes, GET, "/api/debtors/:id/log", OFFICE, api.clientLog()::get);
    add(routes, POST, "/api/debtors/import", PLANNERS, api.portfolio()::importDebtors);
    add(routes, GET, "/api/debtors/:externalId", OFFICE, api.portfolio()::debtor);
    add(routes, GET, "/api/debtors", OFFICE, api.portfolio()::search);
    add(routes, GET, "/api/debtors/:externalId/contact-windows", OFFICE, api.reports()::debtorContactWindows);
    add(routes, PUT, "/api/debtors/:externalId/team", PLANNERS, api.debtorTeams()::assign);
    add(routes, GET, "/api/groups/:groupId", OFFICE, api.portfolio()::group);
    add(routes, POST, "/api/questionnaires", PLANNERS, api.questionnaires()::create);
    add(routes, GET, "/api/questionnaires", OFFICE, api.questionnaires()::list);
    add(routes, GET, "/api/questionnaires/:key", OFFICE, api.questionnaires()::versions);
    add(routes, POST, "/api/teams", ADMINS, api.teams()::create);
    add(routes, GET, "/api/teams", OFFICE, api.teams()::list);
    add(routes, PUT, "/api/agents/:id/team", ADMINS, api.teams()::assignAgent);
    add(routes, POST, "/api/users", ADMINS, api.users()::create);
    add(routes, GET, "/api/users", ADMINS, api.users()::list);
    add(routes, PUT, "/api/users/:username/teams", ADMINS, api.users()::setTeams);
    add(routes, PUT, "/api/users/:username/role", ADMINS, api.users()::setRole);
    add(routes, PUT, "/api/users/:username/password", ADMINS, api.users()::setPassword);
    add(routes, PUT, "/api/auth/password", OFFICE, api.login()::changeOwnPassword);
    add(routes, DELETE, "/api/users/:username", ADMINS, api.users()::delete);
    add(routes, GET, "/api/reports/contact-hours", OFFICE, api.reports()::contactHours);
    add(routes, POST, "/api/reports/contact-hours", OFFICE, api.reports()::contactHoursInZone);
    add(routes, GET, "/api/reports/kpis", OFFICE, api.reports()::kpis);
    // The agent app: always the token's own agent (no agent id in the path to get wrong).
    add(routes, GET, "/api/me/settings", AGENTS, api.agentApp()::settings);
    add(routes, GET, "/api/me/day", AGENTS, api.agentApp()::day);
    add(routes, GET, "/api/me/questionnaires", AGENTS, api.agentApp()::questionnaires);
    add(routes, GET, "/api/me/messages", AGENTS, api.agentApp()::messages);
    add(routes, POST, "/api/me/messages", AGENTS, api.agentApp()::reply);
    add(routes, POST, VISIT_PHOTOS_PATH, AGENTS, api.agentApp()::uploadPhoto);
    add(routes, POST, VISIT_SIGNATURE_PATH, AGENTS, api.agentApp()::uploadSignature);
    add(routes, GET, "/api/visits/:id/evidence", EVIDENCE_READERS, api.agentApp().evidence()::list);
    add(routes, GET, "/api/evidence/:id", EVIDENCE_READERS, api.agentApp().evidence()::file);
    add(routes, GET, "/api/evidence/:id/thumbnail", EVIDENCE_READERS, api.agentApp().evidence()::thumbnail);
    add(routes, GET, "/api/agents/:id/enrolment", ADMINS, api.enrolment()::enrolment);
    add(routes, POST, "/api/me/address-corrections", AGENTS, api.pinCorrections()::propose);
    add(routes, GET, "/api/address-corrections", PLANNERS, api.pinCorrections()::list);
    add(routes, POST, "/api/address-corrections/:id/approve", PLANNERS, api.pinCorrections()::approve);
    add(routes, POST, "/api/address-corrections/:id/reject", PLANNERS, api.pinCorrections()::reject);
    // Work-hours-only tracking (issue #17 item 5): docs/work-hours.md.
    add(routes, GET, "/api/agents/:id/schedule", OFFICE, api.shifts()::get);
    add(routes, PUT, "/api/agents/:id/schedule", PLANNERS, api.shifts()::put);
    add(routes, DELETE, "/api/agents/:id/schedule", PLANNERS, api.shifts()::delete);
    add(routes, GET, "/api/me/shift", AGENTS, api.shifts()::mine);
    add(routes, POST, "/api/me/shift", AGENTS, api.shifts()::act);
    // Visit rules per agency, segment and product (issue #17 item 6): docs/visit-rules.md.
    add(routes, GET, "/api/visit-rules", OFFICE, api.visitRules()::get);
    add(routes, PUT, "/api/visit-rules", ADMINS, api.visitRules()::put);
    add(routes, POST, "/api/payments", PLANNERS, api.payments().payments()::record);
    add(routes, POST, "/api/debtors/:externalId/agreements", PLANNERS, api.payments().agreements()::create);
    add(routes, GET, "/api/debtors/:externalId/agreements", OFFICE, api.payments().agreements()::list);
    add(routes, POST, "/api/agreements/:id/confirm", PLANNERS, api.payments().agreements()::confirm);
    add(routes, POST, "/api/debtors/:externalId/payment-link", PLANNERS, api.payments().pages()::issue);
    // Debtor outreach (issue #15): templates and campaigns; the providers' webhooks are public (HttpApiVerticle).
    add(routes, POST, "/api/message-templates", PLANNERS, api.outreach().templates()::create);
    add(routes, GET, "/api/message-templates", OFFICE, api.outreach().templates()::list);
    add(routes, POST, "/api/message-templates/:id/preview", OFFICE, api.outreach().templates()::preview);
    add(routes, POST, "/api/campaigns", PLANNERS, api.outreach().campaigns()::create);
    add(routes, GET, "/api/campaigns", OFFICE, api.outreach().campaigns()::list);
    add(routes, GET, "/api/campaigns/:id", OFFICE, api.outreach().campaigns()::get);
    add(routes, POST, "/api/strategies", PLANNERS, api.outreach().strategies()::create);
    add(routes, GET, "/api/strategies", OFFICE, api.outreach().strategies()::list);
    add(routes, GET, "/api/opt-outs", OFFICE, api.outreach().optOuts()::list);
    add(routes, POST, "/api/opt-outs", PLANNERS, api.outreach().optOuts()::record);
    add(routes, GET, "/api/alerts", OFFICE, api.alerts()::list);
    return scopedToTeams(routes, api);
  }

  /**
   * Every route about one agent ({@code /api/agents/:id/...}) or one debtor ({@code /api/debtors/:id/...}) answers only
   * for agents or debtors of the caller's teams: the check is added here, to the whole table, so that no such route can
   * forget it. It runs after the role check.
   */
  private static List<ApiRoute> scopedToTeams(List<ApiRoute> routes, ApiHandlers api) {
    return routes.stream()
        .map(r -> r.path().equals(AGENT_PATH) || r.path().startsWith(AGENT_PATH + "/")
            ? new ApiRoute(r.method(), r.path(), r.roles(), api.teamScope().guardingAgentId(r.handler()))
            : r)
        .map(r -> r.path().startsWith(DEBTOR_PATH)
            ? new ApiRoute(r.method(), r.path(), r.roles(), api.debtorTeams().guarding(debtorParam(r.path()), r.handler()))
            : r)
        .toList();
  }

  /** The name of the debtor's path parameter: {@code externalId} in {@code /api/debtors/:externalId/log}. */
  static String debtorParam(String path) {
    String rest = path.substring(DEBTOR_PATH.length());
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  private static void add(List<ApiRoute> routes, HttpMethod method, String path, Set<String> roles,
      Handler<RoutingContext> handler) {
    routes.add(new ApiRoute(method, path, roles, handler));
  }
}
