package io.campo.server.observability;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gives every HTTP request an id: the caller's {@code X-Request-Id} when it is a plain token (a proxy's or a client's
 * correlation id), else a new one. The id goes back in the response's {@code X-Request-Id} and is kept on the request's
 * own Vert.x context, where {@link RequestIdToMdc} finds it for every log line written while serving the request — on
 * the event loop and in the blocking work it hands to workers alike, which a thread-bound MDC alone would miss.
 *
 * <p>A header that is not a plain token (too long, spaces, control characters) is replaced, not echoed: it would
 * otherwise forge fields in log lines and in the answer.
 *
 * <p>Stateless and thread-safe.
 */
public final class RequestIds implements Handler<RoutingContext> {

  public static final String HEADER = "X-Request-Id";
  /** The key in the routing context and in the Vert.x context's local data. */
  static final String KEY = "campo.requestId";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  @Override
  public void handle(RoutingContext ctx) {
    String given = ctx.request().getHeader(HEADER);
    String id = given != null && SANE.matcher(given).matches() ? given : generate();
    ctx.put(KEY, id);
    ctx.response().putHeader(HEADER, id);
    // Only a request's own (duplicated) context: the event loop's root context is shared by every request on it.
    if (Vertx.currentContext() instanceof ContextInternal c && c.isDuplicate()) {
      c.localContextData().put(KEY, id);
    }
    ctx.next();
  }

  /** The id of the request being served on this thread, or null outside any request. */
  public static String current() {
    // Only requests' own contexts carry an id; the shared ones (event loops, workers) never do.
    return Vertx.currentContext() instanceof ContextInternal c && c.isDuplicate() ? (String) c.localContextData().get(KEY) : null;
  }

  /** The id given to this request. */
  public static String of(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  /** 128 random bits as 32 hex digits: unique enough to find a request in the logs; not a secret. */
  static String generate() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return String.format("%016x%016x", r.nextLong(), r.nextLong());
  }

  /** Whether {@code id} would be kept as given. */
  static boolean sane(String id) {
    return id != null && SANE.matcher(id).matches();
  }
}
