package io.campo.server.http;

import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The table of authenticated routes: path, method, roles, handler. Public routes (login, health) are not here. */
public final class ApiRoutes {

  /** Everyone who works in the office; agents only reach the routes their phone needs. */
  static final Set<String> OFFICE = Set.of(Roles.ADMIN, Roles.DISPATCHER, Roles.MANAGER);
  private static final Set<String> PLANNERS = Set.of(Roles.ADMIN, Roles.DISPATCHER);
  private static final Set<String> ADMINS = Set.of(Roles.ADMIN);
  private static final Set<String> AGENTS = Set.of(Roles.AGENT);

  private ApiRoutes() {}

  public static List<ApiRoute> of(ApiHandlers api) {
    List<ApiRoute> routes = new ArrayList<>();
    add(routes, GET, "/api/agents", OFFICE, api.agents()::list);
    add(routes, POST, "/api/agents", ADMINS, api.agents()::create);
    add(routes, GET, "/api/agents/:id/track", OFFICE, api.agents()::track);
    add(routes, POST, "/api/plans", PLANNERS, api.plans()::submit);
    add(routes, GET, "/api/plans/:id", OFFICE, api.plans()::get);
    add(routes, POST, "/api/visits", AGENTS, api.visits()::submit);
    add(routes, GET, "/api/visits/:id", OFFICE, api.visits()::get);
    add(routes, POST, "/api/visits/:id/override", PLANNERS, api.visits()::override);
    add(routes, GET, "/api/debtors/:id/log", OFFICE, api.clientLog()::get);
    add(routes, POST, "/api/debtors/import", PLANNERS, api.portfolio()::importDebtors);
    add(routes, GET, "/api/debtors/:externalId", OFFICE, api.portfolio()::debtor);
    add(routes, GET, "/api/groups/:groupId", OFFICE, api.portfolio()::group);
    add(routes, POST, "/api/questionnaires", PLANNERS, api.questionnaires()::create);
    add(routes, GET, "/api/questionnaires", OFFICE, api.questionnaires()::list);
    add(routes, GET, "/api/questionnaires/:key", OFFICE, api.questionnaires()::versions);
    return List.copyOf(routes);
  }

  private static void add(List<ApiRoute> routes, HttpMethod method, String path, Set<String> roles,
      Handler<RoutingContext> handler) {
    routes.add(new ApiRoute(method, path, roles, handler));
  }
}
