package io.campo.server.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Puts the current request's id ({@link RequestIds}) into the MDC as {@code requestId} just before a log event is
 * made, so that both log formats carry it ({@code %X{requestId}} in text, a field in JSON). Vert.x serves many requests
 * on one thread, so the id cannot simply stay in a thread's MDC between events: it is read from the Vert.x context of
 * the code that logs, and removed when that code serves no request.
 *
 * <p>Turbo filters run for every logging call, enabled or not: a call below the logger's level returns at once.
 */
public final class RequestIdToMdc extends TurboFilter {

  public static final String MDC_KEY = "requestId";

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level == null || !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
      return FilterReply.NEUTRAL;
    }
    String id = RequestIds.current();
    if (id == null) {
      MDC.remove(MDC_KEY);
    } else {
      MDC.put(MDC_KEY, id);
    }
    return FilterReply.NEUTRAL;
  }
}
