package io.campo.server.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * One authenticated {@code /api} route and the roles it admits. Every such route is a row of {@link ApiRoutes}, so a
 * test can walk the whole table and prove that none of them answers an anonymous caller or a caller of the wrong role.
 */
public record ApiRoute(HttpMethod method, String path, Set<String> roles, Handler<RoutingContext> handler) {

  public ApiRoute {
    if (roles.isEmpty()) {
      throw new IllegalArgumentException(method + " " + path + " admits no role");
    }
    roles = Set.copyOf(roles);
  }
}
