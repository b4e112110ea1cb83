package io.campo.server.observability;

import static net.logstash.logback.argument.StructuredArguments.kv;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per HTTP request once its answer is sent: method, path, status, bytes, duration, user, and (through
 * {@link RequestIdToMdc}) the request id. The path is logged without its query string, where secrets could travel
 * (an enrolment token, a reset link), and no header is logged: a bearer token never reaches the log.
 *
 * <p>Logger {@code campo.access}: route it elsewhere, or turn it off, in the logback configuration.
 */
public final class AccessLog implements Handler<RoutingContext> {

  private static final Logger log = LoggerFactory.getLogger("campo.access");

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(done -> {
      if (!log.isInfoEnabled()) {
        return;
      }
      var user = ctx.user();
      String who = user == null ? "-" : user.principal().getString("sub", "-");
      long micros = (System.nanoTime() - start) / 1000;
      log.info("{} {} {} {} {} {}", kv("method", ctx.request().method().name()), kv("path", ctx.request().path()),
          kv("status", ctx.response().getStatusCode()), kv("bytes", ctx.response().bytesWritten()),
          kv("durationMs", micros / 1000.0), kv("user", who));
    });
    ctx.next();
  }
}
