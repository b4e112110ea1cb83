package io.campo.server.http;

import io.campo.server.auth.LoginHandler;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/** Lets a request through only when its JWT's role is one of the route's declared roles. */
public final class Roles {

  public static final String ADMIN = "admin";
  public static final String DISPATCHER = "dispatcher";
  public static final String MANAGER = "manager";
  public static final String AGENT = LoginHandler.AGENT_ROLE;

  private Roles() {}

  static Handler<RoutingContext> require(Set<String> allowed) {
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
