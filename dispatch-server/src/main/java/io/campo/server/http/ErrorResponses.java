package io.campo.server.http;

import io.campo.server.agent.AgentException;
import io.campo.server.api.ApiException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP answers: {@code {"error": reason, "status": code}}.
 * Anything unexpected is a 500 whose details go to the log, not to the caller.
 */
final class ErrorResponses {

  private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {}

  static void handle(RoutingContext ctx) {
    Throwable f = ctx.failure();
    int status;
    String message;
    if (f instanceof ApiException e) {
      status = e.status();
      message = e.getMessage();
    } else if (f instanceof AgentException e) {
      status = e.kind() == AgentException.Kind.ALREADY_EXISTS ? 409 : 400;
      message = e.getMessage();
    } else if (f == null || f instanceof HttpException) {
      status = f instanceof HttpException h ? h.getStatusCode() : ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      message = switch (status) {
        case 401 -> "authentication required: send 'Authorization: Bearer <token>' from POST /api/auth/login";
        case 403 -> "your role may not do this";
        case 404 -> "no such resource";
        case 405 -> "method not allowed";
        case 413 -> "request body too large";
        default -> "request failed";
      };
    } else {
      status = 500;
      message = "internal error; see the server log";
      log.error("{} {} failed", ctx.request().method(), ctx.request().path(), f);
    }
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", message).put("status", status).encode());
  }
}
