package io.campo.server.observability;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/**
 * Chooses how the server's log lines look ({@code CAMPO_LOG_FORMAT}): {@code text} for people (the pattern of
 * {@code logback.xml}), {@code json} for log shippers — one JSON object a line (logstash-logback-encoder's field names:
 * {@code @timestamp}, {@code level}, {@code logger_name}, {@code message}…) with {@code node} and, while a request is
 * served, {@code requestId}. Applied once at start, before the server logs anything of its own; the console appender
 * keeps its place, only its encoder changes, so an operator's own logback configuration of other appenders stays.
 */
public final class LogOutput {

  /** The console appender of logback.xml (and logback-test.xml). */
  public static final String CONSOLE = "OUT";
  public static final String NODE_PROPERTY = "node";

  private static Encoder<ILoggingEvent> textEncoder;

  private LogOutput() {}

  /**
   * @param format {@code text} or {@code json}
   * @param nodeId this node's name, in every JSON line
   */
  public static synchronized void use(String format, String nodeId) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    if (context.getTurboFilterList().stream().noneMatch(f -> f instanceof RequestIdToMdc)) {
      RequestIdToMdc filter = new RequestIdToMdc();
      filter.setContext(context);
      filter.start();
      context.addTurboFilter(filter);
    }
    context.putProperty(NODE_PROPERTY, nodeId);
    if (!(console(context) instanceof OutputStreamAppender<ILoggingEvent> out)) {
      return;
    }
    Encoder<ILoggingEvent> current = out.getEncoder();
    if ("json".equals(format) && !(current instanceof LogstashEncoder)) {
      textEncoder = current;
      LogstashEncoder json = new LogstashEncoder();
      json.setContext(context);
      // Log shippers index fields, not stack-trace prose: one line per event, the trace in its own field.
      json.setIncludeCallerData(false);
      json.start();
      out.setEncoder(json);
    } else if ("text".equals(format) && current instanceof LogstashEncoder && textEncoder != null) {
      out.setEncoder(textEncoder);
    }
  }

  static Appender<ILoggingEvent> console(LoggerContext context) {
    return context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender(CONSOLE);
  }
}
