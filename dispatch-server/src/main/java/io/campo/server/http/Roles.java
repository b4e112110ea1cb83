package io.campo.server.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/** Lets a request through only when its JWT's role is one of the route's declared roles. */
final class Roles {

  static final String ADMIN = "admin";
  static final String DISPATCHER = "dispatcher";
  static final String MANAGER = "manager";
  static final String AGENT = "agent";

  private Roles() {}

  static Handler<RoutingContext> require(String... roles) {
    Set<String> allowed = Set.of(roles);
    return ctx -> {
      String role = ctx.user() == null ? null : ctx.user().principal().getString("role");
      if (role != null && allowed.contains(role)) {
        ctx.next();
      } else {
        ctx.fail(403);
      }
    };
  }
}
