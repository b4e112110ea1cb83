package io.campo.tracking.mqtt;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A topic under {@code campo/agents/{agentId}/{leaf}}, the only tree devices use.
 *
 * @param leaf what follows the agent id: {@code telemetry}, {@code plan}, {@code inbox}, {@code errors}
 */
public record AgentTopic(String agentId, String leaf) {

  public static final String TELEMETRY = "telemetry";
  public static final String ERRORS = "errors";
  public static final String PLAN = "plan";
  public static final String INBOX = "inbox";

  /** Agent ids are what {@code campo agent add} accepts: letters, digits, '.', '_' and '-', 1 to 64. */
  public static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private static final String PREFIX = "campo/agents/";

  public static Optional<AgentTopic> parse(String topic) {
    if (topic == null || !topic.startsWith(PREFIX)) {
      return Optional.empty();
    }
    int slash = topic.indexOf('/', PREFIX.length());
    if (slash < 0) {
      return Optional.empty();
    }
    String agent = topic.substring(PREFIX.length(), slash);
    String leaf = topic.substring(slash + 1);
    if (!AGENT_ID.matcher(agent).matches() || leaf.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new AgentTopic(agent, leaf));
  }

  public static String of(String agentId, String leaf) {
    return PREFIX + agentId + "/" + leaf;
  }

  /**
   * True when a device of {@code agentId} may subscribe to {@code filter}: only its own downlink
   * topics, possibly through wildcards that stay inside its own tree.
   */
  public static boolean maySubscribe(String agentId, String filter) {
    String own = PREFIX + agentId + "/";
    if (!filter.startsWith(own)) {
      return false;
    }
    String rest = filter.substring(own.length());
    return rest.equals("#") || rest.equals("+") || rest.equals(PLAN) || rest.equals(INBOX) || rest.equals(ERRORS);
  }

  /** True when a subscription {@code filter} (already checked by {@link #maySubscribe}) matches {@code topic}. */
  public static boolean matches(String filter, String topic) {
    if (filter.endsWith("/#")) {
      return topic.startsWith(filter.substring(0, filter.length() - 1));
    }
    if (filter.endsWith("/+")) {
      String base = filter.substring(0, filter.length() - 1);
      return topic.startsWith(base) && topic.indexOf('/', base.length()) < 0;
    }
    return filter.equals(topic);
  }
}
